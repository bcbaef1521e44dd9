//! The OAuth 2.0 authorization server that hands the app its tokens once
//! the customer passed screens ①–⑥: discovery (RFC 8414), pushed requests
//! (RFC 9126), the authorization endpoint with PKCE S256 and exact
//! redirect-URI matching, and the token endpoint (RFC 9700 throughout).

pub mod authorize;
pub mod client_auth;
pub mod dpop;
pub mod error;
pub mod form;
pub mod jose;
pub mod metadata;
pub mod par;
pub mod request;
pub mod revocation;
pub mod token;

use crate::app::AppState;
use axum::Router;
use axum::routing::{get, post};
use time::Duration;

/// A code is redeemed within a minute or never.
pub const CODE_LIFETIME: Duration = Duration::seconds(60);
/// A pushed request must be used within this (RFC 9126 suggests < 600 s).
pub const PUSHED_REQUEST_LIFETIME: Duration = Duration::seconds(90);

pub const REQUEST_URI_PREFIX: &str = "urn:ietf:params:oauth:request_uri:";

pub fn router(state: AppState) -> Router<AppState> {
    Router::new()
        .route("/par", post(par::push))
        .route("/authorize", get(authorize::start))
        .route("/token", post(token::exchange))
        .route("/revoke", post(revocation::revoke))
        .route("/introspect", post(revocation::introspect))
        .layer(axum::middleware::from_fn_with_state(state, crate::load_shed::shed_oauth_when_busy))
}

use dpop::DpopError;
use error::OAuthError;

/// A DPoP failure as the token and PAR endpoints answer it.
pub fn dpop_refusal(state: &AppState, error: DpopError) -> OAuthError {
    match error {
        DpopError::UseNonce => OAuthError::use_dpop_nonce(dpop::current_nonce(state)),
        DpopError::Missing => OAuthError::invalid_dpop_proof(),
        DpopError::Invalid(why) => {
            tracing::info!(why, "DPoP proof refused");
            OAuthError::invalid_dpop_proof()
        }
    }
}
