//! The demo app as a FAPI 2.0 client: private_key_jwt client assertions and
//! DPoP proofs, signed with two demo keys that live in this folder. Like
//! the baseline client's secret, they are published on purpose and exist
//! only in the development profile; a real app keeps its keys to itself.
//!
//! The demo reads the server's clock, so that tests which set it still
//! pass the assertions' and proofs' time checks.

use crate::domain::oauth::client_auth::JWT_BEARER;
use crate::secrets;
use crate::state::AppState;
use crate::store::clients::{AuthMethod, Client, ClientProfile};
use jsonwebtoken::jwk::{Jwk, JwkSet};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::json;

pub const CLIENT_ID: &str = "demo-budget-app-fapi";
pub const APP_NAME: &str = "しんくみ家計簿 FAPI 2.0版（デモアプリ）";
const CLIENT_KEY: &str = include_str!("fapi_client_key.pem");
const DPOP_KEY: &str = include_str!("fapi_dpop_key.pem");

fn key(pem: &str) -> Option<EncodingKey> {
    EncodingKey::from_ec_pem(pem.as_bytes()).ok()
}

fn public_jwk(pem: &str) -> Option<Jwk> {
    Jwk::from_encoding_key(&key(pem)?, Algorithm::ES256).ok()
}

pub fn client(public_url: &str) -> Client {
    Client {
        client_id: CLIENT_ID.into(),
        name: APP_NAME.into(),
        profile: ClientProfile::Fapi2,
        auth_method: AuthMethod::PrivateKeyJwt,
        secret_hash: None,
        redirect_uris: vec![format!("{public_url}/demo-app/fapi/callback")],
        scopes: vec!["balance".into(), "transactions".into()],
    }
}

/// The client's public keys, as registered with the server.
pub fn jwks() -> Option<String> {
    serde_json::to_string(&JwkSet { keys: vec![public_jwk(CLIENT_KEY)?] }).ok()
}

/// The form fields that authenticate the client (RFC 7523): an assertion
/// for the issuer, valid one minute, single use.
pub fn client_authentication(state: &AppState) -> Option<[(&'static str, String); 2]> {
    let now = state.clock.now().unix_timestamp();
    let claims = json!({
        "iss": CLIENT_ID, "sub": CLIENT_ID, "aud": state.public_url.as_ref(),
        "jti": secrets::random_secret(), "iat": now, "nbf": now, "exp": now + 60,
    });
    let assertion = jsonwebtoken::encode(&Header::new(Algorithm::ES256), &claims, &key(CLIENT_KEY)?).ok()?;
    Some([("client_assertion_type", JWT_BEARER.to_owned()), ("client_assertion", assertion)])
}

/// A DPoP proof (RFC 9449) for `method url`, by the demo's DPoP key; at
/// the bank API it names the access token it goes with (`ath`).
pub fn dpop_proof(state: &AppState, method: &str, url: &str, access_token: Option<&str>) -> Option<String> {
    let mut header = Header::new(Algorithm::ES256);
    header.typ = Some("dpop+jwt".into());
    header.jwk = Some(public_jwk(DPOP_KEY)?);
    let mut claims = json!({
        "jti": secrets::random_secret(), "htm": method, "htu": url, "iat": state.clock.now().unix_timestamp(),
    });
    if let Some(token) = access_token {
        use base64::Engine;
        let hash = <sha2::Sha256 as sha2::Digest>::digest(token.as_bytes());
        claims["ath"] = json!(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(hash));
    }
    jsonwebtoken::encode(&header, &claims, &key(DPOP_KEY)?).ok()
}
