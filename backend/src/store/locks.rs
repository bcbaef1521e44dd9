//! Failure counters and API-authentication locks.
//!
//! An attempt is counted *before* it is checked (a claim that succeeds only
//! while today's count is under the limit) and given back if it succeeds.
//! So however many guesses arrive at once, no more than the limit are ever
//! checked; and the lock stores its own expiry, so it lifts at 0:00 JST
//! with no job to run.

use super::{Store, instant};
use crate::core::AccountId;
use sqlx::Row;
use time::OffsetDateTime;

/// Which check failed: each kind has its own daily count and limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailureKind {
    /// Screens ①②: date of birth or phone digits wrong.
    Identity,
    /// Screen ⑤: wrong cash-card PIN.
    Pin,
}

impl FailureKind {
    /// As stored (`auth_failures.kind`, `api_locks.reason`).
    pub fn as_str(self) -> &'static str {
        match self {
            FailureKind::Identity => "identity",
            FailureKind::Pin => "pin",
        }
    }
}

/// What a failed attempt did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailureCount {
    /// Counted; this many more are allowed today.
    Counted { remaining: i64 },
    /// This failure reached the limit and locked the account.
    LockedNow,
}

impl Store {
    /// When the account's API authentication lock ends, if it is locked at `now`.
    pub async fn lock_of(
        &self,
        account: AccountId,
        now: OffsetDateTime,
    ) -> Result<Option<OffsetDateTime>, sqlx::Error> {
        let until: Option<i64> =
            sqlx::query_scalar("SELECT locked_until FROM api_locks WHERE account_id = $1 AND locked_until > $2")
                .bind(account.0)
                .bind(now.unix_timestamp())
                .fetch_optional(self.pool())
                .await?;
        until.map(instant).transpose()
    }

    /// Claims one attempt of `kind` on JST `day`: its number, or `None` when
    /// today's count already stands at `limit`. One atomic upsert, so
    /// concurrent claims never pass the limit.
    pub async fn claim_attempt(
        &self,
        account: AccountId,
        kind: FailureKind,
        day: &str,
        limit: i64,
    ) -> Result<Option<i64>, sqlx::Error> {
        let row = sqlx::query(
            "INSERT INTO auth_failures (account_id, day, kind, count) VALUES ($1, $2, $3, 1)
             ON CONFLICT (account_id, day, kind) DO UPDATE SET count = auth_failures.count + 1
             WHERE auth_failures.count < $4
             RETURNING count",
        )
        .bind(account.0)
        .bind(day)
        .bind(kind.as_str())
        .bind(limit)
        .fetch_optional(self.pool())
        .await?;
        row.map(|r| r.try_get("count")).transpose()
    }

    /// The attempt succeeded: it does not count as a failure.
    pub async fn release_attempt(&self, account: AccountId, kind: FailureKind, day: &str) -> Result<(), sqlx::Error> {
        sqlx::query(
            "UPDATE auth_failures SET count = count - 1 WHERE account_id = $1 AND day = $2 AND kind = $3 AND count > 0",
        )
        .bind(account.0)
        .bind(day)
        .bind(kind.as_str())
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// Locks API authentication for the account until `until`.
    pub async fn lock_account(
        &self,
        account: AccountId,
        kind: FailureKind,
        now: OffsetDateTime,
        until: OffsetDateTime,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(
            "INSERT INTO api_locks (account_id, locked_at, locked_until, reason) VALUES ($1, $2, $3, $4)
             ON CONFLICT (account_id) DO UPDATE
             SET locked_at = excluded.locked_at, locked_until = excluded.locked_until, reason = excluded.reason",
        )
        .bind(account.0)
        .bind(now.unix_timestamp())
        .bind(until.unix_timestamp())
        .bind(kind.as_str())
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// Today's count of failures of `kind`, for tests and the operator.
    pub async fn failures_on(&self, account: AccountId, kind: FailureKind, day: &str) -> Result<i64, sqlx::Error> {
        let count: Option<i64> =
            sqlx::query_scalar("SELECT count FROM auth_failures WHERE account_id = $1 AND day = $2 AND kind = $3")
                .bind(account.0)
                .bind(day)
                .bind(kind.as_str())
                .fetch_optional(self.pool())
                .await?;
        Ok(count.unwrap_or(0))
    }
}
