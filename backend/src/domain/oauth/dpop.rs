//! DPoP proofs (RFC 9449): the app proves, per request, that it holds the
//! private key its tokens are bound to (`cnf.jkt`). DPoP rather than mTLS
//! because it survives a TLS-terminating load balancer.
//!
//! Checked: exactly one `DPoP` header; `typ` dpop+jwt; an allowed
//! algorithm; a public `jwk` (no private members) that verifies the
//! signature; `jti` seen once; `htm` and `htu` (without query and fragment)
//! equal to this request; `iat` within five minutes of our clock; `exp`
//! and `nbf` if present; a server nonce when one is given or required.

use super::error::OAuthError;
use super::{OAuthServer, jose};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use serde_json::Value;
use sha2::Sha256;
use time::{Duration, OffsetDateTime};

pub const HEADER: &str = "dpop";
pub const NONCE_HEADER: &str = "DPoP-Nonce";
const WINDOW: Duration = Duration::minutes(5);

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DpopError {
    /// No proof where one is required.
    Missing,
    /// A proof that fails a check (the reason is logged, not returned).
    Invalid(&'static str),
    /// The proof must carry our current nonce (answer with a fresh one).
    UseNonce,
    /// Its jti could not be recorded: the database did not answer (the
    /// cause is logged). Not the proof's fault; answered as the system's
    /// failure.
    Unavailable,
}

/// A proof that passed: the thumbprint of its key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proof {
    pub jkt: String,
}

/// The proof of this request, if any: `proofs` are the values of its
/// `DPoP` headers (none: `Ok(None)`).
///
/// At a resource (the bank API) `access_token` is the token the request
/// presents: the proof must carry its hash (`ath`, RFC 9449 §4.3).
pub async fn check(
    server: &OAuthServer<'_>,
    proofs: &[&str],
    method: &str,
    url: &str,
    access_token: Option<&str>,
) -> Result<Option<Proof>, DpopError> {
    let token = match proofs {
        [] => return Ok(None),
        [one] => *one,
        _ => return Err(DpopError::Invalid("more than one DPoP header")),
    };
    let header = jose::header(token).ok_or(DpopError::Invalid("not a JWS with an allowed algorithm"))?;
    if header.typ.as_deref() != Some("dpop+jwt") {
        return Err(DpopError::Invalid("typ must be dpop+jwt"));
    }
    let jwk = header.jwk.as_ref().ok_or(DpopError::Invalid("no jwk"))?;
    let raw = jose::raw_header(token).ok_or(DpopError::Invalid("header unreadable"))?;
    let private_member = ["d", "p", "q", "dp", "dq", "qi", "k"].iter().any(|m| raw["jwk"].get(m).is_some());
    if private_member {
        return Err(DpopError::Invalid("jwk holds a private key"));
    }
    let claims = jose::verified_claims(token, jwk, header.alg).ok_or(DpopError::Invalid("signature"))?;
    let text = |name: &str| claims.get(name).and_then(Value::as_str);
    let number = |name: &str| claims.get(name).and_then(Value::as_i64);
    if text("htm") != Some(method) {
        return Err(DpopError::Invalid("htm"));
    }
    if text("htu").map(normalized_htu) != Some(normalized_htu(url)) {
        return Err(DpopError::Invalid("htu"));
    }
    if let Some(token) = access_token {
        let expected = URL_SAFE_NO_PAD.encode(<Sha256 as sha2::Digest>::digest(token.as_bytes()));
        if text("ath") != Some(expected.as_str()) {
            return Err(DpopError::Invalid("ath"));
        }
    }
    let now = server.clock.now().unix_timestamp();
    let within = |t: i64| t.checked_sub(now).is_some_and(|d| d.unsigned_abs() <= WINDOW.whole_seconds().unsigned_abs());
    if !number("iat").is_some_and(within) {
        return Err(DpopError::Invalid("iat outside five minutes"));
    }
    if number("exp").is_some_and(|exp| exp < now) || number("nbf").is_some_and(|nbf| nbf > now.saturating_add(60)) {
        return Err(DpopError::Invalid("exp/nbf"));
    }
    match text("nonce") {
        Some(nonce) if !nonce_is_current(server, nonce) => return Err(DpopError::UseNonce),
        None if server.settings.dpop.require_nonce => return Err(DpopError::UseNonce),
        _ => {}
    }
    let jkt = jose::thumbprint(jwk).ok_or(DpopError::Invalid("thumbprint"))?;
    let jti = text("jti").filter(|j| !j.is_empty() && j.len() <= 256).ok_or(DpopError::Invalid("jti"))?;
    let until = OffsetDateTime::from_unix_timestamp(now).unwrap_or(OffsetDateTime::UNIX_EPOCH) + WINDOW * 2;
    match server.store.first_use_of_jti(&format!("dpop:{jkt}"), jti, until).await {
        Ok(true) => Ok(Some(Proof { jkt })),
        Ok(false) => Err(DpopError::Invalid("jti replayed")),
        Err(cause) => {
            tracing::error!(%cause, "DPoP jti not recorded");
            Err(DpopError::Unavailable)
        }
    }
}

fn nonce_for(server: &OAuthServer<'_>, window: i64) -> String {
    // HMAC takes a key of any length; this cannot fail.
    let mut mac =
        Hmac::<Sha256>::new_from_slice(server.settings.dpop.nonce_secret.as_bytes()).unwrap_or_else(|_| unreachable!());
    mac.update(&window.to_be_bytes());
    URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
}

fn window_of(server: &OAuthServer<'_>) -> i64 {
    server.clock.now().unix_timestamp() / WINDOW.whole_seconds()
}

/// A URL as `htu` compares it (RFC 9449 §4.3, RFC 3986 §6.2.2–6.2.3):
/// without query and fragment, scheme and host in lower case, and without
/// the scheme's default port.
fn normalized_htu(url: &str) -> String {
    let bare = url.split(['?', '#']).next().unwrap_or_default();
    let Some((scheme, rest)) = bare.split_once("://") else { return bare.to_owned() };
    let scheme = scheme.to_ascii_lowercase();
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let authority = authority.to_ascii_lowercase();
    let default_port = if scheme == "https" { ":443" } else { ":80" };
    let authority = authority.strip_suffix(default_port).unwrap_or(&authority);
    let path = if path.is_empty() { "/" } else { path };
    format!("{scheme}://{authority}{path}")
}

/// The nonce to hand out now: stateless, so every instance agrees.
pub fn current_nonce(server: &OAuthServer<'_>) -> String {
    nonce_for(server, window_of(server))
}

fn nonce_is_current(server: &OAuthServer<'_>, nonce: &str) -> bool {
    let window = window_of(server);
    [window, window - 1].iter().any(|w| nonce_for(server, *w) == nonce)
}

/// A DPoP failure as the token and PAR endpoints answer it.
pub fn refusal(server: &OAuthServer<'_>, error: DpopError) -> OAuthError {
    match error {
        DpopError::UseNonce => OAuthError::use_dpop_nonce(current_nonce(server)),
        DpopError::Missing => OAuthError::invalid_dpop_proof(),
        DpopError::Invalid(why) => {
            tracing::info!(why, "DPoP proof refused");
            OAuthError::invalid_dpop_proof()
        }
        DpopError::Unavailable => OAuthError::server_error(),
    }
}

#[cfg(test)]
mod tests {
    use super::normalized_htu;

    #[test]
    fn htu_compares_scheme_and_host_in_any_case_without_default_ports() {
        let ours = normalized_htu("https://auth.example.jp/api/personal/v1/accounts");
        for theirs in [
            "HTTPS://AUTH.EXAMPLE.JP/api/personal/v1/accounts",
            "https://auth.example.jp:443/api/personal/v1/accounts",
            "https://auth.example.jp/api/personal/v1/accounts?accountId=1#x",
        ] {
            assert_eq!(normalized_htu(theirs), ours, "{theirs}");
        }
        assert_ne!(normalized_htu("https://auth.example.jp/API/personal/v1/accounts"), ours, "paths keep their case");
        assert_ne!(normalized_htu("https://auth.example.jp:8443/api/personal/v1/accounts"), ours);
        assert_eq!(normalized_htu("http://127.0.0.1:80"), "http://127.0.0.1/");
    }
}
