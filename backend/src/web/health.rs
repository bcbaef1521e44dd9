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

#[derive(Serialize)]
pub struct Health {
    status: &'static str,
    database: &'static str,
}

pub async fn live() -> Json<Health> {
    Json(Health { status: "ok", database: "not_checked" })
}

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
