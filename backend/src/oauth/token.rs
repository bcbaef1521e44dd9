//! The token endpoint: `authorization_code` (single use, 60 s, PKCE S256,
//! the same client and redirect URI) and `refresh_token` (rotated on every
//! use). Tokens are random, returned once, and stored only as hashes.
//!
//! Sender constraint (RFC 9449): a DPoP proof binds the tokens to its key
//! (`token_type` DPoP, `cnf.jkt` at introspection). FAPI-profile clients
//! must present one; a code bound at PAR needs a proof by the same key,
//! and so does every refresh of a bound grant.

use super::client_auth::{ClientAuthParams, authenticate};
use super::error::OAuthError;
use super::{dpop, dpop_refusal, form};
use crate::app::AppState;
use crate::secrets;
use crate::store::oauth::{Client, Redemption};
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderName, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use subtle::ConstantTimeEq;
use time::OffsetDateTime;

#[derive(Deserialize)]
pub struct TokenRequest {
    grant_type: Option<String>,
    code: Option<String>,
    redirect_uri: Option<String>,
    code_verifier: Option<String>,
    refresh_token: Option<String>,
}

#[derive(Serialize)]
struct TokenResponse {
    access_token: String,
    token_type: &'static str,
    expires_in: i64,
    refresh_token: String,
    scope: String,
}

pub async fn exchange(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Result<Response, OAuthError> {
    let auth: ClientAuthParams = form::parse(&body)?;
    let request: TokenRequest = form::parse(&body)?;
    let client = authenticate(&state, &headers, &auth).await?;
    let url = format!("{}/oauth/token", state.public_url);
    let proof = dpop::check(&state, &headers, "POST", &url).await.map_err(|e| dpop_refusal(&state, e))?;
    let proof_jkt = proof.map(|p| p.jkt);
    let tokens = match request.grant_type.as_deref() {
        Some("authorization_code") => redeem_code(&state, &client, request, proof_jkt).await?,
        Some("refresh_token") => refresh(&state, &client, request, proof_jkt).await?,
        Some(_) => return Err(OAuthError::unsupported_grant_type()),
        None => return Err(OAuthError::invalid_request("grant_type missing")),
    };
    let nonce = dpop::current_nonce(&state);
    let headers = [
        (header::CACHE_CONTROL, "no-store".to_owned()),
        (header::PRAGMA, "no-cache".to_owned()),
        (HeaderName::from_static("dpop-nonce"), nonce),
    ];
    Ok((headers, Json(tokens)).into_response())
}

/// A verifier is 43–128 unreserved characters (RFC 7636 §4.1).
fn verifier_matches(verifier: &str, challenge: &str) -> bool {
    let well_formed = (43..=128).contains(&verifier.len())
        && verifier.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~".contains(&b));
    well_formed && bool::from(secrets::s256(verifier).as_bytes().ct_eq(challenge.as_bytes()))
}

/// The key the new tokens are bound to, if any: the grant's key must be
/// proven; a FAPI client must bind.
fn binding(client: &Client, bound: Option<&str>, proof: Option<String>) -> Result<Option<String>, OAuthError> {
    match (bound, proof) {
        (Some(bound), Some(proof)) if bound == proof => Ok(Some(proof)),
        (Some(_), Some(_)) => Err(OAuthError::invalid_grant("the DPoP key differs from the key the grant is bound to")),
        (Some(_), None) => Err(OAuthError::invalid_dpop_proof()),
        (None, None) if client.requires_par() => Err(OAuthError::invalid_dpop_proof()),
        (None, proof) => Ok(proof),
    }
}

async fn redeem_code(
    state: &AppState,
    client: &Client,
    request: TokenRequest,
    proof: Option<String>,
) -> Result<TokenResponse, OAuthError> {
    let code = request.code.ok_or_else(|| OAuthError::invalid_request("code missing"))?;
    let redirect_uri = request.redirect_uri.ok_or_else(|| OAuthError::invalid_request("redirect_uri missing"))?;
    let verifier = request.code_verifier.ok_or_else(|| OAuthError::invalid_grant("code_verifier missing"))?;
    let now = state.clock.now();
    let code_hash = secrets::hash(&code);
    let issued = match state.store.redeem_code(&code_hash, now).await? {
        Redemption::Redeemed(issued) => issued,
        Redemption::Replayed => {
            tracing::warn!(client_id = client.client_id, "authorization code replayed: its tokens are revoked");
            return Err(OAuthError::invalid_grant("code already used"));
        }
        Redemption::Unknown => return Err(OAuthError::invalid_grant("unknown code")),
    };
    if issued.client_id != client.client_id {
        return Err(OAuthError::invalid_grant("code issued to another client"));
    }
    if now >= issued.expires_at {
        return Err(OAuthError::invalid_grant("code expired"));
    }
    if issued.redirect_uri != redirect_uri {
        return Err(OAuthError::invalid_grant("redirect_uri differs from the authorization request"));
    }
    if !verifier_matches(&verifier, &issued.code_challenge) {
        return Err(OAuthError::invalid_grant("PKCE verification failed"));
    }
    let jkt = binding(client, issued.dpop_jkt.as_deref(), proof)?;
    let refresh_until = state.store.consent_expiry(issued.consent_id).await?.ok_or_else(OAuthError::server_error)?;
    let grant =
        Grant { consent_id: issued.consent_id, code_hash: &code_hash, scope: &issued.scope, jkt: jkt.as_deref() };
    issue(state, client, grant, now, refresh_until).await
}

async fn refresh(
    state: &AppState,
    client: &Client,
    request: TokenRequest,
    proof: Option<String>,
) -> Result<TokenResponse, OAuthError> {
    let token = request.refresh_token.ok_or_else(|| OAuthError::invalid_request("refresh_token missing"))?;
    let now = state.clock.now();
    let hash = secrets::hash(&token);
    // Check the binding before the token is used up, so a wrong key cannot
    // burn the customer's link.
    if let Some(stored) = state.store.token(&hash, now).await?
        && stored.kind == "refresh"
        && stored.client_id == client.client_id
    {
        binding(client, stored.dpop_jkt.as_deref(), proof.clone())?;
    }
    let used = state.store.use_refresh_token(&hash, &client.client_id, now).await?;
    let grant = used.ok_or_else(|| OAuthError::invalid_grant("refresh token unknown, used, revoked or expired"))?;
    let jkt = binding(client, grant.dpop_jkt.as_deref(), proof)?;
    let bound =
        Grant { consent_id: grant.consent_id, code_hash: &grant.code_hash, scope: &grant.scope, jkt: jkt.as_deref() };
    issue(state, client, bound, now, grant.expires_at).await
}

/// What new tokens belong to.
struct Grant<'a> {
    consent_id: i64,
    code_hash: &'a str,
    scope: &'a str,
    jkt: Option<&'a str>,
}

async fn issue(
    state: &AppState,
    client: &Client,
    grant: Grant<'_>,
    now: OffsetDateTime,
    refresh_until: OffsetDateTime,
) -> Result<TokenResponse, OAuthError> {
    let access = secrets::random_secret();
    let refresh = secrets::random_secret();
    let store = &state.store;
    let (id, consent, code, scope, jkt) =
        (&client.client_id, grant.consent_id, grant.code_hash, grant.scope, grant.jkt);
    let access_until = now + state.config.access_token_lifetime;
    store.store_token(&secrets::hash(&access), "access", id, consent, code, scope, access_until, jkt).await?;
    store.store_token(&secrets::hash(&refresh), "refresh", id, consent, code, scope, refresh_until, jkt).await?;
    Ok(TokenResponse {
        access_token: access,
        token_type: if jkt.is_some() { "DPoP" } else { "Bearer" },
        expires_in: state.config.access_token_lifetime.whole_seconds(),
        refresh_token: refresh,
        scope: scope.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_verifier_must_be_well_formed_and_match() {
        let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        let challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
        assert!(verifier_matches(verifier, challenge));
        assert!(!verifier_matches("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXK", challenge));
        assert!(!verifier_matches("short", &secrets::s256("short")), "too short even if it hashes right");
        assert!(!verifier_matches(challenge, challenge), "the challenge itself is not the verifier");
    }
}
