//! OAuth error answers (RFC 6749 §5.2): `{"error", "error_description"}`,
//! never cached; a failed client authentication is 401 with a challenge.

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OAuthError {
    pub error: &'static str,
    pub error_description: String,
    #[serde(skip)]
    pub status: StatusCode,
    /// A fresh DPoP nonce to send with the error (`use_dpop_nonce`).
    #[serde(skip)]
    pub dpop_nonce: Option<String>,
}

impl OAuthError {
    fn new(status: StatusCode, error: &'static str, description: impl Into<String>) -> Self {
        OAuthError { error, error_description: description.into(), status, dpop_nonce: None }
    }

    pub fn invalid_request(description: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "invalid_request", description)
    }

    /// An authorization-request error (`invalid_scope`, …) answered as JSON.
    pub fn with_code(error: &'static str, description: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, error, description)
    }

    pub fn invalid_client() -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "invalid_client", "client authentication failed")
    }

    pub fn invalid_grant(description: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "invalid_grant", description)
    }

    pub fn unsupported_grant_type() -> Self {
        Self::new(StatusCode::BAD_REQUEST, "unsupported_grant_type", "only authorization_code and refresh_token")
    }

    pub fn invalid_dpop_proof() -> Self {
        Self::new(StatusCode::BAD_REQUEST, "invalid_dpop_proof", "the DPoP proof is missing or invalid")
    }

    pub fn use_dpop_nonce(nonce: String) -> Self {
        OAuthError {
            dpop_nonce: Some(nonce),
            ..Self::new(StatusCode::BAD_REQUEST, "use_dpop_nonce", "a DPoP proof with the server's nonce is required")
        }
    }

    /// Shed under load (RFC 6749's temporarily_unavailable), with Retry-After.
    pub fn temporarily_unavailable() -> Self {
        Self::new(StatusCode::SERVICE_UNAVAILABLE, "temporarily_unavailable", "busy; try again shortly")
    }

    pub fn server_error() -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, "server_error", "try again later")
    }
}

impl From<sqlx::Error> for OAuthError {
    fn from(cause: sqlx::Error) -> Self {
        tracing::error!(%cause, "database failure in the OAuth server");
        OAuthError::server_error()
    }
}

impl IntoResponse for OAuthError {
    fn into_response(self) -> Response {
        let status = self.status;
        let nonce = self.dpop_nonce.clone();
        let mut response = (status, Json(self)).into_response();
        let headers = response.headers_mut();
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        if let Some(value) = nonce.and_then(|n| HeaderValue::from_str(&n).ok()) {
            headers.insert("dpop-nonce", value);
        }
        if status == StatusCode::SERVICE_UNAVAILABLE {
            headers.insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
        }
        if status == StatusCode::UNAUTHORIZED {
            headers.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Basic realm=\"renkei-auth\""));
        }
        response
    }
}
