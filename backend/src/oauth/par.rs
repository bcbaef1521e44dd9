//! Pushed authorization requests (RFC 9126): the app posts its request
//! over an authenticated back channel and gets a single-use `request_uri`
//! to put in the browser's URL instead of the parameters.

use super::client_auth::authenticate;
use super::error::OAuthError;
use super::request::{AuthorizationParams, Refusal};
use super::{PUSHED_REQUEST_LIFETIME, REQUEST_URI_PREFIX};
use crate::app::AppState;
use crate::secrets;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Form, Json};
use serde::Serialize;

#[derive(Serialize)]
struct Pushed {
    request_uri: String,
    expires_in: i64,
}

pub async fn push(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(params): Form<AuthorizationParams>,
) -> Result<Response, OAuthError> {
    let client = authenticate(&state, &headers).await?;
    if params.request_uri.is_some() {
        return Err(OAuthError::invalid_request("request_uri cannot be pushed"));
    }
    if params.client_id.as_deref().is_some_and(|id| id != client.client_id) {
        return Err(OAuthError::invalid_request(
            "client_id differs from the authenticated client",
        ));
    }
    let request = params.validate(&client).map_err(|refusal| match refusal {
        Refusal::NotRedirectable(why) | Refusal::Redirect { description: why, .. } => OAuthError::invalid_request(why),
    })?;
    let secret = secrets::random_secret();
    let json = serde_json::to_string(&request).map_err(|_| OAuthError::server_error())?;
    let expires_at = state.clock.now() + PUSHED_REQUEST_LIFETIME;
    state
        .store
        .push_request(&secrets::hash(&secret), &client.client_id, &json, expires_at)
        .await?;
    let body = Pushed {
        request_uri: format!("{REQUEST_URI_PREFIX}{secret}"),
        expires_in: PUSHED_REQUEST_LIFETIME.whole_seconds(),
    };
    Ok((
        StatusCode::CREATED,
        [(axum::http::header::CACHE_CONTROL, "no-store")],
        Json(body),
    )
        .into_response())
}
