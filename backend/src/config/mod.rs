//! Configuration from environment variables, with defaults that make
//! `cargo xtask run` work with nothing set.

pub mod brand;
mod union;

use crate::store::retention::Retention;
use brand::Brand;
use renkei_common::api::{ContactDesk, UnionProfile};
use renkei_common::fields::PhoneNumber;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use thiserror::Error;
use time::Duration;
pub use union::UnionInEnglish;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Profile {
    /// Demo data, the call simulator and the mail outbox are available.
    Development,
    /// None of the development aids; cookies are `Secure`.
    Production,
}

/// Which implementation of the core port (`core::CoreBanking`) to run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CoreBackend {
    /// The demo tables in our own database (the default). A union's own
    /// adapter is passed to `Application::build_with` instead.
    Embedded,
}

#[derive(Clone, Debug)]
pub struct Config {
    pub bind: SocketAddr,
    /// `sqlite://…` (embedded default) or `postgres://…`.
    pub database_url: String,
    pub profile: Profile,
    /// The union's core banking system: where accounts, identities, PINs,
    /// balances and transactions are read.
    pub core: CoreBackend,
    /// Load the demo customers of README.md into an empty database.
    pub seed_demo: bool,
    /// With the demo data, the demo app's link on the moved account
    /// (README, FAQ 10). Tests that count links leave it out.
    pub seed_demo_moved_link: bool,
    /// Where the built SPA lives (Trunk's `dist/`).
    pub spa_dir: PathBuf,
    pub union: UnionProfile,
    /// Its name, desk and hours in English (`config::union`).
    pub union_in_english: UnionInEnglish,
    /// The union's colours (`RENKEI_BRAND_COLOR`, `RENKEI_BRAND_COLOR_DARK`).
    pub brand: Brand,
    /// How long one run through screens ①–⑥ may take.
    pub flow_lifetime: Duration,
    /// Access tokens are short-lived; refresh tokens live as long as the
    /// consent.
    pub access_token_lifetime: Duration,
    /// How long a link lasts before the customer authenticates again (the
    /// periodic re-authentication of SPEC §3).
    pub consent_lifetime: Duration,
    /// Wrong identity details (screen ②) allowed per account per JST day;
    /// the one that reaches it locks API authentication until 0:00.
    pub identity_failure_limit: i64,
    /// Wrong PINs (screen ⑤) likewise.
    pub pin_failure_limit: i64,
    /// The least time screen ②'s check takes, whatever its outcome, so that
    /// account_not_handled (no further lookups) cannot be told from
    /// identity_mismatch by the clock: the body is the only difference.
    pub identity_check_floor: std::time::Duration,
    /// Requests in flight on the flow's API before it answers `busy`.
    pub max_in_flight: usize,
    /// How long a connection may take to send a request's headers (10 s):
    /// a client that trickles them (slowloris) holds a connection no
    /// longer than this. Not a setting: tests shorten it.
    pub header_read_timeout: std::time::Duration,
    /// Where Prometheus scrapes `/metrics` (`RENKEI_METRICS_ADDR`, e.g.
    /// `127.0.0.1:9090`): a listener of its own, none by default.
    pub metrics_bind: Option<SocketAddr>,
    /// App providers' origins whose pages may frame ours
    /// (`RENKEI_FRAME_ANCESTORS`, space-separated `https://` origins).
    /// None by default: `frame-ancestors 'none'` and `X-Frame-Options: DENY`.
    pub frame_ancestors: Vec<String>,
    /// How many proxies of ours (load balancers) stand in front and append
    /// to X-Forwarded-For; 0: the connection's address is the customer's.
    pub proxy_hops: usize,
    /// The authentication numbers customers call (E.164); one is drawn at
    /// random for every attempt.
    pub auth_numbers: Vec<PhoneNumber>,
    /// How long the customer has to call (the manual: 120 seconds).
    pub call_window: Duration,
    /// The URL the outside world reaches us at, as the telephony provider
    /// signs it (behind a proxy it differs from the bind address). `None`:
    /// derived from the listening address.
    pub public_url: Option<String>,
    pub twilio: TwilioConfig,
    pub mail: MailConfig,
    pub dpop: DpopConfig,
    /// How long the operation log and sent or failed mail are kept.
    pub retention: Retention,
    pub throttle: ThrottleConfig,
}

/// Throttles on screens ①② (`domain::throttle`): ours, not the manual's,
/// each well above what a real customer does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ThrottleConfig {
    /// Answers of ① (on an app's flow) and ② in one flow
    /// (`RENKEI_THROTTLE_FLOW_ANSWERS`, 20). All going well a customer
    /// answers each once; the daily lock lets them get the details wrong
    /// five times, and each mistyped account number adds a pair: a dozen
    /// at the very worst. A guesser gets 10 account numbers per flow
    /// instead of as many as fit in its 15 minutes.
    pub answers_per_flow: i64,
    /// Identity checks (②) from one client address per window
    /// (`RENKEI_THROTTLE_ADDRESS_CHECKS`, 30). One customer makes at most
    /// six a day (five failures lock); 30 leaves room for a household, an
    /// office or a mobile carrier's shared address (CGNAT) with several
    /// customers linking in the same hour, and holds one address to 30
    /// guesses an hour instead of thousands.
    pub checks_per_address: i64,
    /// Distinct client addresses checking one account per window
    /// (`RENKEI_THROTTLE_ACCOUNT_ADDRESSES`, 10). A customer uses one or
    /// two (home Wi-Fi, a mobile network whose address may change between
    /// requests); ten is many machines on one account.
    pub addresses_per_account: i64,
    /// The address and account windows (`RENKEI_THROTTLE_WINDOW_MINUTES`, 60).
    pub window: Duration,
}

#[derive(Clone)]
pub struct DpopConfig {
    /// Require a server nonce in every DPoP proof (RFC 9449 §8).
    pub require_nonce: bool,
    /// Keys the stateless nonces; shared by every instance. Never logged.
    pub nonce_secret: String,
}

impl std::fmt::Debug for DpopConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DpopConfig").field("require_nonce", &self.require_nonce).field("nonce_secret", &"***").finish()
    }
}

#[derive(Clone, Debug)]
pub struct MailConfig {
    /// `smtp://host:port` or `smtps://user:pass@host`; `None`: keep mail in
    /// the outbox (development).
    pub smtp_url: Option<String>,
    /// The union's sending address (the manual's FAQ: customers allow it).
    pub from: String,
    /// Tries before a mail is given up and marked failed.
    pub max_attempts: i64,
}

#[derive(Clone)]
pub struct TwilioConfig {
    pub account_sid: String,
    /// Signs every webhook (X-Twilio-Signature). Never logged.
    pub auth_token: String,
}

impl std::fmt::Debug for TwilioConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TwilioConfig").field("account_sid", &self.account_sid).field("auth_token", &"***").finish()
    }
}

/// The domain of the sending address, `Name <user@domain>` or `user@domain`.
fn sending_domain(from: &str) -> Option<String> {
    let address = from.rsplit_once('<').map_or(from, |(_, rest)| rest.trim_end_matches('>'));
    let (_, domain) = address.trim().rsplit_once('@')?;
    (!domain.is_empty() && domain.contains('.')).then(|| domain.to_owned())
}

/// The development default of the telephony account: never a real one.
const PLACEHOLDER_ACCOUNT_SID: &str = "AC00000000000000000000000000000000";

#[derive(Debug, Error)]
pub enum ConfigError {
    #[error("{name} is not valid: {value:?}")]
    Invalid { name: &'static str, value: String },
    #[error(
        "the development profile (call simulator, demo app, published secrets) listens on loopback only, not {0}; \
         set RENKEI_PROFILE=production to serve a network"
    )]
    DevelopmentOnNetwork(IpAddr),
    #[error("RENKEI_PROFILE must be `development` or `production`, not {0:?}")]
    Profile(String),
    #[error("the production profile refuses {0}")]
    ProductionRefuses(&'static str),
}

impl Config {
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads through `lookup` so tests can configure without touching the
    /// process environment.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let var = |name: &str, default: &str| lookup(name).unwrap_or_else(|| default.to_owned());
        let port: u16 = {
            let value = var("PORT", "8080");
            value.parse().map_err(|_| ConfigError::Invalid { name: "PORT", value })?
        };
        let host: IpAddr = {
            let value = var("HOST", "127.0.0.1");
            value.parse().map_err(|_| ConfigError::Invalid { name: "HOST", value })?
        };
        let profile = match var("RENKEI_PROFILE", "development").as_str() {
            "development" => Profile::Development,
            "production" => Profile::Production,
            other => return Err(ConfigError::Profile(other.to_owned())),
        };
        // Development is the default so that `cargo xtask run` needs nothing;
        // a forgotten RENKEI_PROFILE on a server must not open the simulator
        // and the demo secrets to a network.
        if profile == Profile::Development && !host.is_loopback() {
            return Err(ConfigError::DevelopmentOnNetwork(host));
        }
        let core = match var("RENKEI_CORE", "embedded").as_str() {
            "embedded" => CoreBackend::Embedded,
            other => return Err(ConfigError::Invalid { name: "RENKEI_CORE", value: other.to_owned() }),
        };
        let seed_demo = match lookup("RENKEI_SEED_DEMO").as_deref() {
            None => profile == Profile::Development,
            Some("1" | "true") => true,
            Some("0" | "false") => false,
            Some(other) => {
                return Err(ConfigError::Invalid { name: "RENKEI_SEED_DEMO", value: other.to_owned() });
            }
        };
        // Demo customers with published PINs have no place beside real ones.
        if profile == Profile::Production && seed_demo {
            return Err(ConfigError::ProductionRefuses("demo data (RENKEI_SEED_DEMO)"));
        }
        let number = |name: &'static str, default: &str, range: std::ops::RangeInclusive<i64>| {
            let value = var(name, default);
            value.parse::<i64>().ok().filter(|n| range.contains(n)).ok_or(ConfigError::Invalid { name, value })
        };
        let auth_numbers = var("RENKEI_AUTH_NUMBERS", "0120-111-222,0120-333-444,0120-555-666,052-451-3100")
            .split(',')
            .map(|n| {
                PhoneNumber::parse(n).ok_or(ConfigError::Invalid { name: "RENKEI_AUTH_NUMBERS", value: n.to_owned() })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let twilio_token = match (lookup("RENKEI_TWILIO_AUTH_TOKEN"), profile) {
            (Some(token), _) if token.len() >= 16 => token,
            (None, Profile::Development) => "renkei-development-twilio-token".to_owned(),
            (token, _) => {
                return Err(ConfigError::Invalid {
                    name: "RENKEI_TWILIO_AUTH_TOKEN",
                    value: if token.is_some() { "(too short)".into() } else { "(missing)".into() },
                });
            }
        };
        let public_url = lookup("RENKEI_PUBLIC_URL").map(|u| u.trim_end_matches('/').to_owned());
        // The issuer, DPoP htu and webhook signatures all rest on it: in
        // production it is never guessed from the bind address.
        if profile == Profile::Production && public_url.is_none() {
            return Err(ConfigError::Invalid { name: "RENKEI_PUBLIC_URL", value: "(missing)".into() });
        }
        // Without SMTP the completion notices only reach the development
        // outbox: in production that would be every notice silently lost.
        if profile == Profile::Production && lookup("RENKEI_SMTP_URL").is_none() {
            return Err(ConfigError::Invalid { name: "RENKEI_SMTP_URL", value: "(missing)".into() });
        }
        // The placeholder would accept webhooks signed for no real account.
        let twilio_account_sid = var("RENKEI_TWILIO_ACCOUNT_SID", PLACEHOLDER_ACCOUNT_SID);
        if profile == Profile::Production && twilio_account_sid == PLACEHOLDER_ACCOUNT_SID {
            return Err(ConfigError::ProductionRefuses("the placeholder RENKEI_TWILIO_ACCOUNT_SID"));
        }
        let mail_from = var("RENKEI_MAIL_FROM", "API連携認証 <noreply@webcenter.example.jp>");
        let mail_domain = sending_domain(&mail_from)
            .ok_or_else(|| ConfigError::Invalid { name: "RENKEI_MAIL_FROM", value: mail_from.clone() })?;
        Ok(Config {
            bind: SocketAddr::new(host, port),
            database_url: var("DATABASE_URL", "sqlite://data/renkei-auth.db?mode=rwc"),
            profile,
            core,
            seed_demo,
            seed_demo_moved_link: seed_demo,
            spa_dir: PathBuf::from(var("RENKEI_SPA_DIR", "dist")),
            union: UnionProfile {
                name: var("RENKEI_UNION_NAME", "信用組合愛知商銀"),
                desk: ContactDesk {
                    name: var("RENKEI_DESK_NAME", "本部事務部"),
                    phone: var("RENKEI_DESK_PHONE", "052-451-3128"),
                    email: var("RENKEI_DESK_EMAIL", "jimubu@a-sg.jp"),
                    hours: var("RENKEI_DESK_HOURS", "平日 9:00〜17:00"),
                },
                mail_domain,
            },
            union_in_english: UnionInEnglish::from_lookup(&lookup),
            brand: Brand::from_lookup(&lookup)?,
            flow_lifetime: Duration::minutes(number("RENKEI_FLOW_MINUTES", "15", 1..=60)?),
            access_token_lifetime: Duration::minutes(number("RENKEI_ACCESS_TOKEN_MINUTES", "10", 1..=60)?),
            consent_lifetime: Duration::days(number("RENKEI_CONSENT_DAYS", "90", 1..=365)?),
            identity_failure_limit: number("RENKEI_IDENTITY_FAILURE_LIMIT", "5", 1..=20)?,
            pin_failure_limit: number("RENKEI_PIN_FAILURE_LIMIT", "3", 1..=10)?,
            identity_check_floor: std::time::Duration::from_millis(number(
                "RENKEI_IDENTITY_CHECK_FLOOR_MS",
                "250",
                0..=5_000,
            )? as u64),
            max_in_flight: number("RENKEI_MAX_IN_FLIGHT", "64", 1..=100_000)? as usize,
            header_read_timeout: std::time::Duration::from_secs(10),
            frame_ancestors: frame_ancestors(lookup("RENKEI_FRAME_ANCESTORS"))?,
            metrics_bind: match lookup("RENKEI_METRICS_ADDR") {
                Some(value) => Some(
                    value
                        .parse()
                        .map_err(|_| ConfigError::Invalid { name: "RENKEI_METRICS_ADDR", value: value.clone() })?,
                ),
                None => None,
            },
            proxy_hops: number("RENKEI_PROXY_HOPS", "0", 0..=5)? as usize,
            auth_numbers,
            call_window: Duration::seconds(number("RENKEI_CALL_WINDOW_SECONDS", "120", 30..=600)?),
            public_url,
            dpop: DpopConfig {
                require_nonce: lookup("RENKEI_DPOP_REQUIRE_NONCE").is_some_and(|v| v == "1" || v == "true"),
                nonce_secret: match (lookup("RENKEI_DPOP_NONCE_SECRET"), profile) {
                    (Some(secret), _) if secret.len() >= 32 => secret,
                    (None, Profile::Development) => "renkei-development-dpop-nonce-secret-0000".to_owned(),
                    (secret, _) => {
                        return Err(ConfigError::Invalid {
                            name: "RENKEI_DPOP_NONCE_SECRET",
                            value: if secret.is_some() { "(too short)".into() } else { "(missing)".into() },
                        });
                    }
                },
            },
            mail: MailConfig {
                smtp_url: lookup("RENKEI_SMTP_URL"),
                from: mail_from,
                max_attempts: number("RENKEI_MAIL_MAX_ATTEMPTS", "10", 1..=50)?,
            },
            retention: Retention {
                // Five years: the auditors' record outlives any link (90
                // days) by far, and a dispute about one can come late.
                operation_log: Duration::days(number("RENKEI_OPERATION_LOG_DAYS", "1827", 30..=3653)?),
                mail: Duration::days(number("RENKEI_MAIL_KEEP_DAYS", "90", 1..=3653)?),
            },
            twilio: TwilioConfig { account_sid: twilio_account_sid, auth_token: twilio_token },
            throttle: ThrottleConfig {
                answers_per_flow: number("RENKEI_THROTTLE_FLOW_ANSWERS", "20", 2..=1_000)?,
                checks_per_address: number("RENKEI_THROTTLE_ADDRESS_CHECKS", "30", 1..=100_000)?,
                addresses_per_account: number("RENKEI_THROTTLE_ACCOUNT_ADDRESSES", "10", 1..=10_000)?,
                window: Duration::minutes(number("RENKEI_THROTTLE_WINDOW_MINUTES", "60", 1..=1_440)?),
            },
        })
    }

    /// Secure cookies, HSTS, no development aids.
    pub fn is_production(&self) -> bool {
        self.profile == Profile::Production
    }

    /// A configuration for tests: port 0, the given database, no SPA.
    pub fn for_tests(database_url: &str) -> Self {
        let mut config = Self::from_lookup(|_| None).unwrap_or_else(|e| panic!("defaults are valid: {e}"));
        config.bind = SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), 0);
        config.database_url = database_url.to_owned();
        config.seed_demo_moved_link = false;
        config
    }
}

/// Each an `https://` origin: nothing a CSP source list would read as
/// another directive or keyword.
fn frame_ancestors(value: Option<String>) -> Result<Vec<String>, ConfigError> {
    let Some(value) = value else { return Ok(Vec::new()) };
    let origins: Vec<String> = value.split_whitespace().map(str::to_owned).collect();
    let valid = |origin: &String| {
        origin.strip_prefix("https://").is_some_and(|host| {
            !host.is_empty() && host.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '*'))
        })
    };
    match origins.iter().find(|&origin| !valid(origin)) {
        Some(_) => Err(ConfigError::Invalid { name: "RENKEI_FRAME_ANCESTORS", value }),
        None => Ok(origins),
    }
}

#[cfg(test)]
mod tests;
