//! Screen ⑥ 情報連携認可: which app, which data, which account, for how
//! long. 「許可する」 records the consent and sends the browser back to the
//! app with a one-time code; 「許可しない」 sends `access_denied`. The form is
//! a native POST answered with 303, so the browser itself follows.

use super::current::CurrentFlow;
use crate::app::AppState;
use crate::audit::{self, ClientInfo, Operation};
use crate::error::{AppError, AppResult};
use crate::lockout;
use crate::mail::notice::CompletionNotice;
use crate::oauth::CODE_LIFETIME;
use crate::oauth::authorize::ended_page;
use crate::oauth::request::{AuthorizationRequest, redirect_with};
use crate::secrets;
use crate::store::consent_answer::{Answered, Grant, Notice};
use crate::store::flows::FlowRecord;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Form, Json};
use renkei_common::api::ConsentView;
use renkei_common::calendar::jst_date_text;
use renkei_common::catalogue::ErrorId;
use renkei_common::scopes::Scope;
use renkei_common::steps::Step;
use serde::Deserialize;

pub const ACTION: &str = "/api/flow/consent";

pub(super) fn app_request(flow: &FlowRecord) -> AppResult<AuthorizationRequest> {
    let json = flow.oauth_request.as_deref().ok_or(AppError::Refused(ErrorId::InvalidAppRequest))?;
    serde_json::from_str(json).map_err(|e| AppError::Internal(format!("stored request: {e}")))
}

/// What the customer is asked about, as screen ⑥ and the notice word it.
struct Subject {
    app_name: String,
    data: Vec<String>,
    account: String,
}

async fn subject(state: &AppState, flow: &FlowRecord, request: &AuthorizationRequest) -> AppResult<Subject> {
    let client = state.store.client(&request.client_id).await?.ok_or(AppError::Refused(ErrorId::InvalidAppRequest))?;
    let account = flow.account.as_ref().ok_or(AppError::Refused(ErrorId::StepOutOfOrder))?;
    let branches = state.store.branches().await?;
    let branch =
        branches.iter().find(|b| b.code == account.branch.as_str()).map(|b| b.name.clone()).unwrap_or_default();
    Ok(Subject {
        app_name: client.name,
        data: Scope::parse_list(&request.scope).unwrap_or_default().iter().map(|s| s.label().to_owned()).collect(),
        account: format!("{branch} {} {}", account.account_type.label(), account.number.masked()),
    })
}

pub async fn view(State(state): State<AppState>, current: CurrentFlow) -> AppResult<Json<ConsentView>> {
    let flow = current.at(Step::Consent)?;
    let request = app_request(&flow)?;
    // Locked by another flow of the same account since ⑤: no link today.
    lockout::ensure_unlocked(&state, flow.account_id.ok_or(AppError::Refused(ErrorId::StepOutOfOrder))?).await?;
    let Subject { app_name, data, account } = subject(&state, &flow, &request).await?;
    Ok(Json(ConsentView {
        app_name,
        data,
        account,
        days: state.config.consent_lifetime.whole_days(),
        until: jst_date_text(state.clock.now() + state.config.consent_lifetime),
        action: ACTION.to_owned(),
    }))
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
    current: Result<CurrentFlow, AppError>,
    Form(decision): Form<Decision>,
) -> Response {
    let flow = match current.and_then(|c| c.at(Step::Consent)) {
        Ok(flow) => flow,
        Err(error) => return ended_page(error.id()).into_response(),
    };
    let outcome = answer(&state, &flow, decision.decision == "allow").await;
    let operation = Operation::at_step(Step::Consent, &flow).with_outcome_text(match &outcome {
        Ok((_, true)) => "ok",
        Ok((_, false)) => "access_denied",
        Err(error) => error.id().as_str(),
    });
    audit::record(&state, &client, operation).await;
    match outcome {
        Ok((location, _)) => Redirect::to(&location).into_response(),
        Err(error) => {
            tracing::warn!(%error, "consent not recorded");
            ended_page(error.id()).into_response()
        }
    }
}

/// Where the browser goes, and whether the customer allowed.
async fn answer(state: &AppState, flow: &FlowRecord, allow: bool) -> AppResult<(String, bool)> {
    let request = app_request(flow)?;
    let account_id = flow.account_id.ok_or(AppError::Refused(ErrorId::StepOutOfOrder))?;
    lockout::ensure_unlocked(state, account_id).await?;
    let now = state.clock.now();
    let until = now + state.config.consent_lifetime;
    let code = secrets::random_secret();
    let code_hash = secrets::hash(&code);
    let notice = if allow { notice_text(state, flow, &request, now).await } else { None };
    let grant = allow.then(|| Grant {
        account_id,
        client_id: &request.client_id,
        scope: &request.scope,
        consent_until: until,
        code_hash: &code_hash,
        redirect_uri: &request.redirect_uri,
        code_challenge: &request.code_challenge,
        code_until: now + CODE_LIFETIME,
        dpop_jkt: request.dpop_jkt.as_deref(),
        notice: notice.as_ref().map(|(to, subject, body)| Notice { to, subject, body }),
    });
    // Whatever the answer, the flow is over and its pushed request spent: a
    // second answer (another tab, a double click) finds nothing. One
    // transaction with the consent, its code and the notice.
    match state.store.answer_consent(&flow.id_hash, flow.pushed_request_hash.as_deref(), now, grant).await? {
        Answered::Recorded => {}
        Answered::FlowGone => return Err(ErrorId::FlowExpired.into()),
        Answered::PushedRequestSpent => return Err(ErrorId::InvalidAppRequest.into()),
    }
    let issuer = state.public_url.to_string();
    let mut params: Vec<(&str, &str)> =
        if allow { vec![("code", code.as_str())] } else { vec![("error", "access_denied")] };
    if let Some(app_state) = request.state.as_deref() {
        params.push(("state", app_state));
    }
    params.push(("iss", &issuer));
    Ok((redirect_with(&request.redirect_uri, &params), allow))
}

/// The completion notice (to, subject, body), when screen ② gave an
/// address. Not being able to word it is logged and never stops the link.
async fn notice_text(
    state: &AppState,
    flow: &FlowRecord,
    request: &AuthorizationRequest,
    now: time::OffsetDateTime,
) -> Option<(String, String, String)> {
    let to = flow.email.as_deref()?;
    match subject(state, flow, request).await {
        Ok(Subject { app_name, data, account }) => {
            let notice = CompletionNotice {
                union: &state.config.union,
                app_name: &app_name,
                account: &account,
                data: &data.join("、"),
                at: now,
                until: now + state.config.consent_lifetime,
            };
            Some((to.to_owned(), notice.subject(), notice.body()))
        }
        Err(cause) => {
            tracing::error!(%cause, "completion notice not worded");
            None
        }
    }
}
