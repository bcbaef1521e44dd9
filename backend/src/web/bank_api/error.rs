//! The bank API's refusals as HTTP: `{errorCode, errorMessage}` with the
//! catalogue's reason code, and for token problems the standard challenge
//! (`WWW-Authenticate: Bearer …` RFC 6750 §3, `DPoP …` RFC 9449 §7.1).

use crate::domain::bank_api::{BankApiError, Scheme};
use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use renkei_common::catalogue::ErrorId;
use serde::Serialize;
use utoipa::ToSchema;

/// A refusal: the catalogue's reason code and its message.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ErrorBody {
    error_code: &'static str,
    error_message: &'static str,
}

fn challenge(scheme: Scheme, error: Option<&str>) -> String {
    let mut text = match scheme {
        Scheme::Bearer => "Bearer realm=\"renkei-auth\"".to_owned(),
        Scheme::Dpop => "DPoP realm=\"renkei-auth\", algs=\"ES256 PS256 EdDSA\"".to_owned(),
    };
    if let Some(error) = error {
        text.push_str(&format!(", error=\"{error}\""));
    }
    text
}

impl IntoResponse for BankApiError {
    fn into_response(self) -> Response {
        let (id, www_authenticate, nonce) = match self {
            BankApiError::Unauthorized { scheme, error, nonce } => {
                (ErrorId::InvalidToken, Some(challenge(scheme, error)), nonce)
            }
            BankApiError::InsufficientScope { scheme } => {
                (ErrorId::InsufficientScope, Some(challenge(scheme, Some("insufficient_scope"))), None)
            }
            BankApiError::Refused(id) => (id, None, None),
            BankApiError::Core(cause) => {
                tracing::error!(%cause, "core banking failure at the bank API");
                (ErrorId::SystemError, None, None)
            }
            BankApiError::Database(cause) => {
                tracing::error!(%cause, "database failure at the bank API");
                (ErrorId::SystemError, None, None)
            }
        };
        let entry = id.entry();
        let status = StatusCode::from_u16(entry.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let body = ErrorBody { error_code: entry.reason_code, error_message: entry.message };
        let mut response = (status, Json(body)).into_response();
        let headers = response.headers_mut();
        if let Some(value) = www_authenticate.and_then(|v| HeaderValue::from_str(&v).ok()) {
            headers.insert(header::WWW_AUTHENTICATE, value);
        }
        if let Some(value) = nonce.and_then(|n| HeaderValue::from_str(&n).ok()) {
            headers.insert("dpop-nonce", value);
        }
        if id == ErrorId::Busy {
            headers.insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
        }
        response
    }
}
