//! Screen ⑥'s answer as one transaction: the flow ends, its pushed request
//! is spent and, when the customer allowed, the consent, its one-time code
//! and the completion notice are written. All or nothing: a failure
//! halfway leaves the flow where it was, and the customer can answer again.

use super::Store;
use super::flows::end_flow_on;
use crate::core::AccountId;
use time::OffsetDateTime;

/// What allowing writes.
pub struct Grant<'a> {
    pub account_id: AccountId,
    pub client_id: &'a str,
    pub scope: &'a str,
    pub consent_until: OffsetDateTime,
    pub code_hash: &'a str,
    pub redirect_uri: &'a str,
    pub code_challenge: &'a str,
    pub code_until: OffsetDateTime,
    pub dpop_jkt: Option<&'a str>,
    /// The completion notice, queued with the consent.
    pub notice: Option<Notice<'a>>,
}

pub struct Notice<'a> {
    pub to: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answered {
    Recorded,
    /// Answered already (another tab, a double click): nothing written.
    FlowGone,
    /// Another flow from the same pushed request was answered first.
    PushedRequestSpent,
}

impl Store {
    pub async fn answer_consent(
        &self,
        flow_hash: &str,
        pushed_request_hash: Option<&str>,
        now: OffsetDateTime,
        grant: Option<Grant<'_>>,
    ) -> Result<Answered, sqlx::Error> {
        let mut tx = self.pool().begin().await?;
        // An early return drops the transaction: it rolls back.
        if !end_flow_on(&mut *tx, flow_hash, now).await? {
            return Ok(Answered::FlowGone);
        }
        if let Some(pushed) = pushed_request_hash {
            let used =
                sqlx::query("UPDATE pushed_requests SET used_at = $1 WHERE request_uri_hash = $2 AND used_at IS NULL")
                    .bind(now.unix_timestamp())
                    .bind(pushed)
                    .execute(&mut *tx)
                    .await?;
            if used.rows_affected() != 1 {
                return Ok(Answered::PushedRequestSpent);
            }
        }
        if let Some(grant) = grant {
            let consent_id: i64 = sqlx::query_scalar(
                "INSERT INTO consents (account_id, client_id, scope, granted_at, expires_at)
                 VALUES ($1, $2, $3, $4, $5) RETURNING id",
            )
            .bind(grant.account_id.0)
            .bind(grant.client_id)
            .bind(grant.scope)
            .bind(now.unix_timestamp())
            .bind(grant.consent_until.unix_timestamp())
            .fetch_one(&mut *tx)
            .await?;
            sqlx::query(
                "INSERT INTO authorization_codes
                     (code_hash, client_id, consent_id, redirect_uri, code_challenge, scope, expires_at, dpop_jkt)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(grant.code_hash)
            .bind(grant.client_id)
            .bind(consent_id)
            .bind(grant.redirect_uri)
            .bind(grant.code_challenge)
            .bind(grant.scope)
            .bind(grant.code_until.unix_timestamp())
            .bind(grant.dpop_jkt)
            .execute(&mut *tx)
            .await?;
            if let Some(notice) = grant.notice {
                sqlx::query(
                    "INSERT INTO mail_outbox (to_address, subject, body, created_at, next_attempt_at)
                     VALUES ($1, $2, $3, $4, $4)",
                )
                .bind(notice.to)
                .bind(notice.subject)
                .bind(notice.body)
                .bind(now.unix_timestamp())
                .execute(&mut *tx)
                .await?;
            }
        }
        tx.commit().await?;
        Ok(Answered::Recorded)
    }
}
