//! Revocation (RFC 7009) and introspection (RFC 7662), for the app that
//! holds the token and no one else.

use super::{authorization, form};
use crate::domain::oauth::client_auth::{ClientAuthParams, authenticate};
use crate::domain::oauth::error::OAuthError;
use crate::secrets;
use crate::state::AppState;
use crate::store::links::RevokedBy;
use crate::store::oauth::TokenKind;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

#[derive(Deserialize, utoipa::ToSchema)]
pub struct TokenParam {
    token: Option<String>,
}

/// Always 200 (RFC 7009 §2.2: an unknown token is not an error). Revoking
/// either token of a grant ends the link: the consent and all its tokens.
#[utoipa::path(post, path = "/oauth/revoke", tag = "oauth",
    request_body(content = TokenParam, content_type = "application/x-www-form-urlencoded"),
    responses((status = 200, description = "Revoked, or not a token of the caller's (RFC 7009 §2.2)")),
    summary = "Revocation (RFC 7009): ends the link")]
pub async fn revoke(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Result<Response, OAuthError> {
    let param: TokenParam = form::parse(&body)?;
    let client = authenticate(&state.oauth(), authorization(&headers), &form::parse(&body)?).await?;
    let token = param.token.ok_or_else(|| OAuthError::invalid_request("token missing"))?;
    let now = state.clock.now();
    if let Some(found) = state.store.token(&secrets::hash(&token), now).await?
        && found.client_id == client.client_id
    {
        state.store.end_link(found.consent_id, None, RevokedBy::App, now).await?;
        tracing::info!(client_id = client.client_id, kind = found.kind.as_str(), "grant revoked by the app");
    }
    Ok(([(header::CACHE_CONTROL, "no-store")], "").into_response())
}

#[derive(Serialize, Default, utoipa::ToSchema)]
pub struct Introspection {
    active: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    scope: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    client_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    token_type: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    exp: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    iss: Option<String>,
    /// RFC 9449 §6.2: the key a DPoP-bound token is bound to.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Object>)]
    cnf: Option<serde_json::Value>,
}

/// `{"active": false}` for anything not live or not the caller's.
#[utoipa::path(post, path = "/oauth/introspect", tag = "oauth",
    request_body(content = TokenParam, content_type = "application/x-www-form-urlencoded"),
    responses((status = 200, description = "`active` and, when live, what the token is", body = Introspection)),
    summary = "Introspection (RFC 7662)")]
pub async fn introspect(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, OAuthError> {
    let param: TokenParam = form::parse(&body)?;
    let client =
        authenticate(&state.oauth(), authorization(&headers), &form::parse::<ClientAuthParams>(&body)?).await?;
    let token = param.token.ok_or_else(|| OAuthError::invalid_request("token missing"))?;
    let found = state.store.token(&secrets::hash(&token), state.clock.now()).await?;
    let found = match found.filter(|t| t.active && t.client_id == client.client_id) {
        Some(t) => state.links().account_in_use(t.consent_id, t.account).await?.map(|_| t),
        None => None,
    };
    let answer = match found {
        Some(t) => Introspection {
            active: true,
            scope: Some(t.scope),
            client_id: Some(t.client_id),
            // RFC 7662 token_type is an RFC 6749 §7.1 access token type.
            token_type: match (t.kind, t.dpop_jkt.is_some()) {
                (TokenKind::Access, true) => Some("DPoP"),
                (TokenKind::Access, false) => Some("Bearer"),
                (TokenKind::Refresh, _) => None,
            },
            cnf: t.dpop_jkt.as_ref().map(|jkt| serde_json::json!({ "jkt": jkt })),
            exp: Some(t.expires_at.unix_timestamp()),
            iss: Some(state.public_url.to_string()),
        },
        _ => Introspection::default(),
    };
    Ok(([(header::CACHE_CONTROL, "no-store")], Json(answer)).into_response())
}
