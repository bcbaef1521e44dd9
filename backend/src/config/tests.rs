//! Configuration read from the environment: defaults, refusals, names.

use super::*;

#[test]
fn defaults_run_the_demo_on_sqlite_at_8080() {
    let config = Config::from_lookup(|_| None).unwrap();
    assert_eq!(config.bind.port(), 8080);
    assert!(config.database_url.starts_with("sqlite:"));
    assert!(config.seed_demo);
    assert_eq!(config.union.desk.phone, "052-451-3128");
    assert_eq!(config.flow_lifetime, Duration::minutes(15));
    assert_eq!((config.identity_failure_limit, config.pin_failure_limit), (5, 3));
    let throttle = config.throttle;
    assert_eq!((throttle.answers_per_flow, throttle.checks_per_address, throttle.addresses_per_account), (20, 30, 10));
    assert_eq!(throttle.window, Duration::hours(1));
}

#[test]
fn throttles_are_configurable_and_refuse_nonsense_by_name() {
    let config = Config::from_lookup(|name| (name == "RENKEI_THROTTLE_ADDRESS_CHECKS").then(|| "100".into())).unwrap();
    assert_eq!(config.throttle.checks_per_address, 100);
    let error =
        Config::from_lookup(|name| (name == "RENKEI_THROTTLE_ACCOUNT_ADDRESSES").then(|| "0".into())).unwrap_err();
    assert!(error.to_string().contains("RENKEI_THROTTLE_ACCOUNT_ADDRESSES"), "{error}");
}

#[test]
fn port_and_database_url_are_honoured() {
    let config = Config::from_lookup(|name| match name {
        "PORT" => Some("9090".into()),
        "DATABASE_URL" => Some("postgres://localhost/renkei".into()),
        "RENKEI_PROFILE" => Some("production".into()),
        "RENKEI_TWILIO_AUTH_TOKEN" => Some("a-real-token-of-32-characters-xx".into()),
        "RENKEI_DPOP_NONCE_SECRET" => Some("a-real-secret-of-at-least-32-characters".into()),
        "RENKEI_PUBLIC_URL" => Some("https://auth.example-union.jp/".into()),
        "RENKEI_SMTP_URL" => Some("smtps://mailer:secret@smtp.example-union.jp".into()),
        "RENKEI_TWILIO_ACCOUNT_SID" => Some("AC1234567890abcdef1234567890abcdef".into()),
        _ => None,
    })
    .unwrap();
    assert_eq!(config.bind.port(), 9090);
    assert_eq!(config.database_url, "postgres://localhost/renkei");
    assert!(!config.seed_demo, "production never seeds demo customers by default");
}

#[test]
fn the_sending_domain_is_read_from_the_sending_address() {
    assert_eq!(sending_domain("API連携認証 <noreply@webcenter.anser.or.jp>").as_deref(), Some("webcenter.anser.or.jp"));
    assert_eq!(sending_domain("noreply@example.jp").as_deref(), Some("example.jp"));
    assert_eq!(sending_domain("no address"), None);
    let config = Config::from_lookup(|name| (name == "RENKEI_MAIL_FROM").then(|| "組合 <a@mail.union.jp>".into()));
    assert_eq!(config.unwrap().union.mail_domain, "mail.union.jp");
}

#[test]
fn bad_values_are_refused_by_name() {
    let error = Config::from_lookup(|name| (name == "PORT").then(|| "eighty".into())).unwrap_err();
    assert!(error.to_string().contains("PORT"));
    assert!(Config::from_lookup(|name| (name == "RENKEI_PROFILE").then(|| "dev".into())).is_err());
}

#[test]
fn production_without_smtp_is_refused_rather_than_losing_every_notice() {
    let error = Config::from_lookup(|name| match name {
        "RENKEI_PROFILE" => Some("production".into()),
        "RENKEI_TWILIO_AUTH_TOKEN" => Some("a-real-token-of-32-characters-xx".into()),
        "RENKEI_DPOP_NONCE_SECRET" => Some("a-real-secret-of-at-least-32-characters".into()),
        "RENKEI_PUBLIC_URL" => Some("https://auth.example-union.jp".into()),
        _ => None,
    })
    .unwrap_err();
    assert!(error.to_string().contains("RENKEI_SMTP_URL"), "{error}");
}

/// Everything production needs, and `extra` on top.
fn production(extra: &'static [(&'static str, &'static str)]) -> Result<Config, ConfigError> {
    Config::from_lookup(|name| {
        let base = [
            ("RENKEI_PROFILE", "production"),
            ("RENKEI_TWILIO_AUTH_TOKEN", "a-real-token-of-32-characters-xx"),
            ("RENKEI_TWILIO_ACCOUNT_SID", "AC1234567890abcdef1234567890abcdef"),
            ("RENKEI_DPOP_NONCE_SECRET", "a-real-secret-of-at-least-32-characters"),
            ("RENKEI_PUBLIC_URL", "https://auth.example-union.jp"),
            ("RENKEI_SMTP_URL", "smtps://mailer:secret@smtp.example-union.jp"),
        ];
        extra.iter().chain(base.iter()).find(|(n, _)| *n == name).map(|(_, v)| (*v).to_owned())
    })
}

#[test]
fn production_refuses_demo_data_and_the_placeholder_telephony_account() {
    assert!(production(&[]).is_ok_and(|c| c.is_production() && !c.seed_demo));
    let demo = production(&[("RENKEI_SEED_DEMO", "1")]).unwrap_err();
    assert!(demo.to_string().contains("demo data"), "{demo}");
    let placeholder = production(&[("RENKEI_TWILIO_ACCOUNT_SID", PLACEHOLDER_ACCOUNT_SID)]).unwrap_err();
    assert!(placeholder.to_string().contains("RENKEI_TWILIO_ACCOUNT_SID"), "{placeholder}");
}

#[test]
fn the_development_profile_never_listens_on_a_network() {
    let on = |host: &str| {
        let host = host.to_owned();
        Config::from_lookup(move |name| (name == "HOST").then(|| host.clone()))
    };
    assert!(matches!(on("0.0.0.0"), Err(ConfigError::DevelopmentOnNetwork(_))));
    assert!(matches!(on("192.0.2.10"), Err(ConfigError::DevelopmentOnNetwork(_))));
    assert!(on("127.0.0.1").is_ok() && on("::1").is_ok());
}

#[test]
fn the_union_reads_in_english_where_it_says_so_and_keeps_its_own_name_otherwise() {
    use renkei_common::Lang;
    let demo = Config::from_lookup(|_| None).unwrap();
    assert_eq!(demo.union_profile(Lang::En).name, "Aichi Shogin Credit Union");
    assert_eq!(demo.union_profile(Lang::En).desk.phone, demo.union.desk.phone, "one phone in both");
    assert_eq!(demo.union_profile(Lang::Ja), demo.union);
    let other = Config::from_lookup(|name| match name {
        "RENKEI_UNION_NAME" => Some("ほか信用組合".into()),
        "RENKEI_DESK_NAME_EN" => Some("Customer Desk".into()),
        _ => None,
    })
    .unwrap();
    assert_eq!(other.union_profile(Lang::En).name, "ほか信用組合", "never the demo union's name");
    assert_eq!(other.union_profile(Lang::En).desk.name, "Customer Desk");
}

#[test]
fn frame_ancestors_are_https_origins_or_nothing() {
    let with = |value: &str| {
        Config::from_lookup(|name| (name == "RENKEI_FRAME_ANCESTORS").then(|| value.to_owned()))
            .map(|c| c.frame_ancestors)
    };
    assert_eq!(Config::from_lookup(|_| None).unwrap().frame_ancestors, Vec::<String>::new());
    assert_eq!(with("https://app.example.jp  https://*.fintech.example").unwrap().len(), 2);
    assert!(with("http://app.example.jp").is_err(), "never plain http");
    assert!(with("https://a.jp; script-src *").is_err(), "no other directive smuggled in");
    assert!(with("'unsafe-inline'").is_err());
}
