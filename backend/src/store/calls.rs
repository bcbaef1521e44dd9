//! Call attempts (screen ④) and the calls the provider reports. A call
//! verifies an attempt only from its caller, to its destination, inside its
//! deadline, and only if it fits exactly one: two flows sharing a
//! destination are told apart by the caller, a call cannot verify twice,
//! and a call that fits two attempts (someone holding an attempt for the
//! holder's phone beside the holder's own) verifies neither.

use super::{Store, instant};
use renkei_common::steps::Step;
use sqlx::Row;
use time::OffsetDateTime;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CallAttempt {
    /// The caller's number as a keyed digest (`secrets::keyed_digest`),
    /// and masked for screen ④: never in the clear.
    pub caller_digest: String,
    pub caller_masked: String,
    pub destination_e164: String,
    pub deadline: OffsetDateTime,
    pub verified: bool,
    pub pressed_at: Option<OffsetDateTime>,
    /// A call fitted this attempt and another one at once: it is void.
    pub ambiguous: bool,
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
    /// More than one live attempt waits for this caller at that number:
    /// none is verified, and the waiting ones are void.
    Ambiguous,
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
            CallOutcome::Ambiguous => "ambiguous",
            CallOutcome::Closed => "closed",
        }
    }

    fn from_str(text: &str) -> Self {
        [Self::Verified, Self::Withheld, Self::WrongCaller, Self::Late, Self::Ambiguous, Self::Closed]
            .into_iter()
            .find(|o| o.as_str() == text)
            .unwrap_or(Self::NoAttempt)
    }
}

/// What registering a call decided, and which flows it touched (for the
/// operation log: the flow it verified, or those it voided).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CallVerdict {
    pub outcome: CallOutcome,
    /// The hashes of the flows whose attempts it verified or voided.
    pub flows: Vec<String>,
}

impl CallVerdict {
    fn alone(outcome: CallOutcome) -> Self {
        CallVerdict { outcome, flows: Vec::new() }
    }
}

/// A call as the provider reported it, the caller's number also masked
/// (for the table of received calls, which keeps no full number).
#[derive(Clone, Copy, Debug)]
pub struct ReportedCall<'a> {
    pub provider: &'a str,
    pub call_id: &'a str,
    /// The caller's number as `CallAttempt::caller_digest` keeps it;
    /// `None`: withheld or unknown.
    pub from_digest: Option<&'a str>,
    pub from_masked: &'a str,
    pub to_e164: Option<&'a str>,
}

impl Store {
    /// Starts (or, from screen ③ again, restarts) the flow's call attempt.
    pub async fn start_call_attempt(
        &self,
        flow_hash: &str,
        caller_digest: &str,
        caller_masked: &str,
        destination_e164: &str,
        now: OffsetDateTime,
        deadline: OffsetDateTime,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(
            "INSERT INTO call_attempts (flow_hash, caller_digest, caller_masked, destination_e164, created_at, deadline)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (flow_hash) DO UPDATE SET caller_digest = excluded.caller_digest,
                 caller_masked = excluded.caller_masked,
                 destination_e164 = excluded.destination_e164, created_at = excluded.created_at,
                 deadline = excluded.deadline, verified_at = NULL, call_id = NULL, pressed_at = NULL,
                 ambiguous_at = NULL",
        )
        .bind(flow_hash)
        .bind(caller_digest)
        .bind(caller_masked)
        .bind(destination_e164)
        .bind(now.unix_timestamp())
        .bind(deadline.unix_timestamp())
        .execute(self.pool())
        .await?;
        Ok(())
    }

    pub async fn call_attempt(&self, flow_hash: &str) -> Result<Option<CallAttempt>, sqlx::Error> {
        let row = sqlx::query(
            "SELECT caller_digest, caller_masked, destination_e164, deadline, verified_at, pressed_at, ambiguous_at
             FROM call_attempts WHERE flow_hash = $1",
        )
        .bind(flow_hash)
        .fetch_optional(self.pool())
        .await?;
        let Some(row) = row else { return Ok(None) };
        Ok(Some(CallAttempt {
            caller_digest: row.try_get("caller_digest")?,
            caller_masked: row.try_get("caller_masked")?,
            destination_e164: row.try_get("destination_e164")?,
            deadline: instant(row.try_get("deadline")?)?,
            verified: row.try_get::<Option<i64>, _>("verified_at")?.is_some(),
            pressed_at: row.try_get::<Option<i64>, _>("pressed_at")?.map(instant).transpose()?,
            ambiguous: row.try_get::<Option<i64>, _>("ambiguous_at")?.is_some(),
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
    ) -> Result<CallVerdict, sqlx::Error> {
        let ReportedCall { provider, call_id, from_digest, from_masked, to_e164 } = *call;
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
            return Ok(CallVerdict::alone(CallOutcome::from_str(&earlier)));
        }
        let verdict = match (from_digest, to_e164) {
            _ if !open => CallVerdict::alone(CallOutcome::Closed),
            (Some(from), Some(to)) => match_call(&mut tx, call_id, from, to, now).await?,
            (None, _) => CallVerdict::alone(CallOutcome::Withheld),
            (Some(_), None) => CallVerdict::alone(CallOutcome::NoAttempt),
        };
        sqlx::query("UPDATE received_calls SET outcome = $1 WHERE call_id = $2")
            .bind(verdict.outcome.as_str())
            .bind(call_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(verdict)
    }
}

type Tx<'c> = sqlx::Transaction<'c, sqlx::Any>;

/// Matches a call from `from` to `to` against the live attempts: those of
/// flows still at ④, inside their 120 seconds, not void.
async fn match_call(
    tx: &mut Tx<'_>,
    call_id: &str,
    from: &str,
    to: &str,
    now: OffsetDateTime,
) -> Result<CallVerdict, sqlx::Error> {
    let t = now.unix_timestamp();
    // Verified ones count too: a second call while the holder's attempt is
    // verified but not yet confirmed must not verify someone else's.
    let live = sqlx::query(
        "SELECT a.flow_hash, a.verified_at FROM call_attempts a JOIN flows f ON f.id_hash = a.flow_hash
         WHERE a.destination_e164 = $1 AND a.caller_digest = $2 AND a.created_at <= $3 AND a.deadline > $3
           AND a.ambiguous_at IS NULL AND f.expires_at > $3 AND f.step = $4",
    )
    .bind(to)
    .bind(from)
    .bind(t)
    .bind(Step::PhoneCall.as_str())
    .fetch_all(&mut **tx)
    .await?;
    let mut flows = Vec::with_capacity(live.len());
    let mut waiting = Vec::new();
    for row in &live {
        let flow: String = row.try_get("flow_hash")?;
        if row.try_get::<Option<i64>, _>("verified_at")?.is_none() {
            waiting.push(flow.clone());
        }
        flows.push(flow);
    }
    // Each UPDATE re-checks its row's state in its own WHERE: under
    // PostgreSQL's READ COMMITTED a concurrent delivery may have verified
    // or voided it since the SELECT read it, and only the UPDATE's own
    // condition is evaluated again once the row lock is granted.
    if flows.len() > 1 {
        for flow in &waiting {
            sqlx::query(
                "UPDATE call_attempts SET ambiguous_at = $1, call_id = $2
                 WHERE flow_hash = $3 AND verified_at IS NULL AND ambiguous_at IS NULL",
            )
            .bind(t)
            .bind(call_id)
            .bind(flow)
            .execute(&mut **tx)
            .await?;
        }
        return Ok(CallVerdict { outcome: CallOutcome::Ambiguous, flows });
    }
    if let [flow] = waiting.as_slice() {
        let verified = sqlx::query(
            "UPDATE call_attempts SET verified_at = $1, call_id = $2
             WHERE flow_hash = $3 AND verified_at IS NULL AND ambiguous_at IS NULL",
        )
        .bind(t)
        .bind(call_id)
        .bind(flow)
        .execute(&mut **tx)
        .await?;
        if verified.rows_affected() == 1 {
            return Ok(CallVerdict { outcome: CallOutcome::Verified, flows });
        }
    }
    why_not(tx, from, to, t).await.map(CallVerdict::alone)
}

/// Why a call verified nothing, for the log.
async fn why_not(tx: &mut Tx<'_>, from: &str, to: &str, t: i64) -> Result<CallOutcome, sqlx::Error> {
    let row = sqlx::query(
        "SELECT
           (SELECT COUNT(*) FROM call_attempts WHERE destination_e164 = $1 AND caller_digest = $2
              AND deadline <= $3 AND verified_at IS NULL) AS late,
           (SELECT COUNT(*) FROM call_attempts WHERE destination_e164 = $1 AND caller_digest <> $2
              AND deadline > $3) AS others",
    )
    .bind(to)
    .bind(from)
    .bind(t)
    .fetch_one(&mut **tx)
    .await?;
    let late: i64 = row.try_get("late")?;
    let others: i64 = row.try_get("others")?;
    Ok(if late > 0 {
        CallOutcome::Late
    } else if others > 0 {
        CallOutcome::WrongCaller
    } else {
        CallOutcome::NoAttempt
    })
}
