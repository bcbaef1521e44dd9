//! The OAuth 2.0 endpoints that hand the app its tokens once the customer
//! passed screens ①–⑥: discovery (RFC 8414), pushed requests (RFC 9126),
//! the authorization endpoint, the token endpoint, revocation and
//! introspection. Each reads the request, calls `domain::oauth`, and
//! renders the answer. Outside service hours the authorization, PAR and
//! token endpoints are closed; revocation and introspection never are.

pub mod authorize;
pub mod form;
pub mod metadata;
pub mod openapi;
pub mod par;
pub mod revocation;
pub mod token;

use crate::domain::oauth::dpop::{self, DpopError, Proof};
use crate::domain::oauth::error::OAuthError;
use crate::state::AppState;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::from_fn_with_state;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};

pub fn router(state: AppState) -> Router<AppState> {
    use super::service_hours::{app_refused_when_closed, page_when_closed};
    // The entry points close with the service (a maintenance window, the
    // operator's switch): no flow starts and no token is issued.
    let browser = Router::new()
        .route("/authorize", get(authorize::start))
        .route_layer(from_fn_with_state(state.clone(), page_when_closed));
    let apps = Router::new()
        .route("/par", post(par::push))
        .route("/token", post(token::exchange))
        .route_layer(from_fn_with_state(state.clone(), app_refused_when_closed));
    // Revocation and introspection stay open at all hours: an app must be
    // able to end a link, and learn that one has ended, at any time.
    let always =
        Router::new().route("/revoke", post(revocation::revoke)).route("/introspect", post(revocation::introspect));
    browser.merge(apps).merge(always).layer(from_fn_with_state(state, super::load_shed::shed_oauth_when_busy))
}

/// The request's `Authorization` header, as sent.
pub fn authorization(headers: &HeaderMap) -> Option<&str> {
    headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok())
}

/// Checks the request's DPoP proof, if any, for `POST` to our `path`.
pub async fn dpop_proof(state: &AppState, headers: &HeaderMap, path: &str) -> Result<Option<Proof>, OAuthError> {
    let server = state.oauth();
    let proofs: Result<Vec<&str>, _> = headers.get_all(dpop::HEADER).iter().map(|v| v.to_str()).collect();
    let checked = match proofs {
        Ok(proofs) => dpop::check(&server, &proofs, "POST", &format!("{}{path}", state.public_url), None).await,
        Err(_) => Err(DpopError::Invalid("header not text")),
    };
    checked.map_err(|error| dpop::refusal(&server, error))
}

impl IntoResponse for OAuthError {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let (nonce, retry_after) = (self.dpop_nonce.clone(), self.retry_after);
        let mut response = (status, Json(self)).into_response();
        let headers = response.headers_mut();
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        if let Some(value) = nonce.and_then(|n| HeaderValue::from_str(&n).ok()) {
            headers.insert("dpop-nonce", value);
        }
        if let Some(seconds) = retry_after {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        if status == StatusCode::UNAUTHORIZED {
            headers.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Basic realm=\"renkei-auth\""));
        }
        response
    }
}
