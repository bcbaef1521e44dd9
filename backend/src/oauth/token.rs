//! The token endpoint: `authorization_code` (single use, 60 s, PKCE S256,
//! the same client and redirect URI) and `refresh_token` (rotated on every
//! use). Tokens are random, returned once, and stored only as hashes.

use super::ACCESS_TOKEN_LIFETIME;
use super::client_auth::authenticate;
use super::error::OAuthError;
use crate::app::AppState;
use crate::secrets;
use crate::store::oauth::{Client, Redemption};
use axum::extract::State;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use axum::{Form, Json};
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

pub async fn exchange(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(request): Form<TokenRequest>,
) -> Result<Response, OAuthError> {
    let client = authenticate(&state, &headers).await?;
    let tokens = match request.grant_type.as_deref() {
        Some("authorization_code") => redeem_code(&state, &client, request).await?,
        Some("refresh_token") => refresh(&state, &client, request).await?,
        _ => return Err(OAuthError::unsupported_grant_type()),
    };
    Ok((
        [(header::CACHE_CONTROL, "no-store"), (header::PRAGMA, "no-cache")],
        Json(tokens),
    )
        .into_response())
}

/// A verifier is 43–128 unreserved characters (RFC 7636 §4.1).
fn verifier_matches(verifier: &str, challenge: &str) -> bool {
    let well_formed = (43..=128).contains(&verifier.len())
        && verifier
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~".contains(&b));
    well_formed && bool::from(secrets::s256(verifier).as_bytes().ct_eq(challenge.as_bytes()))
}

async fn redeem_code(state: &AppState, client: &Client, request: TokenRequest) -> Result<TokenResponse, OAuthError> {
    let code = request
        .code
        .ok_or_else(|| OAuthError::invalid_request("code missing"))?;
    let redirect_uri = request
        .redirect_uri
        .ok_or_else(|| OAuthError::invalid_request("redirect_uri missing"))?;
    let verifier = request
        .code_verifier
        .ok_or_else(|| OAuthError::invalid_request("code_verifier missing"))?;
    let now = state.clock.now();
    let code_hash = secrets::hash(&code);
    let issued = match state.store.redeem_code(&code_hash, now).await? {
        Redemption::Redeemed(issued) => issued,
        Redemption::Replayed => {
            tracing::warn!(
                client_id = client.client_id,
                "authorization code replayed: its tokens are revoked"
            );
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
        return Err(OAuthError::invalid_grant(
            "redirect_uri differs from the authorization request",
        ));
    }
    if !verifier_matches(&verifier, &issued.code_challenge) {
        return Err(OAuthError::invalid_grant("PKCE verification failed"));
    }
    let refresh_until = state
        .store
        .consent_expiry(issued.consent_id)
        .await?
        .ok_or_else(OAuthError::server_error)?;
    issue(
        state,
        client,
        issued.consent_id,
        &code_hash,
        &issued.scope,
        now,
        refresh_until,
    )
    .await
}

async fn refresh(state: &AppState, client: &Client, request: TokenRequest) -> Result<TokenResponse, OAuthError> {
    let token = request
        .refresh_token
        .ok_or_else(|| OAuthError::invalid_request("refresh_token missing"))?;
    let now = state.clock.now();
    let grant = state
        .store
        .use_refresh_token(&secrets::hash(&token), &client.client_id, now)
        .await?
        .ok_or_else(|| OAuthError::invalid_grant("refresh token unknown, used, revoked or expired"))?;
    issue(
        state,
        client,
        grant.consent_id,
        &grant.code_hash,
        &grant.scope,
        now,
        grant.expires_at,
    )
    .await
}

async fn issue(
    state: &AppState,
    client: &Client,
    consent_id: i64,
    code_hash: &str,
    scope: &str,
    now: OffsetDateTime,
    refresh_until: OffsetDateTime,
) -> Result<TokenResponse, OAuthError> {
    let access = secrets::random_secret();
    let refresh = secrets::random_secret();
    let store = &state.store;
    let access_until = now + ACCESS_TOKEN_LIFETIME;
    store
        .store_token(
            &secrets::hash(&access),
            "access",
            &client.client_id,
            consent_id,
            code_hash,
            scope,
            access_until,
        )
        .await?;
    store
        .store_token(
            &secrets::hash(&refresh),
            "refresh",
            &client.client_id,
            consent_id,
            code_hash,
            scope,
            refresh_until,
        )
        .await?;
    Ok(TokenResponse {
        access_token: access,
        token_type: "Bearer",
        expires_in: ACCESS_TOKEN_LIFETIME.whole_seconds(),
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
        assert!(!verifier_matches(
            "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXK",
            challenge
        ));
        assert!(
            !verifier_matches("short", &secrets::s256("short")),
            "too short even if it hashes right"
        );
        assert!(
            !verifier_matches(challenge, challenge),
            "the challenge itself is not the verifier"
        );
    }
}
