//! Health for load balancers and orchestrators: `/api/health/live` says
//! the process answers (restart it if not); `/api/health/ready` (and
//! `/api/health`) that it can serve, its database reachable (send it no
//! traffic if not: 503, in the system error's words).

use super::error::error_response;
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use renkei_common::catalogue::{ApiError, ErrorId};
use serde::Serialize;

#[derive(Serialize, utoipa::ToSchema)]
pub struct Health {
    status: &'static str,
    database: &'static str,
}

#[utoipa::path(get, path = "/api/health/live", tag = "service",
    responses((status = 200, description = "The process answers", body = Health)),
    summary = "Liveness")]
pub async fn live() -> Json<Health> {
    Json(Health { status: "ok", database: "not_checked" })
}

#[utoipa::path(get, path = "/api/health/ready", tag = "service",
    responses((status = 200, description = "Ready: the database answers", body = Health)),
    summary = "Readiness (503 while the database is unreachable)")]
pub async fn check(State(state): State<AppState>) -> Response {
    match state.store.ping().await {
        Ok(()) => Json(Health { status: "ok", database: "ok" }).into_response(),
        Err(cause) => {
            tracing::error!(%cause, "not ready: the database is unreachable");
            let mut response = error_response(ApiError::new(ErrorId::SystemError));
            *response.status_mut() = StatusCode::SERVICE_UNAVAILABLE;
            response
        }
    }
}
