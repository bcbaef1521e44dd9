//! Screen ⑤ キャッシュカード暗証番号認証: the PIN is parsed here and
//! checked by `domain::pin` (the core verifies it; we never hold it).

use super::current::CurrentFlow;
use crate::domain::audit::{ClientInfo, Operation};
use crate::domain::error::{DomainError, DomainResult};
use crate::state::AppState;
use crate::web::extract::ApiJson;
use axum::Json;
use axum::extract::State;
use renkei_common::api::{FlowProgress, PinRequest};
use renkei_common::catalogue::FieldProblem;
use renkei_common::fields::Pin;
use renkei_common::steps::Step;

#[utoipa::path(post, path = "/api/flow/pin", tag = "flow", request_body = renkei_common::api::PinRequest,
    responses((status = 200, description = "The core accepted the PIN: go on to ⑥ (or 連携管理)", body = renkei_common::api::FlowProgress)),
    summary = "Screen ⑤ キャッシュカード暗証番号認証")]
pub async fn submit(
    State(state): State<AppState>,
    client: ClientInfo,
    current: CurrentFlow,
    ApiJson(request): ApiJson<PinRequest>,
) -> DomainResult<Json<FlowProgress>> {
    let flow = current.at(Step::Pin)?;
    let pin = Pin::parse(&request.pin).map_err(|e| DomainError::InvalidFields(vec![FieldProblem::new("pin", e)]))?;
    let outcome = state.pin().check(&flow, &pin).await;
    state.audit().record(&client, Operation::at_step(Step::Pin, &flow).outcome(&outcome)).await;
    outcome.map(|step| Json(FlowProgress { step }))
}
