//! The call simulator (development profile only): "calls" the shown number
//! from a registered phone, a withheld number or a stranger's, by sending
//! the webhook Twilio would send, signed as Twilio signs it. The whole flow
//! then works with no phone network; the full number never reaches the
//! browser (it sends which caller, not the number).

use crate::domain::error::{DomainError, DomainResult};
use crate::state::AppState;
use crate::telephony::twilio::{self, SIGNATURE_HEADER};
use crate::web::extract::ApiJson;
use crate::web::flow::current::CurrentFlow;
use axum::Json;
use axum::extract::State;
use renkei_common::api::{SimulatedCall, SimulatedCallResult, SimulatedCaller};
use renkei_common::catalogue::ErrorId;

/// A number no demo customer has.
const STRANGER: &str = "+819099990000";

pub async fn place_call(
    State(state): State<AppState>,
    CurrentFlow(flow): CurrentFlow,
    ApiJson(call): ApiJson<SimulatedCall>,
) -> DomainResult<Json<SimulatedCallResult>> {
    let attempt =
        state.store.call_attempt(&flow.id_hash).await?.ok_or(DomainError::Refused(ErrorId::StepOutOfOrder))?;
    let from = match call.caller {
        // The attempt keeps only a digest of it: the registered phone whose
        // digest it is.
        SimulatedCaller::Registered => {
            let phone_call = state.phone_call();
            let phones = phone_call.registered_phones(&flow).await?;
            let chosen = phones.iter().find(|phone| phone_call.settings.caller_digest(phone) == attempt.caller_digest);
            chosen.ok_or(DomainError::Refused(ErrorId::StepOutOfOrder))?.e164().to_owned()
        }
        SimulatedCaller::Withheld => "anonymous".to_owned(),
        SimulatedCaller::Stranger => STRANGER.to_owned(),
    };
    let mut sid = [0_u8; 16];
    state.random.fill(&mut sid);
    let call_sid: String = std::iter::once("CA".to_owned()).chain(sid.iter().map(|b| format!("{b:02x}"))).collect();
    let params: Vec<(String, String)> = [
        ("CallSid", call_sid.as_str()),
        ("AccountSid", state.config.twilio.account_sid.as_str()),
        ("From", from.as_str()),
        ("To", attempt.destination_e164.as_str()),
        ("CallStatus", "ringing"),
        ("Direction", "inbound"),
        ("ApiVersion", "2010-04-01"),
    ]
    .into_iter()
    .map(|(n, v)| (n.to_owned(), v.to_owned()))
    .collect();
    let url = format!("{}/telephony/twilio/voice", state.public_url);
    let signature = twilio::sign(&state.config.twilio.auth_token, &url, &params);
    let answer = reqwest::Client::new()
        .post(&url)
        .header(SIGNATURE_HEADER, signature)
        .form(&params)
        .send()
        .await
        .map_err(|e| DomainError::Internal(format!("simulated call: {e}")))?
        .text()
        .await
        .map_err(|e| DomainError::Internal(format!("simulated call: {e}")))?;
    let heard = answer
        .split_once('>')
        .and_then(|_| answer.split("<Say language=\"ja-JP\">").nth(1))
        .and_then(|rest| rest.split("</Say>").next())
        .unwrap_or_default()
        .to_owned();
    Ok(Json(SimulatedCallResult { heard }))
}
