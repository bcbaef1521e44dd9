//! What goes into the operation log, and what never does. Built only from
//! already-masked or permitted values: the masked account number, the kana
//! name as entered (SPEC: kana is kept only for this log), the outcome's
//! catalogue id. Never a PIN, a token, a full phone number or a full date
//! of birth: this type has no field that could hold one.

use crate::app::AppState;
use crate::error::AppResult;
use crate::store::flows::FlowRecord;
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::{header, request::Parts};
use renkei_common::api::AccountInput;
use renkei_common::fields::KanaName;
use renkei_common::steps::Step;
use std::convert::Infallible;
use std::net::SocketAddr;

/// Who sent the request, as far as the connection tells.
#[derive(Clone, Debug, Default)]
pub struct ClientInfo {
    pub ip: Option<String>,
    pub user_agent: Option<String>,
}

impl<S: Send + Sync> FromRequestParts<S> for ClientInfo {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let ip = parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|ConnectInfo(addr)| addr.ip().to_string());
        let user_agent = parts
            .headers
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .map(|ua| ua.chars().take(256).collect());
        Ok(ClientInfo { ip, user_agent })
    }
}

/// One attempt at one step.
#[derive(Clone, Debug)]
pub struct Operation {
    pub step: &'static str,
    pub outcome: &'static str,
    pub flow_ref: Option<String>,
    pub client_id: Option<String>,
    pub account_masked: Option<String>,
    pub kana_name: Option<String>,
    /// Free text for what the columns do not hold, e.g. a call's masked
    /// numbers and why it did not verify. Never an unmasked number.
    pub detail: Option<String>,
}

impl Operation {
    pub fn new(step: Step, flow_ref: Option<String>, account: Option<&AccountInput>) -> Self {
        Operation {
            step: step.as_str(),
            outcome: "ok",
            flow_ref,
            client_id: None,
            account_masked: account.map(|a| format!("{}-{}", a.branch.as_str(), a.number.masked())),
            kana_name: None,
            detail: None,
        }
    }

    pub fn at_step(step: Step, flow: &FlowRecord) -> Self {
        Self::new(step, Some(flow.reference()), flow.account.as_ref())
    }

    pub fn with_kana(mut self, kana: &KanaName) -> Self {
        self.kana_name = Some(kana.as_str().to_owned());
        self
    }

    pub fn with_detail(mut self, detail: String) -> Self {
        self.detail = Some(detail);
        self
    }

    /// An outcome that is not a catalogue entry (e.g. a call's verdict).
    pub fn with_outcome_text(mut self, outcome: &'static str) -> Self {
        self.outcome = outcome;
        self
    }

    pub fn outcome<T>(mut self, outcome: &AppResult<T>) -> Self {
        self.outcome = match outcome {
            Ok(_) => "ok",
            Err(error) => error.id().as_str(),
        };
        self
    }
}

/// Writes the operation. A log that cannot be written is itself logged;
/// the customer's answer stays what the step decided.
pub async fn record(state: &AppState, client: &ClientInfo, operation: Operation) {
    if let Err(cause) = state.store.record_operation(&operation, client, state.clock.now()).await {
        tracing::error!(%cause, step = operation.step, outcome = operation.outcome, "operation log not written");
    }
}
