//! The one place a failure becomes an HTTP answer: every error maps to a
//! catalogue entry and the shared JSON body. The cause goes to the log,
//! never to the customer.

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use renkei_common::catalogue::{ApiError, ErrorBody, ErrorId, FieldProblem};
use thiserror::Error;

#[derive(Debug, Error)]
pub enum AppError {
    /// A rule of the flow refused the request (locked, out of hours, …).
    #[error("refused: {0:?}")]
    Refused(ErrorId),
    /// Screen ⑤: a wrong PIN, with the attempts left today.
    #[error("wrong PIN; {attempts_left} attempts left")]
    WrongPin { attempts_left: i64 },
    /// The request's fields failed the shared validation.
    #[error("invalid fields: {0:?}")]
    InvalidFields(Vec<FieldProblem>),
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("internal: {0}")]
    Internal(String),
}

pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    /// The catalogue entry the customer is shown for this failure.
    pub fn id(&self) -> ErrorId {
        match self {
            AppError::Refused(id) => *id,
            AppError::WrongPin { .. } => ErrorId::PinMismatch,
            AppError::InvalidFields(_) => ErrorId::InvalidInput,
            AppError::Database(_) | AppError::Internal(_) => ErrorId::SystemError,
        }
    }

    fn body(&self) -> ApiError {
        match self {
            AppError::Refused(id) => ApiError::new(*id),
            AppError::WrongPin { attempts_left } => {
                ApiError { attempts_left: Some(*attempts_left), ..ApiError::new(ErrorId::PinMismatch) }
            }
            AppError::InvalidFields(fields) => ApiError::invalid_fields(fields.clone()),
            AppError::Database(_) | AppError::Internal(_) => ApiError::new(ErrorId::SystemError),
        }
    }
}

/// Builds the JSON answer for a catalogue entry. Also used by layers
/// (load shedding, unknown API paths) that have no `AppError` in hand.
pub fn error_response(body: ApiError) -> Response {
    let status = StatusCode::from_u16(body.id.entry().status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let retry_after = matches!(body.id, ErrorId::Busy).then(|| HeaderValue::from_static("5"));
    let mut response = (status, Json(ErrorBody { error: body })).into_response();
    if let Some(value) = retry_after {
        response.headers_mut().insert(header::RETRY_AFTER, value);
    }
    response
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        match &self {
            AppError::Database(cause) => tracing::error!(%cause, "database failure"),
            AppError::Internal(cause) => tracing::error!(%cause, "internal failure"),
            AppError::Refused(id) => tracing::info!(error = id.as_str(), "refused"),
            AppError::WrongPin { attempts_left } => tracing::info!(attempts_left, "wrong PIN"),
            AppError::InvalidFields(fields) => {
                tracing::info!(fields = ?fields.iter().map(|f| &f.field).collect::<Vec<_>>(), "invalid input")
            }
        }
        error_response(self.body())
    }
}

impl From<ErrorId> for AppError {
    fn from(id: ErrorId) -> Self {
        AppError::Refused(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_database_failure_shows_only_the_system_error() {
        let response = AppError::Database(sqlx::Error::PoolTimedOut).into_response();
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
    }

    #[test]
    fn busy_tells_when_to_retry() {
        let response = AppError::Refused(ErrorId::Busy).into_response();
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(response.headers()[header::RETRY_AFTER], "5");
    }

    #[test]
    fn locked_answers_423() {
        assert_eq!(AppError::Refused(ErrorId::Locked).into_response().status(), StatusCode::LOCKED);
    }
}
