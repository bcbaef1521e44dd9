//! Repeated failures lock API authentication (never the ATM: nothing here
//! writes to the core's card lock) until 0:00 JST the next day.

use crate::app::AppState;
use crate::error::AppResult;
use crate::store::locks::FailureCount;
use renkei_common::calendar::{jst_day, next_jst_midnight};
use renkei_common::catalogue::ErrorId;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailureKind {
    /// Screens ①②: date of birth or phone digits wrong.
    Identity,
    /// Screen ⑤: wrong cash-card PIN.
    Pin,
}

impl FailureKind {
    fn as_str(self) -> &'static str {
        match self {
            FailureKind::Identity => "identity",
            FailureKind::Pin => "pin",
        }
    }

    fn limit(self, state: &AppState) -> i64 {
        match self {
            FailureKind::Identity => state.config.identity_failure_limit,
            FailureKind::Pin => state.config.pin_failure_limit,
        }
    }
}

/// Refuses with `locked` (B84) while the account is locked.
pub async fn ensure_unlocked(state: &AppState, account_id: i64) -> AppResult<()> {
    match state.store.lock_of(account_id, state.clock.now()).await? {
        Some(_) => Err(ErrorId::Locked.into()),
        None => Ok(()),
    }
}

/// Counts one failure and says what it did.
pub async fn count_failure(state: &AppState, account_id: i64, kind: FailureKind) -> AppResult<FailureCount> {
    let now = state.clock.now();
    let outcome = state
        .store
        .count_failure(account_id, kind.as_str(), &jst_day(now), kind.limit(state), now, next_jst_midnight(now))
        .await?;
    if outcome == FailureCount::LockedNow {
        tracing::warn!(account_id, kind = kind.as_str(), "API authentication locked until 0:00 JST");
    }
    Ok(outcome)
}
