//! Links (consents) as the customer and the union see them: which apps
//! read an account, since and until when, and who ended a link. Ending a
//! link ends every token of it in the same transaction.

use super::{Store, instant};
use crate::core::AccountId;
use sqlx::Row;
use time::OffsetDateTime;

/// Who ended a link (kept on the consent, for the customer and the desk).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RevokedBy {
    /// The customer, on 連携管理.
    Customer,
    /// The app, at the revocation endpoint.
    App,
    /// The customer linked the same app to the account again.
    Relinked,
    /// The account moved (移管) or closed.
    AccountMoved,
    /// A spent code or a rotated refresh token was presented again.
    Replay,
}

stored_enum!(RevokedBy {
    Customer = "customer",
    App = "app",
    Relinked = "relinked",
    AccountMoved = "account_moved",
    Replay = "replay",
});

/// A standing link of an account, with the app's name as ⑥ showed it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StandingLink {
    pub consent_id: i64,
    pub client_id: String,
    pub app_name: String,
    pub scope: String,
    pub granted_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
}

/// A link as stored, standing or ended (for tests and the desk).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkState {
    pub revoked_at: Option<OffsetDateTime>,
    pub revoked_by: Option<RevokedBy>,
}

impl Store {
    /// The account's links that stand at `now`, newest first.
    pub async fn standing_links(
        &self,
        account: AccountId,
        now: OffsetDateTime,
    ) -> Result<Vec<StandingLink>, sqlx::Error> {
        let rows = sqlx::query(
            "SELECT c.id, c.client_id, k.name, c.scope, c.granted_at, c.expires_at
             FROM consents c JOIN oauth_clients k ON k.client_id = c.client_id
             WHERE c.account_id = $1 AND c.revoked_at IS NULL AND c.expires_at > $2
             ORDER BY c.granted_at DESC, c.id DESC",
        )
        .bind(account.0)
        .bind(now.unix_timestamp())
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                Ok(StandingLink {
                    consent_id: row.try_get("id")?,
                    client_id: row.try_get("client_id")?,
                    app_name: row.try_get("name")?,
                    scope: row.try_get("scope")?,
                    granted_at: instant(row.try_get("granted_at")?)?,
                    expires_at: instant(row.try_get("expires_at")?)?,
                })
            })
            .collect()
    }

    /// Ends a standing link and every token of it, recording who ended it;
    /// with `account`, only if the link is that account's. `false` if
    /// there was no such standing link (already ended, or not theirs).
    pub async fn end_link(
        &self,
        consent_id: i64,
        account: Option<AccountId>,
        by: RevokedBy,
        now: OffsetDateTime,
    ) -> Result<bool, sqlx::Error> {
        let mut tx = self.pool().begin().await?;
        let only_theirs = if account.is_some() { " AND account_id = $4" } else { "" };
        let end = format!(
            "UPDATE consents SET revoked_at = $1, revoked_by = $2 WHERE id = $3 AND revoked_at IS NULL{only_theirs}"
        );
        let mut query = sqlx::query(&end).bind(now.unix_timestamp()).bind(by.as_str()).bind(consent_id);
        if let Some(account) = account {
            query = query.bind(account.0);
        }
        let ended = query.execute(&mut *tx).await?;
        if ended.rows_affected() == 1 {
            sqlx::query("UPDATE tokens SET revoked_at = $1 WHERE consent_id = $2 AND revoked_at IS NULL")
                .bind(now.unix_timestamp())
                .bind(consent_id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(ended.rows_affected() == 1)
    }

    /// When and by whom a link ended, if it did.
    pub async fn link_state(&self, consent_id: i64) -> Result<Option<LinkState>, sqlx::Error> {
        let row = sqlx::query("SELECT revoked_at, revoked_by FROM consents WHERE id = $1")
            .bind(consent_id)
            .fetch_optional(self.pool())
            .await?;
        let Some(row) = row else { return Ok(None) };
        Ok(Some(LinkState {
            revoked_at: row.try_get::<Option<i64>, _>("revoked_at")?.map(instant).transpose()?,
            revoked_by: row
                .try_get::<Option<String>, _>("revoked_by")?
                .as_deref()
                .map(RevokedBy::from_stored)
                .transpose()?,
        }))
    }
}

impl Store {
    /// Demo data: a standing link with a refresh token already issued
    /// (`during` is granted at, expires at). Once only: `false` if the
    /// token exists already.
    pub async fn seed_link(
        &self,
        account: AccountId,
        client_id: &str,
        scope: &str,
        during: (OffsetDateTime, OffsetDateTime),
        refresh_hash: &str,
    ) -> Result<bool, sqlx::Error> {
        let mut tx = self.pool().begin().await?;
        let existing: Option<i64> = sqlx::query_scalar("SELECT 1 FROM tokens WHERE token_hash = $1")
            .bind(refresh_hash)
            .fetch_optional(&mut *tx)
            .await?;
        if existing.is_some() {
            return Ok(false);
        }
        let (granted_at, expires_at) = (during.0.unix_timestamp(), during.1.unix_timestamp());
        let consent_id: i64 = sqlx::query_scalar(
            "INSERT INTO consents (account_id, client_id, scope, granted_at, expires_at)
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(account.0)
        .bind(client_id)
        .bind(scope)
        .bind(granted_at)
        .bind(expires_at)
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO tokens (token_hash, kind, client_id, consent_id, code_hash, scope, expires_at)
             VALUES ($1, 'refresh', $2, $3, $4, $5, $6)",
        )
        .bind(refresh_hash)
        .bind(client_id)
        .bind(consent_id)
        // No code began it; the grant's key only has to be its own.
        .bind(format!("seeded:{refresh_hash}"))
        .bind(scope)
        .bind(expires_at)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(true)
    }
}
