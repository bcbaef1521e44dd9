//! Screen ⑤ キャッシュカード暗証番号認証: the PIN is verified against the
//! core's argon2id hash. Wrong PINs count per account and JST day; the one
//! that reaches the limit (3) locks API authentication until 0:00 JST. Only
//! ours: nothing here touches the card's ATM use.

use super::current::CurrentFlow;
use crate::app::AppState;
use crate::audit::{self, ClientInfo, Operation};
use crate::error::{AppError, AppResult};
use crate::extract::ApiJson;
use crate::lockout::{self, FailureKind};
use crate::store::flows::FlowRecord;
use crate::store::locks::FailureCount;
use argon2::{Argon2, PasswordHash, PasswordVerifier};
use axum::Json;
use axum::extract::State;
use renkei_common::api::{FlowProgress, PinRequest};
use renkei_common::catalogue::{ErrorId, FieldProblem};
use renkei_common::fields::Pin;
use renkei_common::steps::Step;

pub async fn submit(
    State(state): State<AppState>,
    client: ClientInfo,
    current: CurrentFlow,
    ApiJson(request): ApiJson<PinRequest>,
) -> AppResult<Json<FlowProgress>> {
    let flow = current.at(Step::Pin)?;
    let pin = Pin::parse(&request.pin)
        .map_err(|e| AppError::InvalidFields(vec![FieldProblem { field: "pin".into(), message: e.to_string() }]))?;
    let outcome = check(&state, &flow, pin).await;
    audit::record(&state, &client, Operation::at_step(Step::Pin, &flow).outcome(&outcome)).await;
    outcome.map(|()| Json(FlowProgress { step: Step::Consent }))
}

async fn check(state: &AppState, flow: &FlowRecord, pin: Pin) -> AppResult<()> {
    let account_id = flow.account_id.ok_or(AppError::Refused(ErrorId::StepOutOfOrder))?;
    let hash = state.store.pin_hash(account_id).await?.ok_or(AppError::Refused(ErrorId::AccountNotHandled))?;
    let attempt = lockout::begin(state, account_id, FailureKind::Pin).await?;
    // argon2 is deliberately slow: keep it off the async workers.
    let matches = tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash)
            .is_ok_and(|parsed| Argon2::default().verify_password(pin.expose().as_bytes(), &parsed).is_ok())
    })
    .await
    .map_err(|e| AppError::Internal(format!("PIN check: {e}")))?;
    if !matches {
        return Err(match attempt.failed(state).await? {
            FailureCount::Counted { remaining } => AppError::WrongPin { attempts_left: remaining },
            FailureCount::LockedNow => ErrorId::LockedNow.into(),
        });
    }
    attempt.succeeded(state).await?;
    if state.store.advance(&flow.id_hash, Step::Pin, Step::Consent).await? {
        Ok(())
    } else {
        Err(ErrorId::StepOutOfOrder.into())
    }
}
