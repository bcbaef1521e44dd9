//! 連携管理: the customer begins a flow of their own, passes ①–⑤, then
//! reads and ends the links of their account (`domain::links` decides).
//! Every end is in the operation log.

use super::cookie;
use super::current::CurrentFlow;
use crate::domain::audit::{ClientInfo, Operation};
use crate::domain::error::DomainResult;
use crate::state::AppState;
use crate::web::extract::ApiJson;
use crate::web::lang::RequestLang;
use axum::Json;
use axum::extract::State;
use axum_extra::extract::CookieJar;
use renkei_common::api::{EndLinkRequest, FlowProgress, LinkList};
use renkei_common::steps::Step;

/// A new flow for 連携管理, in place of any flow this browser had: it
/// waits at ①.
#[utoipa::path(post, path = "/api/flow/links/start", tag = "flow",
    responses((status = 200, description = "A new flow for 連携管理, at ①", body = renkei_common::api::FlowProgress)),
    summary = "連携管理: begin")]
pub async fn start(State(state): State<AppState>, jar: CookieJar) -> DomainResult<(CookieJar, Json<FlowProgress>)> {
    let secret = state.journey().start_to_manage_links().await?;
    let cookie = cookie::cookie_for(secret, state.config.is_production(), state.config.flow_lifetime);
    Ok((jar.add(cookie), Json(FlowProgress { step: Step::Account })))
}

#[utoipa::path(get, path = "/api/flow/links", tag = "flow",
    responses((status = 200, description = "The standing links of the account authenticated by ①–⑤", body = renkei_common::api::LinkList)),
    summary = "連携管理: the account's links")]
pub async fn list(
    State(state): State<AppState>,
    current: CurrentFlow,
    lang: RequestLang,
) -> DomainResult<Json<LinkList>> {
    let flow = current.at(Step::Links)?;
    Ok(Json(state.links().list(&flow, lang.lang).await?))
}

#[utoipa::path(post, path = "/api/flow/links/end", tag = "flow", request_body = renkei_common::api::EndLinkRequest,
    responses((status = 200, description = "The link ended; the remaining ones", body = renkei_common::api::LinkList)),
    summary = "連携管理: end one link")]
pub async fn end(
    State(state): State<AppState>,
    client: ClientInfo,
    current: CurrentFlow,
    lang: RequestLang,
    ApiJson(request): ApiJson<EndLinkRequest>,
) -> DomainResult<Json<LinkList>> {
    let flow = current.at(Step::Links)?;
    let outcome = state.links().end(&flow, request.id, lang.lang).await;
    state.audit().record(&client, Operation::at_step(Step::Links, &flow).with_outcome_text(ended_or(&outcome))).await;
    outcome.map(Json)
}

/// The log's word for the answer: `link_ended`, or the refusal's id.
fn ended_or(outcome: &DomainResult<LinkList>) -> &'static str {
    match outcome {
        Ok(_) => "link_ended",
        Err(error) => error.id().as_str(),
    }
}
