//! The typed client of the backend's JSON API. Every failure arrives as a
//! catalogue [`ApiError`], whatever went wrong on the way.
//!
//! Every call goes through one untyped [`exchange`] (gloo-net's request and
//! response), so the wasm holds a single copy of it: only the JSON encoding
//! and decoding of each type is generic, and those parts stay thin. An
//! [`Endpoint`] ties each path to the type that travels on it.

use gloo_net::http::{Method, RequestBuilder};
use renkei_common::api::{
    AccountRequest, BranchList, CallInstructions, ConsentView, CustomerRequest, EndLinkRequest, FlowProgress, LinkList,
    PhoneChoice, PhoneChoices, PinRequest, ServiceStatus, SimulatedCall, SimulatedCallResult, SimulatedCaller,
    UnionProfile,
};
use renkei_common::catalogue::{ApiError, ErrorBody, ErrorId};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::marker::PhantomData;

/// A path of the API and its type: what a GET answers, or what a step's
/// POST sends (the flow answers every step with a [`FlowProgress`]).
pub struct Endpoint<T>(pub &'static str, PhantomData<fn() -> T>);

impl<T> Clone for Endpoint<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Endpoint<T> {}

const fn endpoint<T>(path: &'static str) -> Endpoint<T> {
    Endpoint(path, PhantomData)
}

// The gallery shows a fixed union and never asks.
#[cfg_attr(feature = "gallery", allow(dead_code))]
pub const UNION: Endpoint<UnionProfile> = endpoint("/api/union");
pub const BRANCHES: Endpoint<BranchList> = endpoint("/api/branches");
pub const SERVICE_STATUS: Endpoint<ServiceStatus> = endpoint("/api/service-status");
pub const FLOW: Endpoint<FlowProgress> = endpoint("/api/flow");
pub const PHONES: Endpoint<PhoneChoices> = endpoint("/api/flow/phones");
pub const CALL: Endpoint<CallInstructions> = endpoint("/api/flow/call");
pub const CONSENT: Endpoint<ConsentView> = endpoint("/api/flow/consent");
pub const LINKS: Endpoint<LinkList> = endpoint("/api/flow/links");

pub const ACCOUNT: Endpoint<AccountRequest> = endpoint("/api/flow/account");
pub const CUSTOMER: Endpoint<CustomerRequest> = endpoint("/api/flow/customer");
pub const CHOOSE_PHONE: Endpoint<PhoneChoice> = endpoint("/api/flow/phones");
pub const PIN: Endpoint<PinRequest> = endpoint("/api/flow/pin");
/// 連携管理 begins a flow of the customer's own (no body).
pub const START_MANAGING_LINKS: Endpoint<()> = endpoint("/api/flow/links/start");

fn system_error() -> ApiError {
    ApiError::new(ErrorId::SystemError)
}

/// One request, `body` as JSON when given: the response's text if the
/// status is a success, otherwise the refusal it carries.
pub async fn exchange(method: Method, path: &str, body: Option<String>) -> Result<String, ApiError> {
    // The answers' words (⑥'s data, the union's names) in the page's language.
    let request = RequestBuilder::new(path).method(method).header("Accept-Language", crate::lang::lang().tag());
    let request = match body {
        Some(body) => request.header("Content-Type", "application/json").body(body),
        None => request.build(),
    };
    let response = request.map_err(|_| system_error())?.send().await.map_err(|_| system_error())?;
    let text = response.text().await.ok();
    if response.ok() {
        return text.ok_or_else(system_error);
    }
    // A proxy's own error page is not ours to show: fall back by status.
    match text.and_then(|text| serde_json::from_str::<ErrorBody>(&text).ok()) {
        Some(body) => Err(body.error),
        None if response.status() == 503 => Err(ApiError::new(ErrorId::Busy)),
        None => Err(system_error()),
    }
}

pub async fn exchange_get(path: &str) -> Result<String, ApiError> {
    exchange(Method::GET, path, None).await
}

/// What a response's text says, as a `T`.
pub fn decode<T: DeserializeOwned>(text: Result<String, ApiError>) -> Result<T, ApiError> {
    serde_json::from_str(&text?).map_err(|_| system_error())
}

/// `body` as JSON (`null` for `()`).
pub fn json<B: Serialize>(body: &B) -> Result<String, ApiError> {
    serde_json::to_string(body).map_err(|_| system_error())
}

/// A step's request: the flow answers with where it stands now.
pub async fn post_step(path: &str, body: Result<String, ApiError>) -> Result<FlowProgress, ApiError> {
    decode(exchange(Method::POST, path, Some(body?)).await)
}

pub async fn call_instructions() -> Result<CallInstructions, ApiError> {
    decode(exchange(Method::GET, CALL.0, None).await)
}

pub async fn confirm_call() -> Result<FlowProgress, ApiError> {
    post_step("/api/flow/call/confirm", json(&())).await
}

/// 連携管理: ends one link; the answer is the list as it now stands.
pub async fn end_link(id: i64) -> Result<LinkList, ApiError> {
    decode(exchange(Method::POST, "/api/flow/links/end", Some(json(&EndLinkRequest { id })?)).await)
}

pub async fn simulate_call(caller: SimulatedCaller) -> Result<SimulatedCallResult, ApiError> {
    let body = json(&SimulatedCall { caller })?;
    decode(exchange(Method::POST, "/api/flow/simulate-call", Some(body)).await)
}
