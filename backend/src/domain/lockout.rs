//! Repeated failures lock API authentication (never the ATM: nothing here
//! writes to the core's card lock) until 0:00 JST the next day.
//!
//! A check is done inside an [`Attempt`] claimed beforehand, so that
//! parallel guesses cannot outrun the counter: the limit bounds how many
//! checks run on an account in a day, not only how many fail.

use crate::clock::Clock;
use crate::core::AccountId;
use crate::domain::error::DomainResult;
use crate::store::Store;
pub use crate::store::locks::{FailureCount, FailureKind};
use renkei_common::calendar::{jst_day, next_jst_midnight};
use renkei_common::catalogue::ErrorId;
use time::OffsetDateTime;

/// Failures allowed per account and JST day, by kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Screen ②'s details (the manual: 5).
    pub identity: i64,
    /// Screen ⑤'s PIN (the manual: 3).
    pub pin: i64,
}

impl Limits {
    fn of(self, kind: FailureKind) -> i64 {
        match kind {
            FailureKind::Identity => self.identity,
            FailureKind::Pin => self.pin,
        }
    }
}

/// The lockout rule over our failure counters and locks.
#[derive(Clone, Copy)]
pub struct Lockout<'a> {
    pub store: &'a Store,
    pub clock: &'a dyn Clock,
    pub limits: Limits,
}

/// One counted check of an account.
#[must_use = "an attempt must end as failed() or succeeded()"]
pub struct Attempt {
    account: AccountId,
    kind: FailureKind,
    /// When it was counted: the JST day it counts in, and whose 0:00 a
    /// lock it causes lasts until.
    counted_at: OffsetDateTime,
    day: String,
    number: i64,
}

impl Lockout<'_> {
    /// Refuses with `locked` (B84) while the account is locked.
    pub async fn ensure_unlocked(&self, account: AccountId) -> DomainResult<()> {
        match self.store.lock_of(account, self.clock.now()).await? {
            Some(_) => Err(ErrorId::Locked.into()),
            None => Ok(()),
        }
    }

    /// Claims an attempt: `locked` (B84) when the account is locked or
    /// today's attempts are used up.
    pub async fn begin(&self, account: AccountId, kind: FailureKind) -> DomainResult<Attempt> {
        self.ensure_unlocked(account).await?;
        let counted_at = self.clock.now();
        let day = jst_day(counted_at);
        match self.store.claim_attempt(account, kind, &day, self.limits.of(kind)).await? {
            Some(number) => Ok(Attempt { account, kind, counted_at, day, number }),
            None => Err(ErrorId::Locked.into()),
        }
    }
}

impl Attempt {
    /// The check failed: it stays counted; the one that reaches the limit
    /// locks the account until the 0:00 JST that ends the day it was
    /// counted in (a check begun at 23:59:59.9 that fails after midnight
    /// locks until that midnight, not the next one: the count it completed
    /// was yesterday's).
    pub async fn failed(self, lockout: &Lockout<'_>) -> DomainResult<FailureCount> {
        let limit = lockout.limits.of(self.kind);
        if self.number < limit {
            return Ok(FailureCount::Counted { remaining: limit - self.number });
        }
        let now = lockout.clock.now();
        let until = next_jst_midnight(self.counted_at);
        lockout.store.lock_account(self.account, self.kind, now, until).await?;
        crate::telemetry::metrics::lock_set(self.kind.as_str());
        tracing::warn!(
            account_id = self.account.0,
            kind = self.kind.as_str(),
            "API authentication locked until 0:00 JST"
        );
        Ok(FailureCount::LockedNow)
    }

    /// The check passed: the attempt is given back (a success neither
    /// counts nor resets today's failures).
    pub async fn succeeded(self, lockout: &Lockout<'_>) -> DomainResult<()> {
        Ok(lockout.store.release_attempt(self.account, self.kind, &self.day).await?)
    }
}
