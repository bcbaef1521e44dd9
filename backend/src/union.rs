//! The union's public profile and its branches, for the header, footer and
//! screen ①'s branch picker.

use crate::app::AppState;
use crate::error::AppResult;
use axum::Json;
use axum::extract::State;
use renkei_common::api::{BranchList, UnionProfile};

pub async fn profile(State(state): State<AppState>) -> Json<UnionProfile> {
    Json(state.config.union.clone())
}

pub async fn branches(State(state): State<AppState>) -> AppResult<Json<BranchList>> {
    Ok(Json(BranchList { branches: state.store.branches().await? }))
}
