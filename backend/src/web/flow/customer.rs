//! Screen ② お客様情報入力: the details are parsed here and checked by
//! `domain::identity` together with screen ①'s account.

use super::current::CurrentFlow;
use crate::domain::audit::{ClientInfo, Operation};
use crate::domain::error::{DomainError, DomainResult};
use crate::state::AppState;
use crate::web::extract::ApiJson;
use axum::Json;
use axum::extract::State;
use renkei_common::api::{CustomerRequest, FlowProgress};
use renkei_common::calendar::jst;
use renkei_common::steps::Step;

#[utoipa::path(post, path = "/api/flow/customer", tag = "flow", request_body = renkei_common::api::CustomerRequest,
    responses((status = 200, description = "Checked against the core with ①'s account: go on to ③", body = renkei_common::api::FlowProgress)),
    summary = "Screen ② お客様情報入力: date of birth, phone digits, name, e-mail")]
pub async fn submit(
    State(state): State<AppState>,
    client: ClientInfo,
    current: CurrentFlow,
    ApiJson(request): ApiJson<CustomerRequest>,
) -> DomainResult<Json<FlowProgress>> {
    let flow = current.at(Step::Customer)?;
    let today = jst(state.clock.now()).date();
    let input = request.parse(today).map_err(DomainError::InvalidFields)?;
    let started = tokio::time::Instant::now();
    let outcome = state.identity().check(&flow, &input, &client).await;
    // Every outcome leaves at the same time (see Config::identity_check_floor).
    tokio::time::sleep_until(started + state.config.identity_check_floor).await;
    let operation = Operation::at_step(Step::Customer, &flow).with_kana(&input.kana_name).outcome(&outcome);
    state.audit().record(&client, operation).await;
    outcome.map(|step| Json(FlowProgress { step }))
}
