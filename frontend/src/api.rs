//! The typed client of the backend's JSON API. Every failure arrives as a
//! catalogue [`ApiError`], whatever went wrong on the way.

use gloo_net::http::{Request, Response};
use renkei_common::api::{
    AccountRequest, BranchList, CallInstructions, ConsentView, CustomerRequest, FlowProgress, PhoneChoice,
    PhoneChoices, PinRequest, ServiceStatus, SimulatedCall, SimulatedCallResult, SimulatedCaller, UnionProfile,
};
use renkei_common::catalogue::{ApiError, ErrorBody, ErrorId};
use serde::Serialize;
use serde::de::DeserializeOwned;

async fn read<T: DeserializeOwned>(response: Result<Response, gloo_net::Error>) -> Result<T, ApiError> {
    let response = response.map_err(|_| ApiError::new(ErrorId::SystemError))?;
    if response.ok() {
        return response.json::<T>().await.map_err(|_| ApiError::new(ErrorId::SystemError));
    }
    // A proxy's own error page is not ours to show: fall back by status.
    match response.json::<ErrorBody>().await {
        Ok(body) => Err(body.error),
        Err(_) if response.status() == 503 => Err(ApiError::new(ErrorId::Busy)),
        Err(_) => Err(ApiError::new(ErrorId::SystemError)),
    }
}

async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    read(Request::get(path).send().await).await
}

async fn post<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> Result<T, ApiError> {
    let request = Request::post(path).json(body).map_err(|_| ApiError::new(ErrorId::SystemError))?;
    read(request.send().await).await
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
