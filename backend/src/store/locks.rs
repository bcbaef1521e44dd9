//! Failure counters and API-authentication locks. Counting is one atomic
//! upsert, so concurrent failures all count; the lock stores its own
//! expiry, so it lifts at 0:00 JST with no job to run.

use super::Store;
use sqlx::Row;
use time::OffsetDateTime;

/// What one more failure did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailureCount {
    /// Counted; this many more are allowed today.
    Counted { remaining: i64 },
    /// This failure reached the limit and locked the account.
    LockedNow,
    /// The account was locked already (a concurrent failure got there first).
    AlreadyLocked,
}

impl Store {
    /// When the account's API authentication lock ends, if it is locked at `now`.
    pub async fn lock_of(&self, account_id: i64, now: OffsetDateTime) -> Result<Option<OffsetDateTime>, sqlx::Error> {
        let until: Option<i64> =
            sqlx::query_scalar("SELECT locked_until FROM api_locks WHERE account_id = $1 AND locked_until > $2")
                .bind(account_id)
                .bind(now.unix_timestamp())
                .fetch_optional(self.pool())
                .await?;
        until.map(|t| OffsetDateTime::from_unix_timestamp(t).map_err(|e| sqlx::Error::Decode(Box::new(e)))).transpose()
    }

    /// Counts one failure of `kind` for the account on JST `day`, and locks
    /// the account until `lock_until` when the count reaches `limit`. The
    /// count and the lock commit together.
    pub async fn count_failure(
        &self,
        account_id: i64,
        kind: &str,
        day: &str,
        limit: i64,
        now: OffsetDateTime,
        lock_until: OffsetDateTime,
    ) -> Result<FailureCount, sqlx::Error> {
        let mut tx = self.pool().begin().await?;
        // A failure made while the count already stands at the limit is not
        // counted (the WHERE skips the update and nothing is returned).
        let row = sqlx::query(
            "INSERT INTO auth_failures (account_id, day, kind, count) VALUES ($1, $2, $3, 1)
             ON CONFLICT (account_id, day, kind) DO UPDATE SET count = auth_failures.count + 1
             WHERE auth_failures.count < $4
             RETURNING count",
        )
        .bind(account_id)
        .bind(day)
        .bind(kind)
        .bind(limit)
        .fetch_optional(&mut *tx)
        .await?;
        let count: i64 = match row {
            Some(row) => row.try_get("count")?,
            None => limit + 1,
        };
        let outcome = if count < limit {
            FailureCount::Counted { remaining: limit - count }
        } else if count == limit {
            sqlx::query(
                "INSERT INTO api_locks (account_id, locked_at, locked_until, reason) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (account_id) DO UPDATE
                 SET locked_at = excluded.locked_at, locked_until = excluded.locked_until, reason = excluded.reason",
            )
            .bind(account_id)
            .bind(now.unix_timestamp())
            .bind(lock_until.unix_timestamp())
            .bind(kind)
            .execute(&mut *tx)
            .await?;
            FailureCount::LockedNow
        } else {
            FailureCount::AlreadyLocked
        };
        tx.commit().await?;
        Ok(outcome)
    }

    /// Today's count of failures of `kind`, for tests and the operator.
    pub async fn failures_on(&self, account_id: i64, kind: &str, day: &str) -> Result<i64, sqlx::Error> {
        let count: Option<i64> =
            sqlx::query_scalar("SELECT count FROM auth_failures WHERE account_id = $1 AND day = $2 AND kind = $3")
                .bind(account_id)
                .bind(day)
                .bind(kind)
                .fetch_optional(self.pool())
                .await?;
        Ok(count.unwrap_or(0))
    }
}
