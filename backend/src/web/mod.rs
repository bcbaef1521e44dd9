//! The web adapters: axum handlers that extract a request, call the
//! domain and map its answer to HTTP, and the layers around them (security
//! headers, CSRF, load shedding, service hours). Nothing below this layer
//! knows axum.

pub mod bank_api;
pub mod call_simulator;
pub mod demo_app;
pub mod error;
pub mod extract;
pub mod flow;
pub mod health;
pub mod lang;
pub mod limits;
pub mod load_shed;
pub mod oauth;
pub mod openapi;
pub mod outbox_page;
pub mod security;
pub mod serve;
pub mod service_hours;
mod shell;
pub mod spa;
pub mod telephony;
pub mod union;

use crate::config::Profile;
use crate::state::AppState;
use axum::Router;
use axum::routing::get;
use error::error_response;
use renkei_common::catalogue::{ApiError, ErrorId};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::trace::TraceLayer;

/// Every route of the service, with its layers.
pub fn router(state: AppState) -> Router {
    let api = Router::new()
        .route("/health", get(health::check))
        .route("/health/ready", get(health::check))
        .route("/health/live", get(health::live))
        .route("/openapi.json", get(openapi::document))
        .route("/union", get(union::profile))
        .route("/branches", get(union::branches))
        .route("/service-status", get(service_hours::status))
        .nest("/flow", flow::router(state.clone()))
        .nest("/personal/v1", bank_api::router(state.clone()))
        .fallback(|| async { error_response(ApiError::new(ErrorId::NotFound)) });
    let mut app = Router::new()
        .nest("/api", security::with_api_headers(api))
        .nest("/telephony", telephony::router())
        .nest("/oauth", security::with_api_headers(oauth::router(state.clone())))
        .route("/.well-known/oauth-authorization-server", get(oauth::metadata::document))
        .fallback_service(spa::router(&state));
    if state.config.profile == Profile::Development {
        app = app
            .nest("/demo-app", demo_app::router())
            .route("/demo-app/style.css", get(demo_app::style))
            .route("/dev/outbox", get(outbox_page::list));
    }
    let production = state.config.is_production();
    let app = security::with_common_headers(app, production, !state.config.frame_ancestors.is_empty())
        .layer(axum::middleware::from_fn(limits::refuse_oversized))
        .layer(axum::extract::DefaultBodyLimit::max(limits::MAX_BODY))
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            limits::MAX_HANDLING,
        ));
    // Counted per route only where someone reads the counts.
    let app = match state.config.metrics_bind {
        Some(_) => app.layer(axum::middleware::from_fn(crate::telemetry::metrics::track)),
        None => app,
    };
    app.layer(CatchPanicLayer::custom(security::answer_panic))
        // Failures are logged where they happen (`web::error`), with their
        // cause; a refused request (out of hours, busy) is not a server failure.
        .layer(TraceLayer::new_for_http().make_span_with(security::span_without_query).on_failure(()))
        .with_state(state)
}

/// Request headers for a unit test, from name and value pairs.
#[cfg(test)]
pub(crate) fn headers(pairs: &[(&'static str, &'static str)]) -> axum::http::HeaderMap {
    let mut map = axum::http::HeaderMap::new();
    for (name, value) in pairs {
        map.insert(*name, axum::http::HeaderValue::from_static(value));
    }
    map
}
