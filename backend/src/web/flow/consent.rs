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
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Form, Json};
use renkei_common::Lang;
use renkei_common::api::ConsentView;
use renkei_common::steps::Step;
use serde::Deserialize;

pub const ACTION: &str = "/api/flow/consent";

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

#[derive(Deserialize)]
pub struct Decision {
    decision: String,
}

pub async fn decide(
    State(state): State<AppState>,
    client: ClientInfo,
    // A form post is a page load: a flow that is gone is shown on our
    // page, not answered with JSON.
    current: Result<CurrentFlow, crate::domain::error::DomainError>,
    Form(decision): Form<Decision>,
) -> Response {
    let flow = match current.and_then(|c| c.at(Step::Consent)) {
        Ok(flow) => flow,
        Err(error) => return ended_page(error.id()).into_response(),
    };
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
