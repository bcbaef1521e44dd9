//! The service calendar at the edge: the flow's API and the OAuth entry
//! points refuse requests inside a maintenance window or while the
//! operator has the service off, and `/api/service-status` lets screen ①
//! warn early.

use crate::domain::error::DomainResult;
use crate::domain::oauth::error::OAuthError;
use crate::state::AppState;
use crate::web::oauth::authorize::ended_page;
use axum::Json;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use renkei_common::api::ServiceStatus;

/// Lets a flow request through only inside service hours and while the
/// operator has the service switched on.
pub async fn require_open(State(state): State<AppState>, request: Request, next: Next) -> DomainResult<Response> {
    state.service_hours().require_open().await?;
    Ok(next.run(request).await)
}

/// The authorization endpoint while closed: the customer's browser gets our
/// page (`out_of_hours`, `service_unavailable`) instead of a flow.
pub async fn page_when_closed(State(state): State<AppState>, request: Request, next: Next) -> Response {
    match state.service_hours().closed_now().await {
        Ok(None) => next.run(request).await,
        Ok(Some(closed)) => ended_page(closed.id()).into_response(),
        Err(error) => {
            tracing::error!(%error, "service hours not read");
            ended_page(error.id()).into_response()
        }
    }
}

/// PAR and the token endpoint while closed: 503 `temporarily_unavailable`
/// (RFC 6749 §4.1.2.1's word; the token endpoint has none of its own, as
/// when shedding load) with Retry-After the seconds until the window ends.
pub async fn app_refused_when_closed(State(state): State<AppState>, request: Request, next: Next) -> Response {
    match state.service_hours().closed_now().await {
        Ok(None) => next.run(request).await,
        Ok(Some(closed)) => OAuthError::closed(closed.retry_after()).into_response(),
        Err(error) => {
            tracing::error!(%error, "service hours not read");
            OAuthError::server_error().into_response()
        }
    }
}

#[utoipa::path(get, path = "/api/service-status", tag = "service",
    responses((status = 200, description = "Open now, or when it reopens", body = renkei_common::api::ServiceStatus)),
    summary = "Service hours: open, closing soon, reopening")]
pub async fn status(State(state): State<AppState>) -> DomainResult<Json<ServiceStatus>> {
    Ok(Json(state.service_hours().status().await?))
}
