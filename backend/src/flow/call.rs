//! Screen ④ 電話番号認証: the number to call and the time left; 「確定する」
//! moves on once a valid call arrived, waits (認証中) before it, and after
//! the 120 seconds voids the attempt: the customer starts again from ①.

use super::current::CurrentFlow;
use crate::app::AppState;
use crate::audit::{self, ClientInfo, Operation};
use crate::config::Profile;
use crate::error::{AppError, AppResult};
use crate::lockout;
use crate::store::calls::CallAttempt;
use crate::store::flows::FlowRecord;
use axum::Json;
use axum::extract::State;
use renkei_common::api::{CallInstructions, FlowProgress};
use renkei_common::catalogue::ErrorId;
use renkei_common::fields::PhoneNumber;
use renkei_common::steps::Step;

async fn attempt_of(state: &AppState, flow: &FlowRecord) -> AppResult<CallAttempt> {
    let account_id = flow.account_id.ok_or(AppError::Refused(ErrorId::StepOutOfOrder))?;
    lockout::ensure_unlocked(state, account_id).await?;
    state.store.call_attempt(&flow.id_hash).await?.ok_or(AppError::Refused(ErrorId::StepOutOfOrder))
}

/// The attempt is void and nothing can continue it: the customer starts
/// again from ①. A flow an app started goes back to ① with the app's
/// request (in production there is no other way to reach ①); a
/// development flow ends, and ① starts a new one.
async fn expire(state: &AppState, flow: &FlowRecord) -> AppError {
    let gone = if flow.oauth_request.is_some() {
        state.store.restart_flow(&flow.id_hash, Step::PhoneCall).await
    } else {
        state.store.end_flow(&flow.id_hash, state.clock.now()).await
    };
    match gone {
        Ok(_) => ErrorId::PhoneExpired.into(),
        Err(cause) => cause.into(),
    }
}

pub async fn status(State(state): State<AppState>, current: CurrentFlow) -> AppResult<Json<CallInstructions>> {
    let flow = current.at(Step::PhoneCall)?;
    let attempt = attempt_of(&state, &flow).await?;
    let now = state.clock.now();
    // Said as soon as it is so, rather than offering a 「確定する」 that can
    // only fail.
    if attempt.is_void_at(now) {
        return Err(expire(&state, &flow).await);
    }
    let show =
        |e164: &str| PhoneNumber::parse(e164).ok_or_else(|| AppError::Internal(format!("stored number {e164:?}")));
    let destination = show(&attempt.destination_e164)?;
    Ok(Json(CallInstructions {
        destination: destination.display(),
        tel_uri: destination.tel_uri(),
        caller: show(&attempt.caller_e164)?.masked(),
        seconds_left: (attempt.deadline - now).whole_seconds().max(0),
        verified: attempt.verified,
        call_simulator: state.config.profile == Profile::Development,
    }))
}

/// 「確定する」. Answers the step the flow stands at: ⑤ once verified, ④
/// while waiting for the call.
pub async fn confirm(
    State(state): State<AppState>,
    client: ClientInfo,
    current: CurrentFlow,
) -> AppResult<Json<FlowProgress>> {
    let flow = current.at(Step::PhoneCall)?;
    let outcome = decide(&state, &flow).await;
    if !matches!(outcome, Ok(Step::PhoneCall)) {
        audit::record(&state, &client, Operation::at_step(Step::PhoneCall, &flow).outcome(&outcome)).await;
    }
    outcome.map(|step| Json(FlowProgress { step }))
}

async fn decide(state: &AppState, flow: &FlowRecord) -> AppResult<Step> {
    let attempt = attempt_of(state, flow).await?;
    let now = state.clock.now();
    // Pressed in time, the customer may wait past the deadline for the
    // screen to move on by itself; a first press after it is void.
    if attempt.is_void_at(now) {
        return Err(expire(state, flow).await);
    }
    if attempt.verified {
        return if state.store.advance(&flow.id_hash, Step::PhoneCall, Step::Pin).await? {
            Ok(Step::Pin)
        } else {
            Err(ErrorId::StepOutOfOrder.into())
        };
    }
    state.store.press_confirm(&flow.id_hash, now).await?;
    Ok(Step::PhoneCall)
}
