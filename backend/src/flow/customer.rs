//! Screen ② お客様情報入力: screens ①② checked together against the core.
//!
//! The order of checks is the manual's: an account not in use (or not a
//! cash-card 普通/貯蓄 account) → account_not_handled; a locked account →
//! locked (B84) whatever else was entered; wrong details → identity_mismatch,
//! counted, and the failure that reaches the limit → locked_now. A success
//! does not reset today's count (see README).

use super::current::CurrentFlow;
use crate::app::AppState;
use crate::audit::{self, ClientInfo, Operation};
use crate::error::{AppError, AppResult};
use crate::extract::ApiJson;
use crate::lockout::{self, FailureKind};
use crate::store::flows::FlowRecord;
use crate::store::locks::FailureCount;
use axum::Json;
use axum::extract::State;
use renkei_common::api::{CustomerInput, CustomerRequest, FlowProgress};
use renkei_common::calendar::jst;
use renkei_common::catalogue::ErrorId;
use renkei_common::steps::Step;

pub async fn submit(
    State(state): State<AppState>,
    client: ClientInfo,
    CurrentFlow(flow): CurrentFlow,
    ApiJson(request): ApiJson<CustomerRequest>,
) -> AppResult<Json<FlowProgress>> {
    if flow.step != Step::Customer {
        return Err(ErrorId::StepOutOfOrder.into());
    }
    let today = jst(state.clock.now()).date();
    let input = request.parse(today).map_err(AppError::InvalidFields)?;
    let started = tokio::time::Instant::now();
    let outcome = check(&state, &flow, &input).await;
    // Every outcome leaves at the same time (see Config::identity_check_floor).
    tokio::time::sleep_until(started + state.config.identity_check_floor).await;
    let operation = Operation::at_step(Step::Customer, &flow).with_kana(&input.kana_name).outcome(&outcome);
    audit::record(&state, &client, operation).await;
    outcome.map(|()| Json(FlowProgress { step: Step::PhoneConfirm }))
}

async fn check(state: &AppState, flow: &FlowRecord, input: &CustomerInput) -> AppResult<()> {
    let account_input = flow.account.as_ref().ok_or(AppError::Refused(ErrorId::StepOutOfOrder))?;
    let account = match state.store.find_account(account_input).await? {
        Some(account) if account.linkable => account,
        _ => return Err(ErrorId::AccountNotHandled.into()),
    };
    let attempt = lockout::begin(state, account.id, FailureKind::Identity).await?;
    let birth_date_matches = account.birth_date == input.birth_date.iso();
    let phone_matches = account.phones.iter().any(|phone| phone.ends_with(input.phone_last4.as_str()));
    // Without a registered phone ③④ cannot be passed: once the date of
    // birth has shown it is the holder, say so (and send them to the branch)
    // without counting a failure. Before that it is a mismatch like any
    // other, so nobody learns which accounts have no phone.
    if account.phones.is_empty() && birth_date_matches {
        attempt.succeeded(state).await?;
        return Err(ErrorId::NoRegisteredPhone.into());
    }
    if !(birth_date_matches && phone_matches) {
        return Err(match attempt.failed(state).await? {
            FailureCount::Counted { .. } => ErrorId::IdentityMismatch,
            FailureCount::LockedNow => ErrorId::LockedNow,
        }
        .into());
    }
    attempt.succeeded(state).await?;
    let moved = state
        .store
        .advance_after_identity(
            &flow.id_hash,
            Step::Customer,
            Step::PhoneConfirm,
            (account.id, account_input),
            input.kana_name.as_str(),
            input.email.as_str(),
        )
        .await?;
    if moved { Ok(()) } else { Err(ErrorId::StepOutOfOrder.into()) }
}
