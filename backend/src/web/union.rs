//! The union's public profile and its branches (from the core), for the
//! header, footer and screen ①'s branch picker.

use crate::domain::error::DomainResult;
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use renkei_common::api::{BranchList, UnionProfile};

pub async fn profile(State(state): State<AppState>) -> Json<UnionProfile> {
    Json(state.config.union.clone())
}

pub async fn branches(State(state): State<AppState>) -> DomainResult<Json<BranchList>> {
    Ok(Json(BranchList { branches: state.core.branches().await? }))
}
