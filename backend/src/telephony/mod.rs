//! The telephony provider's side of screen ④: the provider tells us a call
//! arrived (caller, dialled number) by a signed webhook, we decide whether
//! it verifies a waiting attempt, and answer what the caller hears.
//!
//! Providers differ only in how they sign, name fields and speak back, so
//! each is one implementation of [`CallProvider`]; deciding is shared.

pub mod simulator;
pub mod twilio;

use crate::app::AppState;
use crate::audit::{self, ClientInfo, Operation};
use crate::error::AppResult;
use crate::store::calls::CallOutcome;
use axum::Router;
use axum::routing::post;
use renkei_common::fields::PhoneNumber;
use renkei_common::steps::Step;

/// A call as a provider reports it, already authenticated.
#[derive(Clone, Debug)]
pub struct IncomingCall {
    /// The provider's id for the call: a replayed webhook repeats it.
    pub call_id: String,
    /// `None` when the caller ID is withheld or unknown.
    pub from: Option<PhoneNumber>,
    pub to: Option<PhoneNumber>,
}

pub trait CallProvider {
    /// The provider's name in the log and the received-calls table.
    const NAME: &'static str;
}

pub fn router() -> Router<AppState> {
    Router::new().route("/twilio/voice", post(twilio::voice_webhook))
}

/// Decides what an authenticated call does, and logs it with masked numbers.
pub async fn receive<P: CallProvider>(
    state: &AppState,
    client: &ClientInfo,
    call: &IncomingCall,
) -> AppResult<CallOutcome> {
    let from_masked = call.from.as_ref().map(PhoneNumber::masked).unwrap_or_else(|| "非通知".to_owned());
    let outcome = state
        .store
        .register_call(
            P::NAME,
            &call.call_id,
            call.from.as_ref().map(PhoneNumber::e164),
            &from_masked,
            call.to.as_ref().map(PhoneNumber::e164),
            state.clock.now(),
        )
        .await?;
    let to = call.to.as_ref().map(PhoneNumber::display).unwrap_or_default();
    let operation = Operation::new(Step::PhoneCall, None, None)
        .with_outcome_text(if outcome == CallOutcome::Verified { "ok" } else { "call_refused" })
        .with_detail(format!("{} call from {from_masked} to {to}: {}", P::NAME, outcome.as_str()));
    audit::record(state, client, operation).await;
    Ok(outcome)
}
