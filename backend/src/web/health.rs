//! `/api/health`: for load balancers and for `cargo xtask run` to know the
//! server is up.

use crate::domain::error::DomainResult;
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use serde::Serialize;

#[derive(Serialize)]
pub struct Health {
    status: &'static str,
    database: &'static str,
}

pub async fn check(State(state): State<AppState>) -> DomainResult<Json<Health>> {
    state.store.ping().await?;
    Ok(Json(Health { status: "ok", database: "ok" }))
}
