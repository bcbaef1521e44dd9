//! The flow this browser's cookie points at, as an extractor: a handler
//! that takes `CurrentFlow` never runs without a live flow.

use super::cookie;
use crate::domain::error::DomainError;
use crate::state::AppState;
use crate::store::flows::FlowRecord;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum_extra::extract::CookieJar;
use renkei_common::catalogue::ErrorId;
use renkei_common::steps::Step;

pub struct CurrentFlow(pub FlowRecord);

impl FromRequestParts<AppState> for CurrentFlow {
    type Rejection = DomainError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let jar = CookieJar::from_headers(&parts.headers);
        let secret =
            cookie::secret_in(&jar, state.config.is_production()).ok_or(DomainError::Refused(ErrorId::FlowExpired))?;
        let flow = state.journey().live(&secret).await?.ok_or(DomainError::Refused(ErrorId::FlowExpired))?;
        Ok(CurrentFlow(flow))
    }
}

impl CurrentFlow {
    /// The flow, if it stands at `step`; a step cannot be skipped or repeated.
    pub fn at(self, step: Step) -> Result<FlowRecord, DomainError> {
        if self.0.step == step { Ok(self.0) } else { Err(DomainError::Refused(ErrorId::StepOutOfOrder)) }
    }
}
