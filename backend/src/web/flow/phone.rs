//! Screen ③ 電話番号の確認: the registered phones, masked; the customer
//! picks the one they will call from (`domain::phone_call`).

use super::current::CurrentFlow;
use crate::domain::audit::{ClientInfo, Operation};
use crate::domain::error::DomainResult;
use crate::state::AppState;
use crate::web::extract::ApiJson;
use axum::Json;
use axum::extract::State;
use renkei_common::api::{FlowProgress, MaskedPhone, PhoneChoice, PhoneChoices};
use renkei_common::catalogue::ErrorId;
use renkei_common::steps::Step;

#[utoipa::path(get, path = "/api/flow/phones", tag = "flow",
    responses((status = 200, description = "The registered phones, masked", body = renkei_common::api::PhoneChoices)),
    summary = "Screen ③ 電話番号の確認: the phones to call from")]
pub async fn choices(State(state): State<AppState>, current: CurrentFlow) -> DomainResult<Json<PhoneChoices>> {
    let flow = current.at(Step::PhoneConfirm)?;
    let phones = state.phone_call().registered_phones(&flow).await?;
    if phones.is_empty() {
        return Err(ErrorId::NoRegisteredPhone.into());
    }
    let phones = phones.iter().enumerate().map(|(index, p)| MaskedPhone { index, masked: p.masked() }).collect();
    Ok(Json(PhoneChoices { phones }))
}

#[utoipa::path(post, path = "/api/flow/phones", tag = "flow", request_body = renkei_common::api::PhoneChoice,
    responses((status = 200, description = "The phone chosen: go on to ④", body = renkei_common::api::FlowProgress)),
    summary = "Screen ③: the phone the customer will call from")]
pub async fn choose(
    State(state): State<AppState>,
    client: ClientInfo,
    current: CurrentFlow,
    ApiJson(choice): ApiJson<PhoneChoice>,
) -> DomainResult<Json<FlowProgress>> {
    let flow = current.at(Step::PhoneConfirm)?;
    let outcome = state.phone_call().start(&flow, choice.index).await;
    state.audit().record(&client, Operation::at_step(Step::PhoneConfirm, &flow).outcome(&outcome)).await;
    outcome.map(|step| Json(FlowProgress { step }))
}
