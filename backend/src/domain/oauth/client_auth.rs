//! Who is calling the token, PAR, revocation and introspection endpoints.
//!
//! - `private_key_jwt` (FAPI 2.0 clients, RFC 7523): a JWT signed with the
//!   client's registered key; `iss` = `sub` = client id; `aud` exactly our
//!   issuer string (FAPI 2.0 §5.3.2.1-8); `exp` in the future; `iat`/`nbf`
//!   at most 15 s ahead; `jti` used once.
//! - `client_secret_basic` (the baseline profile): HTTP Basic; the stored
//!   secret is its SHA-256, compared in constant time.

use super::OAuthServer;
use super::error::OAuthError;
use super::jose;
use crate::secrets;
use crate::store::clients::{AuthMethod, Client};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use jsonwebtoken::jwk::JwkSet;
use serde::Deserialize;
use serde_json::Value;
use subtle::ConstantTimeEq;
use time::Duration;

pub const JWT_BEARER: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
const CLOCK_SKEW: i64 = 15;
const MAX_LIFETIME: i64 = 300;

/// The client-authentication members of a form body.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct ClientAuthParams {
    pub client_id: Option<String>,
    pub client_assertion_type: Option<String>,
    pub client_assertion: Option<String>,
}

/// The calling client, from the form's assertion or else the request's
/// `Authorization` header (its value, as sent).
pub async fn authenticate(
    server: &OAuthServer<'_>,
    authorization: Option<&str>,
    form: &ClientAuthParams,
) -> Result<Client, OAuthError> {
    let client = match form.client_assertion.as_deref() {
        Some(assertion) => by_assertion(server, form, assertion).await,
        None => by_secret(server, authorization, form).await,
    };
    let client_id = form.client_id.as_deref().unwrap_or_default();
    client.map_err(|failure| match failure {
        Failure::Refused(why) => {
            tracing::info!(why, client_id, "client authentication failed");
            OAuthError::invalid_client()
        }
        // Not the client's fault: the app hears server_error and may try
        // again, rather than that its credentials are wrong.
        Failure::Store(cause) => {
            tracing::error!(%cause, client_id, "client authentication could not be checked");
            OAuthError::server_error()
        }
    })
}

/// Why a client was not authenticated.
enum Failure {
    /// The credentials do not hold (logged with the reason, answered
    /// `invalid_client`).
    Refused(&'static str),
    /// The database did not answer.
    Store(sqlx::Error),
}

impl From<&'static str> for Failure {
    fn from(why: &'static str) -> Self {
        Failure::Refused(why)
    }
}

async fn by_secret(
    server: &OAuthServer<'_>,
    authorization: Option<&str>,
    form: &ClientAuthParams,
) -> Result<Client, Failure> {
    let (client_id, secret) = authorization.and_then(basic_credentials).ok_or("no credentials")?;
    if form.client_id.as_deref().is_some_and(|id| id != client_id) {
        return Err("client_id in the body differs".into());
    }
    let client = server.store.client(&client_id).await.map_err(Failure::Store)?.ok_or("unknown client")?;
    let stored = client.secret_hash.as_deref().unwrap_or_default();
    let matches = client.auth_method == AuthMethod::ClientSecretBasic
        && !stored.is_empty()
        && bool::from(secrets::hash(&secret).as_bytes().ct_eq(stored.as_bytes()));
    if matches { Ok(client) } else { Err("wrong secret or method".into()) }
}

async fn by_assertion(server: &OAuthServer<'_>, form: &ClientAuthParams, assertion: &str) -> Result<Client, Failure> {
    if form.client_assertion_type.as_deref() != Some(JWT_BEARER) {
        return Err("client_assertion_type".into());
    }
    let header = jose::header(assertion).ok_or("not a JWS with an allowed algorithm")?;
    let claimed = jose::unverified_claims(assertion).ok_or("claims unreadable")?;
    let client_id = claimed.get("iss").and_then(Value::as_str).ok_or("no iss")?.to_owned();
    if form.client_id.as_deref().is_some_and(|id| id != client_id) {
        return Err("client_id differs from iss".into());
    }
    let client = server.store.client(&client_id).await.map_err(Failure::Store)?.ok_or("unknown client")?;
    if client.auth_method != AuthMethod::PrivateKeyJwt {
        return Err("client does not use private_key_jwt".into());
    }
    let jwks: JwkSet = server
        .store
        .client_jwks(&client_id)
        .await
        .map_err(Failure::Store)?
        .and_then(|json| serde_json::from_str(&json).ok())
        .ok_or("no registered keys")?;
    let claims = jwks
        .keys
        .iter()
        .filter(|k| header.kid.is_none() || k.common.key_id == header.kid)
        .find_map(|jwk| jose::verified_claims(assertion, jwk, header.alg))
        .ok_or("signature")?;
    let text = |name: &str| claims.get(name).and_then(Value::as_str);
    let number = |name: &str| claims.get(name).and_then(Value::as_i64);
    if text("iss") != Some(&client_id) || text("sub") != Some(&client_id) {
        return Err("iss and sub must be the client id".into());
    }
    // FAPI 2.0: the audience is the issuer identifier, as a single string.
    if text("aud") != Some(server.settings.issuer) {
        return Err("aud must be the issuer".into());
    }
    let now = server.clock.now().unix_timestamp();
    let exp = number("exp").ok_or("no exp")?;
    if exp <= now {
        return Err("expired".into());
    }
    // A short-lived assertion only: its jti is remembered until it expires.
    if exp - now > MAX_LIFETIME {
        return Err("exp too far ahead".into());
    }
    if number("iat").is_some_and(|t| t > now + CLOCK_SKEW) || number("nbf").is_some_and(|t| t > now + CLOCK_SKEW) {
        return Err("issued in the future".into());
    }
    let jti = text("jti").filter(|j| !j.is_empty()).ok_or("no jti")?;
    let until = server.clock.now() + Duration::seconds(exp - now + CLOCK_SKEW);
    match server.store.first_use_of_jti(&format!("client:{client_id}"), jti, until).await {
        Ok(true) => Ok(client),
        Ok(false) => Err("assertion replayed".into()),
        Err(cause) => Err(Failure::Store(cause)),
    }
}

/// `Authorization: Basic base64(id:secret)` (RFC 6749 §2.3.1).
fn basic_credentials(value: &str) -> Option<(String, String)> {
    let encoded = value.strip_prefix("Basic ").or_else(|| value.strip_prefix("basic "))?;
    let decoded = String::from_utf8(STANDARD.decode(encoded.trim()).ok()?).ok()?;
    let (id, secret) = decoded.split_once(':')?;
    let unescape = |s: &str| form_urlencoded::parse(format!("x={s}").as_bytes()).next().map(|(_, v)| v.into_owned());
    Some((unescape(id)?, unescape(secret)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic_credentials_are_read_and_unescaped() {
        let encoded = STANDARD.encode("demo-app:s%3Acret");
        assert_eq!(basic_credentials(&format!("Basic {encoded}")), Some(("demo-app".into(), "s:cret".into())));
        assert_eq!(basic_credentials("Bearer abc"), None);
    }
}
