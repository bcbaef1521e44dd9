//! Cross-cutting defences: response headers, the same-origin rule for
//! state-changing calls (CSRF), and request logging that never records a
//! query string (it will carry OAuth codes).

use crate::domain::error::DomainError;
use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::Response;
use renkei_common::catalogue::ErrorId;
use tower_http::set_header::SetResponseHeaderLayer;

/// Two years, subdomains included: the union serves nothing over plain
/// HTTP (RFC 6797; the length browsers' preload lists ask for).
const HSTS: &str = "max-age=63072000; includeSubDomains";

/// Headers every answer carries; in production also HSTS, so a browser
/// never again reaches us over plain HTTP.
/// `framed`: some app providers' pages may frame ours (`frame-ancestors`
/// in the pages' CSP says which); `X-Frame-Options` cannot name them, so
/// it is sent only when no one may.
pub fn with_common_headers<S: Clone + Send + Sync + 'static>(
    router: Router<S>,
    production: bool,
    framed: bool,
) -> Router<S> {
    let router = if production {
        router.layer(SetResponseHeaderLayer::overriding(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static(HSTS),
        ))
    } else {
        router
    };
    let router = if framed {
        router
    } else {
        router.layer(SetResponseHeaderLayer::overriding(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")))
    };
    router
        .layer(SetResponseHeaderLayer::overriding(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
        .layer(SetResponseHeaderLayer::overriding(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer")))
        .layer(SetResponseHeaderLayer::overriding(
            HeaderName::from_static("cross-origin-opener-policy"),
            HeaderValue::from_static("same-origin"),
        ))
}

/// API answers are never cached and never rendered as documents.
pub fn with_api_headers<S: Clone + Send + Sync + 'static>(router: Router<S>) -> Router<S> {
    router.layer(SetResponseHeaderLayer::overriding(header::CACHE_CONTROL, HeaderValue::from_static("no-store"))).layer(
        SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'none'; frame-ancestors 'none'"),
        ),
    )
}

/// Refuses a state-changing request that another site's page sent (CSRF).
/// The flow cookie is `SameSite=Strict` already; this is the second lock,
/// using what browsers state about a request's origin.
pub async fn same_origin_only(request: Request, next: Next) -> Result<Response, DomainError> {
    if request.method() != Method::GET && request.method() != Method::HEAD && !is_same_origin(request.headers()) {
        return Err(DomainError::Refused(ErrorId::ForbiddenOrigin));
    }
    Ok(next.run(request).await)
}

fn is_same_origin(headers: &HeaderMap) -> bool {
    // Fetch metadata, where the browser sends it, is the authority. (With
    // `Referrer-Policy: no-referrer` a form post's Origin is "null".)
    if let Some(site) = headers.get("sec-fetch-site") {
        return matches!(site.as_bytes(), b"same-origin" | b"none");
    }
    match (headers.get(header::ORIGIN).map(HeaderValue::as_bytes), headers.get(header::HOST)) {
        (None | Some(b"null"), _) => true,
        (Some(origin), Some(host)) => {
            let origin = std::str::from_utf8(origin).unwrap_or_default();
            let origin_host = origin.split_once("://").map(|(_, rest)| rest).unwrap_or_default();
            origin_host.as_bytes() == host.as_bytes()
        }
        (Some(_), None) => false,
    }
}

/// A panic in one handler fails that request with the system error and
/// leaves the process (and every other customer's flow) running. What
/// panicked goes to the log; the customer sees the catalogue's message.
pub fn answer_panic(cause: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let what = cause
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| cause.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    tracing::error!(panic = %what, "a handler panicked; the request failed with the system error");
    super::error::error_response(renkei_common::catalogue::ApiError::new(ErrorId::SystemError))
}

/// A tracing span with method and path only.
pub fn span_without_query(request: &axum::http::Request<axum::body::Body>) -> tracing::Span {
    tracing::info_span!("request", method = %request.method(), path = %request.uri().path())
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::web::headers;

    #[test]
    fn same_origin_requests_pass() {
        assert!(is_same_origin(&headers(&[("origin", "http://127.0.0.1:8080"), ("host", "127.0.0.1:8080")])));
        assert!(is_same_origin(&headers(&[("sec-fetch-site", "same-origin")])));
        assert!(is_same_origin(&headers(&[])), "non-browser clients send neither header");
        assert!(
            is_same_origin(&headers(&[("origin", "null"), ("sec-fetch-site", "same-origin")])),
            "a form post under no-referrer"
        );
    }

    #[test]
    fn cross_site_requests_are_refused() {
        assert!(!is_same_origin(&headers(&[("origin", "https://evil.example"), ("host", "127.0.0.1:8080")])));
        assert!(!is_same_origin(&headers(&[("sec-fetch-site", "cross-site")])));
        assert!(!is_same_origin(&headers(&[("sec-fetch-site", "same-site")])));
        assert!(!is_same_origin(&headers(&[("origin", "null"), ("sec-fetch-site", "cross-site")])));
    }
}
