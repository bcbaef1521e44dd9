//! The domain's failures. Each refusal is a catalogue entry (the manual's
//! messages and reason codes are domain words, kept in `common`); the web
//! layer maps every variant to its HTTP answer in one place
//! (`web::error`). A cause goes to the log, never to the customer.

use crate::core::CoreError;
use crate::domain::throttle::ThrottleScope;
use renkei_common::catalogue::{ErrorId, FieldProblem};
use thiserror::Error;

#[derive(Debug, Error)]
pub enum DomainError {
    /// A rule of the flow refused the request (locked, out of hours, …).
    #[error("refused: {0:?}")]
    Refused(ErrorId),
    /// Screen ⑤: a wrong PIN, with the attempts left today.
    #[error("wrong PIN; {attempts_left} attempts left")]
    WrongPin { attempts_left: i64 },
    /// A throttle on screens ①② refused the request before any check
    /// (`domain::throttle`); `retry_after_seconds` is when its window ends,
    /// if waiting helps at all.
    #[error("throttled per {}", scope.as_str())]
    Throttled { scope: ThrottleScope, retry_after_seconds: Option<i64> },
    /// The request's fields failed the shared validation.
    #[error("invalid fields: {0:?}")]
    InvalidFields(Vec<FieldProblem>),
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("{0}")]
    Core(#[from] CoreError),
    #[error("internal: {0}")]
    Internal(String),
}

pub type DomainResult<T> = Result<T, DomainError>;

impl DomainError {
    /// The catalogue entry the customer is shown for this failure.
    pub fn id(&self) -> ErrorId {
        match self {
            DomainError::Refused(id) => *id,
            DomainError::WrongPin { .. } => ErrorId::PinMismatch,
            DomainError::Throttled { .. } => ErrorId::Throttled,
            DomainError::InvalidFields(_) => ErrorId::InvalidInput,
            DomainError::Database(_) | DomainError::Core(_) | DomainError::Internal(_) => ErrorId::SystemError,
        }
    }
}

impl From<ErrorId> for DomainError {
    fn from(id: ErrorId) -> Self {
        DomainError::Refused(id)
    }
}
