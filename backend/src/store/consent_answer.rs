//! Screen ⑥'s answer as one transaction: the flow ends, its pushed request
//! is spent and, when the customer allowed, the consent, its one-time code
//! and the completion notice are written, and the account's earlier link
//! to the same app ends (one live link per app and account). All or
//! nothing: a failure halfway leaves the flow where it was, and the
//! customer can answer again.

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
    /// Written; when the customer allowed, their earlier links of the same
    /// app and account (how many) ended with it.
    Recorded { replaced_links: u64 },
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
        let mut replaced_links = 0;
        if let Some(grant) = grant {
            replaced_links = end_earlier_links(&mut tx, grant.account_id, grant.client_id, now).await?;
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
        Ok(Answered::Recorded { replaced_links })
    }
}

/// One live link per app and account: the account's earlier live consents
/// to this client end, with every token of theirs. Returns how many.
async fn end_earlier_links(
    tx: &mut sqlx::AnyConnection,
    account_id: AccountId,
    client_id: &str,
    now: OffsetDateTime,
) -> Result<u64, sqlx::Error> {
    const EARLIER: &str = "account_id = $2 AND client_id = $3 AND revoked_at IS NULL AND expires_at > $1";
    sqlx::query(&format!(
        "UPDATE tokens SET revoked_at = $1
         WHERE revoked_at IS NULL AND consent_id IN (SELECT id FROM consents WHERE {EARLIER})"
    ))
    .bind(now.unix_timestamp())
    .bind(account_id.0)
    .bind(client_id)
    .execute(&mut *tx)
    .await?;
    let ended = sqlx::query(&format!("UPDATE consents SET revoked_at = $1, revoked_by = 'relinked' WHERE {EARLIER}"))
        .bind(now.unix_timestamp())
        .bind(account_id.0)
        .bind(client_id)
        .execute(&mut *tx)
        .await?;
    Ok(ended.rows_affected())
}
