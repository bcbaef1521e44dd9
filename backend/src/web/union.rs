//! The union's public profile and its branches (from the core), for the
//! header, footer and screen ①'s branch picker.

use crate::domain::error::DomainResult;
use crate::state::AppState;
use crate::web::lang::RequestLang;
use axum::Json;
use axum::extract::State;
use renkei_common::api::{BranchList, UnionProfile};

/// In the customer's language (`web::lang`).
#[utoipa::path(get, path = "/api/union", tag = "service",
    responses((status = 200, description = "The union's name and contact desk, in the request's language", body = renkei_common::api::UnionProfile)),
    summary = "The credit union's profile")]
pub async fn profile(State(state): State<AppState>, lang: RequestLang) -> Json<UnionProfile> {
    Json(state.config.union_profile(lang.lang))
}

#[utoipa::path(get, path = "/api/branches", tag = "service",
    responses((status = 200, description = "Every branch, for screen ①'s picker", body = renkei_common::api::BranchList)),
    summary = "The union's branches")]
pub async fn branches(State(state): State<AppState>) -> DomainResult<Json<BranchList>> {
    Ok(Json(BranchList { branches: state.core.branches().await? }))
}
