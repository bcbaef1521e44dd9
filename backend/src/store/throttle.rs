//! Throttle counters: how often something was done per subject (a flow, a
//! client address, an account as named on ①) in a window. A claim is one
//! atomic upsert that succeeds only while the count is under the limit
//! (as `locks.rs` claims attempts), so concurrent requests, on one
//! instance or several on one PostgreSQL, never pass it.

use super::Store;
use sqlx::Row;

/// What a counter counts, and per what.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ThrottleScope {
    /// Answers of screens ①② in one flow.
    Flow,
    /// Identity checks (screen ②) from one client address.
    Address,
    /// Distinct client addresses checking one account.
    Account,
}

impl ThrottleScope {
    /// As stored (`throttle_counts.scope`) and logged.
    pub fn as_str(self) -> &'static str {
        match self {
            ThrottleScope::Flow => "flow",
            ThrottleScope::Address => "address",
            ThrottleScope::Account => "account",
        }
    }
}

/// One counter: a scope's subject in the window that began at
/// `window_start` (epoch seconds), kept until `expires_at`.
#[derive(Clone, Copy, Debug)]
pub struct Counter<'a> {
    pub scope: ThrottleScope,
    pub subject: &'a str,
    pub window_start: i64,
    pub expires_at: i64,
}

type Conn<'c> = &'c mut sqlx::AnyConnection;

impl Store {
    /// Counts one more on `counter`: `false`, counting nothing, when it
    /// already stands at `limit`.
    pub async fn claim_throttle(&self, counter: &Counter<'_>, limit: i64) -> Result<bool, sqlx::Error> {
        let mut conn = self.pool().acquire().await?;
        claim_on(&mut conn, counter, limit).await
    }

    /// Admits `member` (e.g. a client address) to `counter`'s distinct
    /// members: `true` if it was admitted before in this window, or is now
    /// while fewer than `limit` are; `false`, recording nothing, otherwise.
    /// The member row and the count are written in one transaction, so a
    /// refused member leaves no trace and is refused again next time.
    pub async fn admit_member(&self, counter: &Counter<'_>, member: &str, limit: i64) -> Result<bool, sqlx::Error> {
        let mut tx = self.pool().begin().await?;
        let new = sqlx::query(
            "INSERT INTO throttle_members (scope, subject, window_start, member, expires_at)
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (scope, subject, window_start, member) DO NOTHING",
        )
        .bind(counter.scope.as_str())
        .bind(counter.subject)
        .bind(counter.window_start)
        .bind(member)
        .bind(counter.expires_at)
        .execute(&mut *tx)
        .await?;
        if new.rows_affected() == 0 {
            tx.commit().await?;
            return Ok(true);
        }
        if claim_on(&mut tx, counter, limit).await? {
            tx.commit().await?;
            Ok(true)
        } else {
            tx.rollback().await?;
            Ok(false)
        }
    }

    /// Drops the counters of windows that have ended.
    pub async fn sweep_throttles(&self, now: i64) -> Result<(), sqlx::Error> {
        sqlx::query("DELETE FROM throttle_members WHERE expires_at < $1").bind(now).execute(self.pool()).await?;
        sqlx::query("DELETE FROM throttle_counts WHERE expires_at < $1").bind(now).execute(self.pool()).await?;
        Ok(())
    }
}

async fn claim_on(conn: Conn<'_>, counter: &Counter<'_>, limit: i64) -> Result<bool, sqlx::Error> {
    let row = sqlx::query(
        "INSERT INTO throttle_counts (scope, subject, window_start, expires_at, count) VALUES ($1, $2, $3, $4, 1)
         ON CONFLICT (scope, subject, window_start) DO UPDATE SET count = throttle_counts.count + 1
         WHERE throttle_counts.count < $5
         RETURNING count",
    )
    .bind(counter.scope.as_str())
    .bind(counter.subject)
    .bind(counter.window_start)
    .bind(counter.expires_at)
    .bind(limit)
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| r.try_get::<i64, _>("count")).transpose()?.is_some_and(|count| count <= limit))
}
