//! Repeated failures lock API authentication (never the ATM: nothing here
//! writes to the core's card lock) until 0:00 JST the next day.
//!
//! A check is done inside an [`Attempt`] claimed beforehand, so that
//! parallel guesses cannot outrun the counter: the limit bounds how many
//! checks run on an account in a day, not only how many fail.

use crate::app::AppState;
use crate::error::{AppError, AppResult};
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

/// One counted check of an account.
#[must_use = "an attempt must end as failed() or succeeded()"]
pub struct Attempt {
    account_id: i64,
    kind: FailureKind,
    day: String,
    number: i64,
}

/// Claims an attempt: `locked` (B84) when the account is locked or today's
/// attempts are used up.
pub async fn begin(state: &AppState, account_id: i64, kind: FailureKind) -> AppResult<Attempt> {
    ensure_unlocked(state, account_id).await?;
    let day = jst_day(state.clock.now());
    match state.store.claim_attempt(account_id, kind.as_str(), &day, kind.limit(state)).await? {
        Some(number) => Ok(Attempt { account_id, kind, day, number }),
        None => Err(ErrorId::Locked.into()),
    }
}

impl Attempt {
    /// The check failed: it stays counted; the one that reaches the limit
    /// locks the account until 0:00 JST.
    pub async fn failed(self, state: &AppState) -> AppResult<FailureCount> {
        let limit = self.kind.limit(state);
        if self.number < limit {
            return Ok(FailureCount::Counted { remaining: limit - self.number });
        }
        let now = state.clock.now();
        state.store.lock_account(self.account_id, self.kind.as_str(), now, next_jst_midnight(now)).await?;
        tracing::warn!(
            account_id = self.account_id,
            kind = self.kind.as_str(),
            "API authentication locked until 0:00 JST"
        );
        Ok(FailureCount::LockedNow)
    }

    /// The check passed: the attempt is given back (a success neither
    /// counts nor resets today's failures).
    pub async fn succeeded(self, state: &AppState) -> AppResult<()> {
        state.store.release_attempt(self.account_id, self.kind.as_str(), &self.day).await.map_err(AppError::from)
    }
}
