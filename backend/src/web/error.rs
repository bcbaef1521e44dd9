//! The one place a domain failure becomes an HTTP answer: every error maps
//! to a catalogue entry and the shared JSON body. The cause goes to the
//! log, never to the customer.

use crate::domain::error::DomainError;
use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use renkei_common::catalogue::{ApiError, ErrorBody, ErrorId};

fn body(error: &DomainError) -> ApiError {
    match error {
        DomainError::WrongPin { attempts_left } => {
            ApiError { attempts_left: Some(*attempts_left), ..ApiError::new(ErrorId::PinMismatch) }
        }
        DomainError::InvalidFields(fields) => ApiError::invalid_fields(fields.clone()),
        other => ApiError::new(other.id()),
    }
}

/// Builds the JSON answer for a catalogue entry. Also used by layers
/// (load shedding, unknown API paths) that have no domain error in hand.
pub fn error_response(body: ApiError) -> Response {
    let status = StatusCode::from_u16(body.id.entry().status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let retry_after = matches!(body.id, ErrorId::Busy).then(|| HeaderValue::from_static("5"));
    let mut response = (status, Json(ErrorBody { error: body })).into_response();
    if let Some(value) = retry_after {
        response.headers_mut().insert(header::RETRY_AFTER, value);
    }
    response
}

impl IntoResponse for DomainError {
    fn into_response(self) -> Response {
        match &self {
            DomainError::Database(cause) => tracing::error!(%cause, "database failure"),
            DomainError::Core(cause) => tracing::error!(%cause, "core banking failure"),
            DomainError::Internal(cause) => tracing::error!(%cause, "internal failure"),
            DomainError::Refused(id) => tracing::info!(error = id.as_str(), "refused"),
            DomainError::WrongPin { attempts_left } => tracing::info!(attempts_left, "wrong PIN"),
            DomainError::Throttled { scope, .. } => tracing::info!(scope = scope.as_str(), "throttled"),
            DomainError::InvalidFields(fields) => {
                tracing::info!(fields = ?fields.iter().map(|f| &f.field).collect::<Vec<_>>(), "invalid input")
            }
        }
        let mut response = error_response(body(&self));
        // When the throttle's window ends (RFC 9110 §10.2.3): waiting helps.
        if let DomainError::Throttled { retry_after_seconds: Some(seconds), .. } = self {
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(seconds.max(1)));
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_database_failure_shows_only_the_system_error() {
        let response = DomainError::Database(sqlx::Error::PoolTimedOut).into_response();
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
    }

    #[test]
    fn busy_tells_when_to_retry() {
        let response = DomainError::Refused(ErrorId::Busy).into_response();
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(response.headers()[header::RETRY_AFTER], "5");
    }

    #[test]
    fn throttled_answers_429_and_tells_when_its_window_ends() {
        use crate::domain::throttle::ThrottleScope;
        let response =
            DomainError::Throttled { scope: ThrottleScope::Address, retry_after_seconds: Some(1200) }.into_response();
        assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(response.headers()[header::RETRY_AFTER], "1200");
        let flow = DomainError::Throttled { scope: ThrottleScope::Flow, retry_after_seconds: None }.into_response();
        assert!(flow.headers().get(header::RETRY_AFTER).is_none(), "a spent flow is not retried");
    }

    #[test]
    fn locked_answers_423() {
        assert_eq!(DomainError::Refused(ErrorId::Locked).into_response().status(), StatusCode::LOCKED);
    }
}
