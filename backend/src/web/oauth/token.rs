//! The token endpoint: reads the grant, authenticates the client, checks
//! the DPoP proof, and lets `domain::oauth::tokens` issue.

use super::{authorization, dpop_proof, form};
use crate::domain::oauth::client_auth::{ClientAuthParams, authenticate};
use crate::domain::oauth::dpop;
use crate::domain::oauth::error::OAuthError;
use crate::domain::oauth::tokens::{CodeGrant, IssuedTokens};
use crate::state::AppState;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderName, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

/// The grant's members; the client authenticates by `client_assertion`
/// (private_key_jwt) or HTTP Basic.
#[derive(Deserialize, utoipa::ToSchema)]
pub struct TokenRequest {
    grant_type: Option<String>,
    code: Option<String>,
    redirect_uri: Option<String>,
    code_verifier: Option<String>,
    refresh_token: Option<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
struct TokenResponse {
    access_token: String,
    token_type: &'static str,
    expires_in: i64,
    refresh_token: String,
    scope: String,
}

impl From<IssuedTokens> for TokenResponse {
    fn from(t: IssuedTokens) -> Self {
        TokenResponse {
            access_token: t.access_token,
            token_type: t.token_type,
            expires_in: t.expires_in,
            refresh_token: t.refresh_token,
            scope: t.scope,
        }
    }
}

#[utoipa::path(post, path = "/oauth/token", tag = "oauth",
    request_body(content = TokenRequest, content_type = "application/x-www-form-urlencoded"),
    responses((status = 200, description = "The tokens", body = TokenResponse)),
    summary = "Token endpoint: authorization_code and refresh_token grants")]
pub async fn exchange(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Result<Response, OAuthError> {
    let auth: ClientAuthParams = form::parse(&body)?;
    let request: TokenRequest = form::parse(&body)?;
    let server = state.oauth();
    let client = authenticate(&server, authorization(&headers), &auth).await?;
    let proof = dpop_proof(&state, &headers, "/oauth/token").await?.map(|p| p.jkt);
    let tokens = match request.grant_type.as_deref() {
        Some("authorization_code") => {
            let grant = CodeGrant {
                code: request.code.ok_or_else(|| OAuthError::invalid_request("code missing"))?,
                redirect_uri: request
                    .redirect_uri
                    .ok_or_else(|| OAuthError::invalid_request("redirect_uri missing"))?,
                code_verifier: request
                    .code_verifier
                    .ok_or_else(|| OAuthError::invalid_grant("code_verifier missing"))?,
            };
            server.redeem_code(&client, grant, proof).await?
        }
        Some("refresh_token") => {
            let token = request.refresh_token.ok_or_else(|| OAuthError::invalid_request("refresh_token missing"))?;
            server.refresh(&client, &token, proof).await?
        }
        Some(_) => return Err(OAuthError::unsupported_grant_type()),
        None => return Err(OAuthError::invalid_request("grant_type missing")),
    };
    let headers = [
        (header::CACHE_CONTROL, "no-store".to_owned()),
        (header::PRAGMA, "no-cache".to_owned()),
        (HeaderName::from_static("dpop-nonce"), dpop::current_nonce(&server)),
    ];
    Ok((headers, Json(TokenResponse::from(tokens))).into_response())
}
