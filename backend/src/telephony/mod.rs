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
use crate::error::{AppError, AppResult};
use crate::store::calls::CallOutcome;
use axum::extract::{OriginalUri, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Form, Router};
use renkei_common::catalogue::ErrorId;
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

/// Why a webhook was not believed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    MissingSignature,
    WrongSignature,
    /// Signed, but for another account of the provider.
    OtherAccount,
    /// Signed, but without the call's id.
    NoCallId,
}

impl Refusal {
    pub fn as_str(self) -> &'static str {
        match self {
            Refusal::MissingSignature => "signature missing",
            Refusal::WrongSignature => "signature wrong",
            Refusal::OtherAccount => "another account",
            Refusal::NoCallId => "no call id",
        }
    }
}

/// One telephony provider's webhook format. Deciding what a call does,
/// logging and refusing are shared ([`webhook`]); a provider only says how
/// it signs and names things, and how the caller is spoken to.
pub trait CallProvider {
    /// The provider's name in the log and the received-calls table.
    const NAME: &'static str;

    /// Checks the request is the provider's own (signature, account) and
    /// reads the call from it. `url` is ours as the world calls it.
    fn authenticate(
        state: &AppState,
        url: &str,
        headers: &HeaderMap,
        params: &[(String, String)],
    ) -> Result<IncomingCall, Refusal>;

    /// What the caller hears: accepted, or not.
    fn answer(accepted: bool) -> Response;
}

pub fn router() -> Router<AppState> {
    Router::new().route("/twilio/voice", post(webhook::<twilio::Twilio>))
}

/// The webhook of provider `P`: authenticated, decided, logged, answered.
pub async fn webhook<P: CallProvider>(
    State(state): State<AppState>,
    OriginalUri(uri): OriginalUri,
    client: ClientInfo,
    headers: HeaderMap,
    Form(params): Form<Vec<(String, String)>>,
) -> Response {
    // The provider signs the URL it called: ours as the world sees it.
    let path_and_query = uri.path_and_query().map(|p| p.as_str()).unwrap_or_default();
    let url = format!("{}{path_and_query}", state.public_url);
    let call = match P::authenticate(&state, &url, &headers, &params) {
        Ok(call) => call,
        Err(refusal) => {
            tracing::warn!(provider = P::NAME, why = refusal.as_str(), "telephony webhook refused");
            let operation = Operation::new(Step::PhoneCall, None, None)
                .outcome::<()>(&Err(AppError::Refused(ErrorId::WebhookRejected)))
                .with_detail(format!("{} webhook refused ({})", P::NAME, refusal.as_str()));
            audit::record(&state, &client, operation).await;
            return AppError::Refused(ErrorId::WebhookRejected).into_response();
        }
    };
    // A failure is logged where it was made; the caller hears the refusal
    // rather than silence.
    P::answer(matches!(receive::<P>(&state, &client, &call).await, Ok(CallOutcome::Verified)))
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
