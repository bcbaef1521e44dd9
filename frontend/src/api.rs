//! The typed client of the backend's JSON API. Every failure arrives as a
//! catalogue [`ApiError`], whatever went wrong on the way.
//!
//! Every call goes through one untyped [`exchange`] (gloo-net's request and
//! response), so the wasm holds a single copy of it: only the JSON encoding
//! and decoding of each type is generic, and those parts stay thin.

use gloo_net::http::{Method, RequestBuilder};
use renkei_common::api::{
    AccountRequest, BranchList, CallInstructions, ConsentView, CustomerRequest, FlowProgress, PhoneChoice,
    PhoneChoices, PinRequest, ServiceStatus, SimulatedCall, SimulatedCallResult, SimulatedCaller, UnionProfile,
};
use renkei_common::catalogue::{ApiError, ErrorBody, ErrorId};
use serde::Serialize;
use serde::de::DeserializeOwned;

fn system_error() -> ApiError {
    ApiError::new(ErrorId::SystemError)
}

/// One request, `body` as JSON when given: the response's text if the
/// status is a success, otherwise the refusal it carries.
async fn exchange(method: Method, path: &str, body: Option<String>) -> Result<String, ApiError> {
    let request = RequestBuilder::new(path).method(method);
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

fn decode<T: DeserializeOwned>(text: Result<String, ApiError>) -> Result<T, ApiError> {
    serde_json::from_str(&text?).map_err(|_| system_error())
}

async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    decode(exchange(Method::GET, path, None).await)
}

async fn post<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> Result<T, ApiError> {
    let body = serde_json::to_string(body).map_err(|_| system_error())?;
    decode(exchange(Method::POST, path, Some(body)).await)
}
pub async fn union_profile() -> Result<UnionProfile, ApiError> {
    get("/api/union").await
}

pub async fn branches() -> Result<BranchList, ApiError> {
    get("/api/branches").await
}

pub async fn service_status() -> Result<ServiceStatus, ApiError> {
    get("/api/service-status").await
}

pub async fn submit_account(request: AccountRequest) -> Result<FlowProgress, ApiError> {
    post("/api/flow/account", &request).await
}

pub async fn flow_progress() -> Result<FlowProgress, ApiError> {
    get("/api/flow").await
}

pub async fn submit_customer(request: CustomerRequest) -> Result<FlowProgress, ApiError> {
    post("/api/flow/customer", &request).await
}

pub async fn phone_choices() -> Result<PhoneChoices, ApiError> {
    get("/api/flow/phones").await
}

pub async fn choose_phone(index: usize) -> Result<FlowProgress, ApiError> {
    post("/api/flow/phones", &PhoneChoice { index }).await
}

pub async fn call_instructions() -> Result<CallInstructions, ApiError> {
    get("/api/flow/call").await
}

pub async fn confirm_call(_: ()) -> Result<FlowProgress, ApiError> {
    post("/api/flow/call/confirm", &()).await
}

pub async fn simulate_call(caller: SimulatedCaller) -> Result<SimulatedCallResult, ApiError> {
    post("/api/flow/simulate-call", &SimulatedCall { caller }).await
}

pub async fn submit_pin(request: PinRequest) -> Result<FlowProgress, ApiError> {
    post("/api/flow/pin", &request).await
}

pub async fn consent_view() -> Result<ConsentView, ApiError> {
    get("/api/flow/consent").await
}
