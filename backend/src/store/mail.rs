//! The mail outbox: queued notices and their delivery state.

use super::Store;
use sqlx::Row;
use time::OffsetDateTime;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueuedMail {
    pub id: i64,
    pub to_address: String,
    pub subject: String,
    pub body: String,
    pub attempts: i64,
    pub sent: bool,
    /// Given up after the last allowed try; `last_error` says why.
    pub failed: bool,
    pub last_error: Option<String>,
}

impl Store {
    /// Claims up to `limit` mails due at `now` for `lease` seconds, so two
    /// instances never send the same one at once.
    pub async fn claim_due_mail(
        &self,
        now: OffsetDateTime,
        lease: i64,
        limit: i64,
    ) -> Result<Vec<QueuedMail>, sqlx::Error> {
        let due: Vec<i64> = sqlx::query_scalar(
            "SELECT id FROM mail_outbox WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= $1
             ORDER BY id LIMIT $2",
        )
        .bind(now.unix_timestamp())
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        let mut claimed = Vec::new();
        for id in due {
            let row = sqlx::query(
                "UPDATE mail_outbox SET next_attempt_at = $1
                 WHERE id = $2 AND sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= $3
                 RETURNING id, to_address, subject, body, attempts, last_error",
            )
            .bind(now.unix_timestamp() + lease)
            .bind(id)
            .bind(now.unix_timestamp())
            .fetch_optional(self.pool())
            .await?;
            if let Some(row) = row {
                claimed.push(QueuedMail {
                    id: row.try_get("id")?,
                    to_address: row.try_get("to_address")?,
                    subject: row.try_get("subject")?,
                    body: row.try_get("body")?,
                    attempts: row.try_get("attempts")?,
                    sent: false,
                    failed: false,
                    last_error: row.try_get("last_error")?,
                });
            }
        }
        Ok(claimed)
    }

    pub async fn mark_mail_sent(&self, id: i64, now: OffsetDateTime) -> Result<(), sqlx::Error> {
        sqlx::query("UPDATE mail_outbox SET sent_at = $1, attempts = attempts + 1, last_error = NULL WHERE id = $2")
            .bind(now.unix_timestamp())
            .bind(id)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    pub async fn mark_mail_failed(&self, id: i64, error: &str, retry_at: OffsetDateTime) -> Result<(), sqlx::Error> {
        sqlx::query(
            "UPDATE mail_outbox SET attempts = attempts + 1, last_error = $1, next_attempt_at = $2 WHERE id = $3",
        )
        .bind(error)
        .bind(retry_at.unix_timestamp())
        .bind(id)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// The last allowed try failed: the mail is not tried again.
    pub async fn mark_mail_given_up(&self, id: i64, error: &str, now: OffsetDateTime) -> Result<(), sqlx::Error> {
        sqlx::query("UPDATE mail_outbox SET attempts = attempts + 1, last_error = $1, failed_at = $2 WHERE id = $3")
            .bind(error)
            .bind(now.unix_timestamp())
            .bind(id)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Every mail, newest first (the development outbox page, tests).
    /// Mails not yet sent and not given up: the queue's depth.
    pub async fn mail_queue_depth(&self) -> Result<i64, sqlx::Error> {
        sqlx::query_scalar("SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NULL AND failed_at IS NULL")
            .fetch_one(self.pool())
            .await
    }

    pub async fn outbox(&self) -> Result<Vec<QueuedMail>, sqlx::Error> {
        let rows = sqlx::query(
            "SELECT id, to_address, subject, body, attempts, sent_at, failed_at, last_error FROM mail_outbox
             ORDER BY id DESC",
        )
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                Ok(QueuedMail {
                    id: row.try_get("id")?,
                    to_address: row.try_get("to_address")?,
                    subject: row.try_get("subject")?,
                    body: row.try_get("body")?,
                    attempts: row.try_get("attempts")?,
                    sent: row.try_get::<Option<i64>, _>("sent_at")?.is_some(),
                    failed: row.try_get::<Option<i64>, _>("failed_at")?.is_some(),
                    last_error: row.try_get("last_error")?,
                })
            })
            .collect()
    }
}
