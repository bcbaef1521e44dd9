//! What is kept, and for how long. Records that can no longer be used
//! (spent jtis, pushed requests, expired flows, codes and tokens, the calls
//! and counters of past days, ended locks) go as soon as they are useless;
//! the operation log and the mail outbox are kept for periods the union
//! sets, then go too. Links (consents) are kept: they are the customer's
//! and the desk's history.

use super::{EXPIRED_FLOW_GRACE, Store};
use renkei_common::calendar::jst_day;
use time::{Duration, OffsetDateTime};

/// How long the kept records stay.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Retention {
    /// The operation log (the auditors' record of every attempt).
    pub operation_log: Duration,
    /// Mail once sent or given up.
    pub mail: Duration,
}

/// A spent code is remembered this long, so a replay still revokes what it
/// issued (RFC 9700 §4.5.1) well after the code's own minute.
const SPENT_CODE_MEMORY: Duration = Duration::days(1);
/// A provider may deliver the same call again for a while.
const CALL_MEMORY: Duration = Duration::days(1);

impl Store {
    /// Deletes what can no longer be used.
    pub async fn sweep_expired(&self, now: OffsetDateTime) -> Result<(), sqlx::Error> {
        let t = now.unix_timestamp();
        let before = |age: Duration| t - age.whole_seconds();
        let statements: [(&str, i64); 8] = [
            ("DELETE FROM used_jtis WHERE expires_at < $1", t),
            ("DELETE FROM pushed_requests WHERE expires_at < $1", t),
            (
                "DELETE FROM call_attempts WHERE flow_hash IN (SELECT id_hash FROM flows WHERE expires_at < $1)",
                t - 3600,
            ),
            ("DELETE FROM flows WHERE expires_at < $1", before(EXPIRED_FLOW_GRACE)),
            ("DELETE FROM received_calls WHERE received_at < $1", before(CALL_MEMORY)),
            ("DELETE FROM authorization_codes WHERE expires_at < $1", before(SPENT_CODE_MEMORY)),
            // A refresh token lives as long as its link; expired, neither
            // kind can be used or replayed any more.
            ("DELETE FROM tokens WHERE expires_at < $1", t),
            ("DELETE FROM api_locks WHERE locked_until < $1", t),
        ];
        for (sql, bound) in statements {
            sqlx::query(sql).bind(bound).execute(self.pool()).await?;
        }
        // Yesterday's counts stay a day (a check begun at 23:59 may finish
        // after midnight); older days are over.
        let yesterday = jst_day(now - Duration::days(1));
        sqlx::query("DELETE FROM auth_failures WHERE day < $1").bind(yesterday).execute(self.pool()).await?;
        self.sweep_throttles(t).await
    }

    /// Deletes the kept records older than their periods.
    pub async fn prune_kept_records(&self, now: OffsetDateTime, retention: Retention) -> Result<(), sqlx::Error> {
        let before = |age: Duration| now.unix_timestamp() - age.whole_seconds();
        sqlx::query("DELETE FROM operation_log WHERE at < $1")
            .bind(before(retention.operation_log))
            .execute(self.pool())
            .await?;
        sqlx::query("DELETE FROM mail_outbox WHERE sent_at < $1 OR failed_at < $1")
            .bind(before(retention.mail))
            .execute(self.pool())
            .await?;
        Ok(())
    }
}
