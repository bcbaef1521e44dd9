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

impl FromRequestParts<AppState> for ClientInfo {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let peer = parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|ConnectInfo(addr)| addr.ip().to_string());
        let forwarded = parts.headers.get_all(FORWARDED_FOR).iter().filter_map(|v| v.to_str().ok());
        let ip = client_ip(peer, forwarded, state.config.proxy_hops);
        let user_agent = parts
            .headers
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .map(|ua| ua.chars().take(256).collect());
        Ok(ClientInfo { ip, user_agent })
    }
}

const FORWARDED_FOR: &str = "x-forwarded-for";

/// The customer's address. Behind `proxy_hops` proxies of our own, each
/// appends the address it was reached from to X-Forwarded-For, so the
/// customer's is that many entries from the right; entries further left
/// are whatever the client wrote and are never believed. With no proxy
/// configured the header is ignored altogether.
fn client_ip<'a>(peer: Option<String>, forwarded: impl Iterator<Item = &'a str>, proxy_hops: usize) -> Option<String> {
    if proxy_hops == 0 {
        return peer;
    }
    let chain: Vec<&str> = forwarded.flat_map(|v| v.split(',')).map(str::trim).filter(|v| !v.is_empty()).collect();
    let from_right = chain.len().checked_sub(proxy_hops)?;
    chain.get(from_right).and_then(|ip| ip.parse::<std::net::IpAddr>().ok()).map(|ip| ip.to_string()).or(peer)
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

#[cfg(test)]
mod tests {
    use super::client_ip;

    fn ip(peer: &str, forwarded: &[&str], hops: usize) -> Option<String> {
        client_ip(Some(peer.to_owned()), forwarded.iter().copied(), hops)
    }

    #[test]
    fn without_a_proxy_the_connection_is_the_client_and_the_header_is_ignored() {
        assert_eq!(ip("198.51.100.7", &["203.0.113.9"], 0).as_deref(), Some("198.51.100.7"));
    }

    #[test]
    fn behind_proxies_the_entry_they_appended_is_the_client() {
        // The client forged the first entry; our one proxy appended the real one.
        assert_eq!(ip("10.0.0.2", &["1.2.3.4, 203.0.113.9"], 1).as_deref(), Some("203.0.113.9"));
        assert_eq!(ip("10.0.0.2", &["1.2.3.4", "203.0.113.9, 10.0.0.1"], 2).as_deref(), Some("203.0.113.9"));
        // Fewer entries than proxies: nothing to believe.
        assert_eq!(ip("10.0.0.2", &[], 1), None);
        assert_eq!(ip("10.0.0.2", &["not an address"], 1).as_deref(), Some("10.0.0.2"));
    }
}
