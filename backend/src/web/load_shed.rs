//! The shedding layers (the budget itself is [`crate::in_flight`]): the
//! flow's API answers `busy`, the bank API its own error shape; the OAuth
//! endpoints answer in OAuth's words,
//! 503 `temporarily_unavailable` with Retry-After to an app and our ended
//! page (busy) to a browser at the authorization endpoint.

use crate::domain::error::DomainError;
use crate::state::AppState;
use crate::telemetry::metrics;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use renkei_common::catalogue::ErrorId;

pub async fn shed_when_busy(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Result<Response, DomainError> {
    let Some(_admitted) = state.in_flight.try_enter() else {
        metrics::shed();
        return Err(DomainError::Refused(ErrorId::Busy));
    };
    Ok(next.run(request).await)
}

/// The bank API sheds in its own shape: 503 `{errorCode, errorMessage}`
/// with Retry-After, before the token is even looked up.
pub async fn shed_bank_api_when_busy(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let Some(_admitted) = state.in_flight.try_enter() else {
        metrics::shed();
        return crate::domain::bank_api::BankApiError::Refused(ErrorId::Busy).into_response();
    };
    next.run(request).await
}

pub async fn shed_oauth_when_busy(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let Some(_admitted) = state.in_flight.try_enter() else {
        metrics::shed();
        return if request.uri().path().ends_with("/authorize") {
            super::oauth::authorize::ended_page(ErrorId::Busy).into_response()
        } else {
            crate::domain::oauth::error::OAuthError::temporarily_unavailable().into_response()
        };
    };
    next.run(request).await
}
