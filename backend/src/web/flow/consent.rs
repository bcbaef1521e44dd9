//! Screen ⑥ 情報連携認可: the question (`GET`), and the answer as a native
//! form POST answered with 303, so the browser itself follows to the app
//! (`domain::consent` decides).

use super::current::CurrentFlow;
use crate::domain::audit::{ClientInfo, Operation};
use crate::domain::consent::Subject;
use crate::domain::error::DomainResult;
use crate::state::AppState;
use crate::web::lang::RequestLang;
use crate::web::oauth::authorize::ended_page;
use axum::extract::State;
use axum::extract::rejection::FormRejection;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Form, Json};
use renkei_common::Lang;
use renkei_common::api::ConsentView;
use renkei_common::catalogue::ErrorId;
use renkei_common::steps::Step;
use serde::Deserialize;

pub const ACTION: &str = "/api/flow/consent";

#[utoipa::path(get, path = "/api/flow/consent", tag = "flow",
    responses((status = 200, description = "What the app asks to read, for how long", body = renkei_common::api::ConsentView)),
    summary = "Screen ⑥ 情報連携認可: the question")]
pub async fn view(
    State(state): State<AppState>,
    current: CurrentFlow,
    lang: RequestLang,
) -> DomainResult<Json<ConsentView>> {
    Ok(Json(question(&state, current, lang.lang).await?))
}

/// ⑥'s question for the flow, if it stands at ⑥ (also for the server's
/// page of ⑥, `web::shell::consent`).
pub async fn question(state: &AppState, current: CurrentFlow, lang: Lang) -> DomainResult<ConsentView> {
    let flow = current.at(Step::Consent)?;
    let Subject { app_name, data, account, days, until } = state.consent().subject(&flow, lang).await?;
    let mail_domain = flow.email.is_some().then(|| state.config.union.mail_domain.clone());
    Ok(ConsentView { app_name, data, account, days, until, action: ACTION.to_owned(), mail_domain })
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct Decision {
    /// `allow` grants the link; anything else declines it.
    decision: String,
}

#[utoipa::path(post, path = "/api/flow/consent", tag = "flow",
    request_body(content = Decision, content_type = "application/x-www-form-urlencoded"),
    responses((status = 303, description = "To the app's redirect URI (a code, or access_denied), or to our page saying why not")),
    summary = "Screen ⑥: the customer's answer (a native form post)")]
pub async fn decide(
    State(state): State<AppState>,
    client: ClientInfo,
    // A form post is a page load: a flow that is gone is shown on our
    // page, not answered with JSON.
    current: Result<CurrentFlow, crate::domain::error::DomainError>,
    // Anything but the form (another content type, a broken body) is
    // refused on our page too.
    decision: Result<Form<Decision>, FormRejection>,
) -> Response {
    let flow = match current.and_then(|c| c.at(Step::Consent)) {
        Ok(flow) => flow,
        Err(error) => return ended_page(error.id()).into_response(),
    };
    let Ok(Form(decision)) = decision else { return ended_page(ErrorId::InvalidInput).into_response() };
    let outcome = state.consent().decide(&flow, decision.decision == "allow").await;
    let operation = Operation::at_step(Step::Consent, &flow).with_outcome_text(match &outcome {
        Ok(decided) if decided.allowed => "ok",
        Ok(_) => "access_denied",
        Err(error) => error.id().as_str(),
    });
    state.audit().record(&client, operation).await;
    match outcome {
        Ok(decided) => Redirect::to(&decided.location).into_response(),
        Err(error) => {
            tracing::warn!(%error, "consent not recorded");
            ended_page(error.id()).into_response()
        }
    }
}
