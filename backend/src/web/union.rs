//! The union's public profile and its branches (from the core), for the
//! header, footer and screen ①'s branch picker.

use crate::domain::error::DomainResult;
use crate::state::AppState;
use crate::web::lang::RequestLang;
use axum::Json;
use axum::extract::State;
use renkei_common::api::{BranchList, UnionProfile};

/// In the customer's language (`web::lang`).
pub async fn profile(State(state): State<AppState>, lang: RequestLang) -> Json<UnionProfile> {
    Json(state.config.union_profile(lang.lang))
}

pub async fn branches(State(state): State<AppState>) -> DomainResult<Json<BranchList>> {
    Ok(Json(BranchList { branches: state.core.branches().await? }))
}
