//! The service calendar at the edge: the flow's API refuses requests
//! inside a maintenance window, and `/api/service-status` lets screen ①
//! warn early.

use crate::domain::error::DomainResult;
use crate::state::AppState;
use axum::Json;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use renkei_common::api::ServiceStatus;

/// Lets a flow request through only inside service hours and while the
/// operator has the service switched on.
pub async fn require_open(State(state): State<AppState>, request: Request, next: Next) -> DomainResult<Response> {
    state.service_hours().require_open().await?;
    Ok(next.run(request).await)
}

pub async fn status(State(state): State<AppState>) -> DomainResult<Json<ServiceStatus>> {
    Ok(Json(state.service_hours().status().await?))
}
