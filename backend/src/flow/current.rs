//! The flow this browser's cookie points at, as an extractor: a handler
//! that takes `CurrentFlow` never runs without a live flow.

use super::cookie::FlowSecret;
use crate::app::AppState;
use crate::error::AppError;
use crate::store::flows::FlowRecord;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum_extra::extract::CookieJar;
use renkei_common::catalogue::ErrorId;

pub struct CurrentFlow(pub FlowRecord);

impl FromRequestParts<AppState> for CurrentFlow {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let jar = CookieJar::from_headers(&parts.headers);
        let secret = FlowSecret::from_jar(&jar).ok_or(AppError::Refused(ErrorId::FlowExpired))?;
        let flow = state
            .store
            .live_flow(&secret.hash(), state.clock.now())
            .await?
            .ok_or(AppError::Refused(ErrorId::FlowExpired))?;
        Ok(CurrentFlow(flow))
    }
}

impl CurrentFlow {
    /// The flow, if it stands at `step`; a step cannot be skipped or repeated.
    pub fn at(self, step: renkei_common::steps::Step) -> Result<FlowRecord, AppError> {
        if self.0.step == step { Ok(self.0) } else { Err(AppError::Refused(ErrorId::StepOutOfOrder)) }
    }
}
