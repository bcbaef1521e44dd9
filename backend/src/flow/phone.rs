//! Screen ③ 電話番号の確認: the registered phones, masked; the customer
//! picks the one they will call from, and an authentication number is
//! drawn for screen ④.

use super::current::CurrentFlow;
use crate::app::AppState;
use crate::audit::{self, ClientInfo, Operation};
use crate::error::{AppError, AppResult};
use crate::extract::ApiJson;
use crate::lockout;
use crate::store::flows::FlowRecord;
use axum::Json;
use axum::extract::State;
use rand::Rng;
use renkei_common::api::{FlowProgress, MaskedPhone, PhoneChoice, PhoneChoices};
use renkei_common::catalogue::ErrorId;
use renkei_common::fields::PhoneNumber;
use renkei_common::steps::Step;

/// The holder's registered phones, after the step and lock checks that
/// every phone endpoint shares.
pub(super) async fn registered_phones(state: &AppState, flow: &FlowRecord) -> AppResult<Vec<PhoneNumber>> {
    let account_id = flow.account_id.ok_or(AppError::Refused(ErrorId::StepOutOfOrder))?;
    lockout::ensure_unlocked(state, account_id).await?;
    let stored = state.store.phones_of_account(account_id).await?;
    Ok(stored.iter().filter_map(|p| PhoneNumber::parse(p)).collect())
}

pub async fn choices(State(state): State<AppState>, current: CurrentFlow) -> AppResult<Json<PhoneChoices>> {
    let flow = current.at(Step::PhoneConfirm)?;
    let phones = registered_phones(&state, &flow).await?;
    if phones.is_empty() {
        return Err(ErrorId::NoRegisteredPhone.into());
    }
    let phones = phones.iter().enumerate().map(|(index, p)| MaskedPhone { index, masked: p.masked() }).collect();
    Ok(Json(PhoneChoices { phones }))
}

/// Draws the number to call. Every attempt draws afresh, so a number seen
/// once tells nothing about the next attempt.
pub fn draw_destination<'a>(pool: &'a [PhoneNumber], rng: &mut impl Rng) -> Option<&'a PhoneNumber> {
    (!pool.is_empty()).then(|| &pool[rng.random_range(0..pool.len())])
}

pub async fn choose(
    State(state): State<AppState>,
    client: ClientInfo,
    current: CurrentFlow,
    ApiJson(choice): ApiJson<PhoneChoice>,
) -> AppResult<Json<FlowProgress>> {
    let flow = current.at(Step::PhoneConfirm)?;
    let outcome = start_call(&state, &flow, choice.index).await;
    audit::record(&state, &client, Operation::at_step(Step::PhoneConfirm, &flow).outcome(&outcome)).await;
    outcome.map(|()| Json(FlowProgress { step: Step::PhoneCall }))
}

async fn start_call(state: &AppState, flow: &FlowRecord, index: usize) -> AppResult<()> {
    let phones = registered_phones(state, flow).await?;
    let caller = phones.get(index).ok_or(AppError::Refused(ErrorId::InvalidInput))?;
    let destination = draw_destination(&state.config.auth_numbers, &mut rand::rng())
        .ok_or_else(|| AppError::Internal("no authentication numbers configured".into()))?;
    let now = state.clock.now();
    let deadline = now + state.config.call_window;
    state.store.start_call_attempt(&flow.id_hash, caller.e164(), destination.e164(), now, deadline).await?;
    if state.store.advance(&flow.id_hash, Step::PhoneConfirm, Step::PhoneCall).await? {
        Ok(())
    } else {
        Err(ErrorId::StepOutOfOrder.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_number_of_the_pool_is_drawn_over_many_attempts() {
        let pool: Vec<PhoneNumber> = ["0120-111-222", "0120-333-444", "0120-555-666", "052-451-3100"]
            .iter()
            .filter_map(|n| PhoneNumber::parse(n))
            .collect();
        let mut rng = rand::rng();
        let drawn: HashSet<String> =
            (0..400).map(|_| draw_destination(&pool, &mut rng).unwrap().e164().to_owned()).collect();
        assert_eq!(drawn.len(), pool.len());
        assert!(draw_destination(&[], &mut rng).is_none());
    }
}
