//! Who is calling the token and PAR endpoints. `client_secret_basic`
//! (the baseline profile): HTTP Basic with the client id and secret; the
//! stored secret is its SHA-256, compared in constant time.

use super::error::OAuthError;
use crate::app::AppState;
use crate::secrets;
use crate::store::oauth::Client;
use axum::http::{HeaderMap, header};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use subtle::ConstantTimeEq;

pub async fn authenticate(state: &AppState, headers: &HeaderMap) -> Result<Client, OAuthError> {
    let (client_id, secret) = basic_credentials(headers).ok_or_else(OAuthError::invalid_client)?;
    let client = state
        .store
        .client(&client_id)
        .await?
        .ok_or_else(OAuthError::invalid_client)?;
    let stored = client.secret_hash.as_deref().unwrap_or_default();
    let matches = client.auth_method == "client_secret_basic"
        && !stored.is_empty()
        && bool::from(secrets::hash(&secret).as_bytes().ct_eq(stored.as_bytes()));
    if matches {
        Ok(client)
    } else {
        tracing::info!(client_id, "client authentication failed");
        Err(OAuthError::invalid_client())
    }
}

/// `Authorization: Basic base64(id:secret)` (RFC 6749 §2.3.1).
fn basic_credentials(headers: &HeaderMap) -> Option<(String, String)> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let encoded = value.strip_prefix("Basic ").or_else(|| value.strip_prefix("basic "))?;
    let decoded = String::from_utf8(STANDARD.decode(encoded.trim()).ok()?).ok()?;
    let (id, secret) = decoded.split_once(':')?;
    let unescape = |s: &str| {
        form_urlencoded::parse(format!("x={s}").as_bytes())
            .next()
            .map(|(_, v)| v.into_owned())
    };
    Some((unescape(id)?, unescape(secret)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic_credentials_are_read_and_unescaped() {
        let mut headers = HeaderMap::new();
        let encoded = STANDARD.encode("demo-app:s%3Acret");
        headers.insert(header::AUTHORIZATION, format!("Basic {encoded}").parse().unwrap());
        assert_eq!(basic_credentials(&headers), Some(("demo-app".into(), "s:cret".into())));
        headers.insert(header::AUTHORIZATION, "Bearer abc".parse().unwrap());
        assert_eq!(basic_credentials(&headers), None);
    }
}
