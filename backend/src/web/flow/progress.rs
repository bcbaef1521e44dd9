//! Where this browser's flow stands, so a reload or the back button lands
//! on the right screen and never skips one.

use super::current::CurrentFlow;
use axum::Json;
use renkei_common::api::FlowProgress;

#[utoipa::path(get, path = "/api/flow", tag = "flow",
    responses((status = 200, description = "The screen this browser's flow stands at", body = renkei_common::api::FlowProgress)),
    summary = "Where the flow stands")]
pub async fn current(CurrentFlow(flow): CurrentFlow) -> Json<FlowProgress> {
    Json(FlowProgress { step: flow.step })
}
