//! What goes into the operation log, and what never does. Built only from
//! already-masked or permitted values: the masked account number, the kana
//! name as entered (SPEC: kana is kept only for this log), the outcome's
//! catalogue id. Never a PIN, a token, a full phone number or a full date
//! of birth: these types have no field that could hold one.

use crate::clock::Clock;
use crate::domain::error::{DomainError, DomainResult};
use crate::store::Store;
use crate::store::flows::FlowRecord;
use crate::store::operation_log::NewOperation;
use renkei_common::api::AccountInput;
use renkei_common::fields::KanaName;
use renkei_common::steps::Step;

/// Who sent the request, as far as the connection tells (the web layer
/// reads it; see `web::extract`).
#[derive(Clone, Debug, Default)]
pub struct ClientInfo {
    pub ip: Option<String>,
    pub user_agent: Option<String>,
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
        let mut operation = Self::new(step, Some(flow.reference()), flow.account.as_ref());
        operation.client_id = flow.client_id();
        operation
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

    pub fn outcome<T>(mut self, outcome: &DomainResult<T>) -> Self {
        self.outcome = match outcome {
            Ok(_) => "ok",
            Err(error) => error.id().as_str(),
        };
        // `throttled`, and which throttle: the auditors tell a guessing
        // address from a guessed account by it.
        if let Err(DomainError::Throttled { scope, .. }) = outcome {
            self.detail = Some(format!("throttled per {}", scope.as_str()));
        }
        self
    }
}

/// The operation log as the domain writes it.
#[derive(Clone, Copy)]
pub struct AuditLog<'a> {
    pub store: &'a Store,
    pub clock: &'a dyn Clock,
}

impl AuditLog<'_> {
    /// Writes the operation. A log that cannot be written is itself logged;
    /// the customer's answer stays what the step decided.
    pub async fn record(&self, client: &ClientInfo, operation: Operation) {
        let row = NewOperation {
            at: self.clock.now(),
            step: operation.step,
            outcome: operation.outcome,
            flow_ref: operation.flow_ref.as_deref(),
            client_id: operation.client_id.as_deref(),
            account_masked: operation.account_masked.as_deref(),
            ip: client.ip.as_deref(),
            user_agent: client.user_agent.as_deref(),
            kana_name: operation.kana_name.as_deref(),
            detail: operation.detail.as_deref(),
        };
        if let Err(cause) = self.store.record_operation(&row).await {
            tracing::error!(%cause, step = operation.step, outcome = operation.outcome, "operation log not written");
        }
    }
}
