//! Screen ④ 電話番号認証: the number to call and the time left; 「確定する」
//! moves on once a valid call arrived, waits (認証中) before it, and after
//! the 120 seconds the attempt is void (`domain::phone_call`).

use super::current::CurrentFlow;
use crate::config::Profile;
use crate::domain::audit::{ClientInfo, Operation};
use crate::domain::error::DomainResult;
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use renkei_common::api::{CallInstructions, FlowProgress};
use renkei_common::steps::Step;

#[utoipa::path(get, path = "/api/flow/call", tag = "flow",
    responses((status = 200, description = "The number to call and the time left", body = renkei_common::api::CallInstructions)),
    summary = "Screen ④ 電話番号認証: the call to make")]
pub async fn status(State(state): State<AppState>, current: CurrentFlow) -> DomainResult<Json<CallInstructions>> {
    let flow = current.at(Step::PhoneCall)?;
    let status = state.phone_call().status(&flow).await?;
    Ok(Json(CallInstructions {
        destination: status.destination.display(),
        tel_uri: status.destination.tel_uri(),
        caller: status.caller,
        seconds_left: status.seconds_left,
        verified: status.verified,
        call_simulator: state.config.profile == Profile::Development,
    }))
}

/// 「確定する」. Answers the step the flow stands at: ⑤ once verified, ④
/// while waiting for the call.
#[utoipa::path(post, path = "/api/flow/call/confirm", tag = "flow",
    responses((status = 200, description = "⑤ once a valid call arrived, ④ while waiting", body = renkei_common::api::FlowProgress)),
    summary = "Screen ④ 「確定する」")]
pub async fn confirm(
    State(state): State<AppState>,
    client: ClientInfo,
    current: CurrentFlow,
) -> DomainResult<Json<FlowProgress>> {
    let flow = current.at(Step::PhoneCall)?;
    let outcome = state.phone_call().confirm(&flow).await;
    if !matches!(outcome, Ok(Step::PhoneCall)) {
        state.audit().record(&client, Operation::at_step(Step::PhoneCall, &flow).outcome(&outcome)).await;
    }
    outcome.map(|step| Json(FlowProgress { step }))
}
