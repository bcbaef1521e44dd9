//! OAuth errors (RFC 6749 §5.2): `{"error", "error_description"}` with the
//! status each is answered with. The web layer renders them (never cached;
//! a failed client authentication is 401 with a challenge).

use crate::domain::error::DomainError;
use serde::Serialize;
use time::Duration;

/// The HTTP statuses OAuth errors use, named (the domain knows no HTTP
/// library; `web::oauth` turns these into its status codes).
pub mod status {
    pub const BAD_REQUEST: u16 = 400;
    pub const UNAUTHORIZED: u16 = 401;
    pub const SERVER_ERROR: u16 = 500;
    pub const UNAVAILABLE: u16 = 503;
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OAuthError {
    pub error: &'static str,
    pub error_description: String,
    #[serde(skip)]
    pub status: u16,
    /// A fresh DPoP nonce to send with the error (`use_dpop_nonce`).
    #[serde(skip)]
    pub dpop_nonce: Option<String>,
    /// When to try again (seconds, `Retry-After`), for a 503.
    #[serde(skip)]
    pub retry_after: Option<i64>,
}

impl OAuthError {
    fn new(status: u16, error: &'static str, description: impl Into<String>) -> Self {
        OAuthError { error, error_description: description.into(), status, dpop_nonce: None, retry_after: None }
    }

    pub fn invalid_request(description: impl Into<String>) -> Self {
        Self::new(status::BAD_REQUEST, "invalid_request", description)
    }

    /// An authorization-request error (`invalid_scope`, …) answered as JSON.
    pub fn with_code(error: &'static str, description: impl Into<String>) -> Self {
        Self::new(status::BAD_REQUEST, error, description)
    }

    pub fn invalid_client() -> Self {
        Self::new(status::UNAUTHORIZED, "invalid_client", "client authentication failed")
    }

    pub fn invalid_grant(description: impl Into<String>) -> Self {
        Self::new(status::BAD_REQUEST, "invalid_grant", description)
    }

    pub fn unsupported_grant_type() -> Self {
        Self::new(status::BAD_REQUEST, "unsupported_grant_type", "only authorization_code and refresh_token")
    }

    pub fn invalid_dpop_proof() -> Self {
        Self::new(status::BAD_REQUEST, "invalid_dpop_proof", "the DPoP proof is missing or invalid")
    }

    pub fn use_dpop_nonce(nonce: String) -> Self {
        OAuthError {
            dpop_nonce: Some(nonce),
            ..Self::new(status::BAD_REQUEST, "use_dpop_nonce", "a DPoP proof with the server's nonce is required")
        }
    }

    /// Shed under load (RFC 6749's temporarily_unavailable): try again in
    /// a few seconds.
    pub fn temporarily_unavailable() -> Self {
        Self::unavailable("busy; try again shortly", Duration::seconds(5))
    }

    /// Closed (a maintenance window, or the operator's switch) for about
    /// `retry_after`.
    pub fn closed(retry_after: Duration) -> Self {
        Self::unavailable("closed for maintenance; try again after Retry-After", retry_after)
    }

    fn unavailable(description: &str, retry_after: Duration) -> Self {
        OAuthError {
            retry_after: Some(retry_after.whole_seconds().max(1)),
            ..Self::new(status::UNAVAILABLE, "temporarily_unavailable", description)
        }
    }

    pub fn server_error() -> Self {
        Self::new(status::SERVER_ERROR, "server_error", "try again later")
    }
}

impl From<DomainError> for OAuthError {
    fn from(cause: DomainError) -> Self {
        tracing::error!(%cause, "failure in the OAuth server");
        OAuthError::server_error()
    }
}

impl From<sqlx::Error> for OAuthError {
    fn from(cause: sqlx::Error) -> Self {
        tracing::error!(%cause, "database failure in the OAuth server");
        OAuthError::server_error()
    }
}
