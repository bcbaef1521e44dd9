//! Pushed authorization requests (RFC 9126): the app posts its request
//! over an authenticated back channel and gets a single-use `request_uri`
//! to put in the browser's URL instead of the parameters. A DPoP proof
//! here binds the future code to its key (RFC 9449 §10.1).

use super::{authorization, dpop_proof, form};
use crate::domain::oauth::client_auth::{ClientAuthParams, authenticate};
use crate::domain::oauth::error::OAuthError;
use crate::domain::oauth::request::{AuthorizationParams, Refusal};
use crate::domain::oauth::{PUSHED_REQUEST_LIFETIME, dpop};
use crate::state::AppState;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

#[derive(Serialize, utoipa::ToSchema)]
struct Pushed {
    request_uri: String,
    expires_in: i64,
}

#[utoipa::path(post, path = "/oauth/par", tag = "oauth",
    request_body(content = super::openapi::AuthorizationMembers, content_type = "application/x-www-form-urlencoded"),
    responses((status = 201, description = "The request_uri to send the browser with", body = Pushed)),
    summary = "Pushed authorization request (RFC 9126)")]
pub async fn push(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Result<Response, OAuthError> {
    let auth: ClientAuthParams = form::parse(&body)?;
    let params: AuthorizationParams = form::parse(&body)?;
    let server = state.oauth();
    let client = authenticate(&server, authorization(&headers), &auth).await?;
    if params.request_uri.is_some() {
        return Err(OAuthError::invalid_request("request_uri cannot be pushed"));
    }
    if params.client_id.as_deref().is_some_and(|id| id != client.client_id) {
        return Err(OAuthError::invalid_request("client_id differs from the authenticated client"));
    }
    let proof = dpop_proof(&state, &headers, "/oauth/par").await?;
    let mut request = params.validate(&client).map_err(|refusal| match refusal {
        Refusal::NotRedirectable(why) => OAuthError::invalid_request(why),
        // RFC 9126 §2.3: the authorization endpoint's own error codes.
        Refusal::Redirect { error, description, .. } => OAuthError::with_code(error, description),
    })?;
    match (proof, request.dpop_jkt.as_deref()) {
        (Some(proof), Some(jkt)) if proof.jkt != jkt => {
            return Err(OAuthError::invalid_request("dpop_jkt differs from the DPoP proof's key"));
        }
        (Some(proof), None) => request.dpop_jkt = Some(proof.jkt),
        _ => {}
    }
    let request_uri = server.push(&client.client_id, &request).await?;
    let body = Pushed { request_uri, expires_in: PUSHED_REQUEST_LIFETIME.whole_seconds() };
    let nonce = dpop::current_nonce(&server);
    Ok((
        StatusCode::CREATED,
        [(header::CACHE_CONTROL, "no-store".to_owned()), (header::HeaderName::from_static("dpop-nonce"), nonce)],
        Json(body),
    )
        .into_response())
}
