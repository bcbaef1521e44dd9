//! Where this browser's flow stands, so a reload or the back button lands
//! on the right screen and never skips one.

use super::cookie::FlowSecret;
use crate::app::AppState;
use crate::error::{AppError, AppResult};
use axum::Json;
use axum::extract::State;
use axum_extra::extract::CookieJar;
use renkei_common::api::FlowProgress;
use renkei_common::catalogue::ErrorId;

pub async fn current(State(state): State<AppState>, jar: CookieJar) -> AppResult<Json<FlowProgress>> {
    let secret = FlowSecret::from_jar(&jar).ok_or(AppError::Refused(ErrorId::FlowExpired))?;
    let flow = state
        .store
        .live_flow(&secret.hash(), state.clock.now())
        .await?
        .ok_or(AppError::Refused(ErrorId::FlowExpired))?;
    Ok(Json(FlowProgress { step: flow.step }))
}
