//! The service calendar applied: the flow's API refuses requests inside a
//! maintenance window, and `/api/service-status` lets screen ① warn early.

use crate::app::AppState;
use crate::error::{AppError, AppResult};
use axum::Json;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use renkei_common::api::ServiceStatus;
use renkei_common::calendar::{Availability, availability_at, jst, next_closure_within};
use renkei_common::catalogue::ErrorId;
use time::{Duration, PrimitiveDateTime};

/// How far ahead screen ① warns of a maintenance window.
pub const WARNING_AHEAD: Duration = Duration::minutes(15);

/// Lets a flow request through only inside service hours and while the
/// operator has the service switched on.
pub async fn require_open(State(state): State<AppState>, request: Request, next: Next) -> AppResult<Response> {
    if !state.store.flow_enabled().await? {
        return Err(AppError::Refused(ErrorId::ServiceUnavailable));
    }
    let now = state.clock.now();
    let ad_hoc = state.store.ad_hoc_windows(now).await?;
    match availability_at(jst(now), &ad_hoc) {
        Availability::Open => Ok(next.run(request).await),
        Availability::Closed { .. } => Err(AppError::Refused(ErrorId::OutOfHours)),
    }
}

pub async fn status(State(state): State<AppState>) -> AppResult<Json<ServiceStatus>> {
    let now = state.clock.now();
    let ad_hoc = state.store.ad_hoc_windows(now).await?;
    let t = jst(now);
    let status = match availability_at(t, &ad_hoc) {
        Availability::Open => ServiceStatus {
            open: true,
            reopens_at: None,
            closes_soon_at: next_closure_within(t, WARNING_AHEAD, &ad_hoc).map(|w| clock_text(w.start)),
        },
        Availability::Closed { until, .. } => {
            ServiceStatus { open: false, reopens_at: Some(clock_text(until)), closes_soon_at: None }
        }
    };
    Ok(Json(status))
}

/// `H:MM`, as Japanese notices write times.
fn clock_text(t: PrimitiveDateTime) -> String {
    format!("{}:{:02}", t.hour(), t.minute())
}
