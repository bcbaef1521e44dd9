//! The telephony webhook, one route per provider: authenticated by the
//! provider's port, decided by `domain::phone_call`, logged, and answered
//! in the provider's speech.

use crate::domain::audit::{ClientInfo, Operation};
use crate::domain::error::DomainError;
use crate::state::AppState;
use crate::store::calls::CallOutcome;
use crate::telephony::{CallAnswer, CallProvider, Speech, twilio};
use axum::extract::{OriginalUri, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Form, Router};
use renkei_common::catalogue::ErrorId;
use renkei_common::steps::Step;

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
    let call = match P::authenticate(&state.config, &url, &headers, &params) {
        Ok(call) => call,
        Err(refusal) => {
            tracing::warn!(provider = P::NAME, why = refusal.as_str(), "telephony webhook refused");
            let operation = Operation::new(Step::PhoneCall, None, None)
                .outcome::<()>(&Err(DomainError::Refused(ErrorId::WebhookRejected)))
                .with_detail(format!("{} webhook refused ({})", P::NAME, refusal.as_str()));
            state.audit().record(&client, operation).await;
            return DomainError::Refused(ErrorId::WebhookRejected).into_response();
        }
    };
    // A failure is logged where it was made; the caller hears the refusal
    // rather than silence.
    let outcome = state.phone_call().receive(P::NAME, &call, state.audit(), &client).await;
    let answer = match outcome {
        Ok(CallOutcome::Verified) => CallAnswer::Accepted,
        Ok(CallOutcome::Closed) => CallAnswer::Closed,
        _ => CallAnswer::Refused,
    };
    if let Err(error) = &outcome {
        tracing::error!(%error, provider = P::NAME, "call not registered");
    }
    let Speech { content_type, body } = P::speak(answer);
    ([(header::CONTENT_TYPE, content_type)], body).into_response()
}
