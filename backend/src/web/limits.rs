//! Limits at the door: no request body over [`MAX_BODY`] (ours are a few
//! hundred bytes; a client assertion or a pushed request a few KB), no
//! headers over [`MAX_HEADERS`], and no request longer than
//! [`MAX_HANDLING`] in the server.

use super::error::error_response;
use axum::extract::Request;
use axum::http::StatusCode;
use axum::http::header::CONTENT_LENGTH;
use axum::middleware::Next;
use axum::response::Response;
use renkei_common::catalogue::{ApiError, ErrorId};
use std::time::Duration;

/// The largest body read, declared or streamed.
pub const MAX_BODY: usize = 64 * 1024;

/// The most header bytes a request may carry (names and values; the
/// HTTP server itself stops reading far above this).
pub const MAX_HEADERS: usize = 16 * 1024;

/// How long one request may take, body included (a slow client too).
pub const MAX_HANDLING: Duration = Duration::from_secs(30);

/// A declared length or headers over the limit are refused before a byte of the body
/// is read: 413 in the catalogue's words (V01). A body streamed without a
/// length stops at the limit in the extractor (`DefaultBodyLimit`).
pub async fn refuse_oversized(request: Request, next: Next) -> Response {
    let declared = request.headers().get(CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
    if declared.is_some_and(|length| length > MAX_BODY as u64) {
        return refusal(StatusCode::PAYLOAD_TOO_LARGE);
    }
    let header_bytes: usize = request.headers().iter().map(|(name, value)| name.as_str().len() + value.len()).sum();
    if header_bytes > MAX_HEADERS {
        return refusal(StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE);
    }
    next.run(request).await
}

/// The catalogue's V01 with the status that says which limit.
fn refusal(status: StatusCode) -> Response {
    let mut response = error_response(ApiError::new(ErrorId::InvalidInput));
    *response.status_mut() = status;
    response
}
