//! Call attempts (screen ④) and the calls the provider reports. A call
//! verifies an attempt only from its caller, to its destination, inside its
//! deadline; one UPDATE decides, so two flows sharing a destination are
//! told apart by the caller and a call cannot verify twice.

use super::{Store, instant};
use sqlx::Row;
use time::OffsetDateTime;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CallAttempt {
    pub caller_e164: String,
    pub destination_e164: String,
    pub deadline: OffsetDateTime,
    pub verified: bool,
    pub pressed_at: Option<OffsetDateTime>,
}

impl CallAttempt {
    /// Whether 「確定する」 was first pressed inside the 120 seconds.
    pub fn pressed_in_time(&self) -> bool {
        self.pressed_at.is_some_and(|p| p < self.deadline)
    }

    /// After the 120 seconds nothing can pass the attempt any more (a call
    /// or a first 「確定する」 then is void), except a verified call whose
    /// 「確定する」 was pressed in time: that screen may still move on.
    pub fn is_void_at(&self, now: OffsetDateTime) -> bool {
        now >= self.deadline && !(self.verified && self.pressed_in_time())
    }
}

/// What a reported call did, as logged and as answered to the caller.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CallOutcome {
    Verified,
    /// Caller ID withheld or not a Japanese number.
    Withheld,
    /// A live attempt to that number exists, but for another caller.
    WrongCaller,
    /// The caller's attempt to that number is past its 120 seconds.
    Late,
    /// No attempt waits for this caller at that number.
    NoAttempt,
    /// The service was closed (a maintenance window, or switched off):
    /// the call was not matched against any attempt.
    Closed,
}

impl CallOutcome {
    pub fn as_str(self) -> &'static str {
        match self {
            CallOutcome::Verified => "verified",
            CallOutcome::Withheld => "withheld",
            CallOutcome::WrongCaller => "wrong_caller",
            CallOutcome::Late => "late",
            CallOutcome::NoAttempt => "no_attempt",
            CallOutcome::Closed => "closed",
        }
    }

    fn from_str(text: &str) -> Self {
        [Self::Verified, Self::Withheld, Self::WrongCaller, Self::Late, Self::Closed]
            .into_iter()
            .find(|o| o.as_str() == text)
            .unwrap_or(Self::NoAttempt)
    }
}

/// A call as the provider reported it, the caller's number also masked
/// (for the table of received calls, which keeps no full number).
#[derive(Clone, Copy, Debug)]
pub struct ReportedCall<'a> {
    pub provider: &'a str,
    pub call_id: &'a str,
    /// `None`: withheld or unknown.
    pub from_e164: Option<&'a str>,
    pub from_masked: &'a str,
    pub to_e164: Option<&'a str>,
}

impl Store {
    /// Starts (or, from screen ③ again, restarts) the flow's call attempt.
    pub async fn start_call_attempt(
        &self,
        flow_hash: &str,
        caller_e164: &str,
        destination_e164: &str,
        now: OffsetDateTime,
        deadline: OffsetDateTime,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(
            "INSERT INTO call_attempts (flow_hash, caller_e164, destination_e164, created_at, deadline)
             VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (flow_hash) DO UPDATE SET caller_e164 = excluded.caller_e164,
                 destination_e164 = excluded.destination_e164, created_at = excluded.created_at,
                 deadline = excluded.deadline, verified_at = NULL, call_id = NULL, pressed_at = NULL",
        )
        .bind(flow_hash)
        .bind(caller_e164)
        .bind(destination_e164)
        .bind(now.unix_timestamp())
        .bind(deadline.unix_timestamp())
        .execute(self.pool())
        .await?;
        Ok(())
    }

    pub async fn call_attempt(&self, flow_hash: &str) -> Result<Option<CallAttempt>, sqlx::Error> {
        let row = sqlx::query(
            "SELECT caller_e164, destination_e164, deadline, verified_at, pressed_at
             FROM call_attempts WHERE flow_hash = $1",
        )
        .bind(flow_hash)
        .fetch_optional(self.pool())
        .await?;
        let Some(row) = row else { return Ok(None) };
        Ok(Some(CallAttempt {
            caller_e164: row.try_get("caller_e164")?,
            destination_e164: row.try_get("destination_e164")?,
            deadline: instant(row.try_get("deadline")?)?,
            verified: row.try_get::<Option<i64>, _>("verified_at")?.is_some(),
            pressed_at: row.try_get::<Option<i64>, _>("pressed_at")?.map(instant).transpose()?,
        }))
    }

    /// Records the customer's first 「確定する」.
    pub async fn press_confirm(&self, flow_hash: &str, now: OffsetDateTime) -> Result<(), sqlx::Error> {
        sqlx::query("UPDATE call_attempts SET pressed_at = $1 WHERE flow_hash = $2 AND pressed_at IS NULL")
            .bind(now.unix_timestamp())
            .bind(flow_hash)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Registers a call the provider reported; while the service is not
    /// `open` it is recorded as [`CallOutcome::Closed`] and matches nothing.
    /// The same call id reported again answers what it answered the first
    /// time and changes nothing.
    pub async fn register_call(
        &self,
        call: &ReportedCall<'_>,
        now: OffsetDateTime,
        open: bool,
    ) -> Result<CallOutcome, sqlx::Error> {
        let ReportedCall { provider, call_id, from_e164, from_masked, to_e164 } = *call;
        let mut tx = self.pool().begin().await?;
        let inserted = sqlx::query(
            "INSERT INTO received_calls (call_id, provider, from_masked, to_e164, received_at, outcome)
             VALUES ($1, $2, $3, $4, $5, 'pending') ON CONFLICT (call_id) DO NOTHING",
        )
        .bind(call_id)
        .bind(provider)
        .bind(from_masked)
        .bind(to_e164)
        .bind(now.unix_timestamp())
        .execute(&mut *tx)
        .await?;
        if inserted.rows_affected() == 0 {
            let earlier: String = sqlx::query_scalar("SELECT outcome FROM received_calls WHERE call_id = $1")
                .bind(call_id)
                .fetch_one(&mut *tx)
                .await?;
            tx.commit().await?;
            return Ok(CallOutcome::from_str(&earlier));
        }
        let outcome = match (from_e164, to_e164) {
            _ if !open => CallOutcome::Closed,
            (Some(from), Some(to)) => {
                // One call verifies one attempt: the newest waiting one of a
                // live flow (a customer may have restarted; stale flows of the
                // same caller must not ride along). The outer WHERE checks
                // `verified_at IS NULL` again: under PostgreSQL's READ
                // COMMITTED the subquery is read once, before a concurrent
                // delivery's UPDATE commits, and only the outer condition is
                // re-evaluated on the row once its lock is granted.
                let verified = sqlx::query(
                    "UPDATE call_attempts SET verified_at = $1, call_id = $2
                     WHERE verified_at IS NULL AND flow_hash = (
                       SELECT a.flow_hash FROM call_attempts a JOIN flows f ON f.id_hash = a.flow_hash
                       WHERE a.destination_e164 = $3 AND a.caller_e164 = $4 AND a.created_at <= $1
                         AND a.deadline > $1 AND a.verified_at IS NULL AND f.expires_at > $1
                       ORDER BY a.created_at DESC LIMIT 1)",
                )
                .bind(now.unix_timestamp())
                .bind(call_id)
                .bind(to)
                .bind(from)
                .execute(&mut *tx)
                .await?;
                if verified.rows_affected() > 0 {
                    CallOutcome::Verified
                } else {
                    let row = sqlx::query(
                        "SELECT
                           (SELECT COUNT(*) FROM call_attempts WHERE destination_e164 = $1 AND caller_e164 = $2
                              AND deadline <= $3 AND verified_at IS NULL) AS late,
                           (SELECT COUNT(*) FROM call_attempts WHERE destination_e164 = $1 AND caller_e164 <> $2
                              AND deadline > $3) AS others",
                    )
                    .bind(to)
                    .bind(from)
                    .bind(now.unix_timestamp())
                    .fetch_one(&mut *tx)
                    .await?;
                    let late: i64 = row.try_get("late")?;
                    let others: i64 = row.try_get("others")?;
                    if late > 0 {
                        CallOutcome::Late
                    } else if others > 0 {
                        CallOutcome::WrongCaller
                    } else {
                        CallOutcome::NoAttempt
                    }
                }
            }
            (None, _) => CallOutcome::Withheld,
            (Some(_), None) => CallOutcome::NoAttempt,
        };
        sqlx::query("UPDATE received_calls SET outcome = $1 WHERE call_id = $2")
            .bind(outcome.as_str())
            .bind(call_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(outcome)
    }
}
