//! The authorization server's grants: consents, one-time codes and tokens
//! (clients and pushed requests are in `clients`). Codes and tokens are
//! stored as hashes. A code or a refresh token is read here, judged by the
//! domain, and only then spent, in the transaction that issues the new
//! tokens (`issuance`).

pub use super::clients::Client;
use super::{Store, instant};
use crate::core::AccountId;
use sqlx::Row;
use time::OffsetDateTime;

/// Which of a grant's two tokens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// Short-lived; opens the bank API.
    Access,
    /// Lives as long as the consent; rotated on every use.
    Refresh,
}

stored_enum!(TokenKind { Access = "access", Refresh = "refresh" });

/// A code as it was issued, and whether it has been spent.
#[derive(Clone, Debug)]
pub struct IssuedCode {
    pub client_id: String,
    pub consent_id: i64,
    pub redirect_uri: String,
    pub code_challenge: String,
    pub scope: String,
    pub expires_at: OffsetDateTime,
    pub dpop_jkt: Option<String>,
    pub spent: bool,
}

impl Store {
    /// A code as issued, spent or not; nothing changes.
    pub async fn code(&self, code_hash: &str) -> Result<Option<IssuedCode>, sqlx::Error> {
        let row = sqlx::query(
            "SELECT client_id, consent_id, redirect_uri, code_challenge, scope, expires_at, dpop_jkt, used_at
             FROM authorization_codes WHERE code_hash = $1",
        )
        .bind(code_hash)
        .fetch_optional(self.pool())
        .await?;
        let Some(row) = row else { return Ok(None) };
        Ok(Some(IssuedCode {
            client_id: row.try_get("client_id")?,
            consent_id: row.try_get("consent_id")?,
            redirect_uri: row.try_get("redirect_uri")?,
            code_challenge: row.try_get("code_challenge")?,
            scope: row.try_get("scope")?,
            expires_at: instant(row.try_get("expires_at")?)?,
            dpop_jkt: row.try_get("dpop_jkt")?,
            spent: row.try_get::<Option<i64>, _>("used_at")?.is_some(),
        }))
    }

    /// Whether an access token is live (for the bank API and tests).
    pub async fn access_token_live(&self, token_hash: &str, now: OffsetDateTime) -> Result<bool, sqlx::Error> {
        let found: Option<i64> = sqlx::query_scalar(
            "SELECT 1 FROM tokens WHERE token_hash = $1 AND kind = 'access' AND revoked_at IS NULL AND expires_at > $2",
        )
        .bind(token_hash)
        .bind(now.unix_timestamp())
        .fetch_optional(self.pool())
        .await?;
        Ok(found.is_some())
    }

    /// Until when a consent lasts, if it stands (neither revoked nor
    /// expired): refresh tokens live as long as their consent.
    pub async fn live_consent_until(
        &self,
        consent_id: i64,
        now: OffsetDateTime,
    ) -> Result<Option<OffsetDateTime>, sqlx::Error> {
        let until: Option<i64> = sqlx::query_scalar(
            "SELECT expires_at FROM consents WHERE id = $1 AND revoked_at IS NULL AND expires_at > $2",
        )
        .bind(consent_id)
        .bind(now.unix_timestamp())
        .fetch_optional(self.pool())
        .await?;
        until.map(instant).transpose()
    }
}

/// What a live access token opens: the bank API reads the account its link
/// names, within its scope.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccessGrant {
    pub client_id: String,
    pub consent_id: i64,
    pub code_hash: String,
    pub account: AccountId,
    pub scope: String,
    /// The DPoP key the token is bound to, if any.
    pub dpop_jkt: Option<String>,
}

impl Store {
    /// The grant behind an access token that is live at `now`: not
    /// revoked, not expired, and its link standing.
    pub async fn access_grant(
        &self,
        token_hash: &str,
        now: OffsetDateTime,
    ) -> Result<Option<AccessGrant>, sqlx::Error> {
        let row = sqlx::query(
            "SELECT t.client_id, t.consent_id, t.code_hash, c.account_id, t.scope, t.dpop_jkt
             FROM tokens t JOIN consents c ON c.id = t.consent_id
             WHERE t.token_hash = $1 AND t.kind = 'access' AND t.revoked_at IS NULL AND t.expires_at > $2
               AND c.revoked_at IS NULL AND c.expires_at > $2",
        )
        .bind(token_hash)
        .bind(now.unix_timestamp())
        .fetch_optional(self.pool())
        .await?;
        let Some(row) = row else { return Ok(None) };
        Ok(Some(AccessGrant {
            client_id: row.try_get("client_id")?,
            consent_id: row.try_get("consent_id")?,
            code_hash: row.try_get("code_hash")?,
            account: AccountId(row.try_get("account_id")?),
            scope: row.try_get("scope")?,
            dpop_jkt: row.try_get("dpop_jkt")?,
        }))
    }
}

/// A token as stored (for introspection and revocation).
#[derive(Clone, Debug)]
pub struct StoredToken {
    pub kind: TokenKind,
    pub client_id: String,
    pub consent_id: i64,
    /// The linked account (its state is the core's, checked at use).
    pub account: AccountId,
    pub code_hash: String,
    pub scope: String,
    pub expires_at: OffsetDateTime,
    /// Not revoked, not expired, and its consent stands.
    pub active: bool,
    /// A refresh token used up by rotation.
    pub rotated: bool,
    pub dpop_jkt: Option<String>,
}

impl Store {
    pub async fn token(&self, token_hash: &str, now: OffsetDateTime) -> Result<Option<StoredToken>, sqlx::Error> {
        let row = sqlx::query(
            "SELECT t.kind, t.client_id, t.consent_id, c.account_id, t.code_hash, t.scope, t.expires_at, t.dpop_jkt,
                    t.rotated_at,
                    CASE WHEN t.revoked_at IS NULL AND t.expires_at > $2 AND c.revoked_at IS NULL AND c.expires_at > $2
                         THEN 1 ELSE 0 END AS active
             FROM tokens t JOIN consents c ON c.id = t.consent_id WHERE t.token_hash = $1",
        )
        .bind(token_hash)
        .bind(now.unix_timestamp())
        .fetch_optional(self.pool())
        .await?;
        let Some(row) = row else { return Ok(None) };
        Ok(Some(StoredToken {
            kind: TokenKind::from_stored(&row.try_get::<String, _>("kind")?)?,
            client_id: row.try_get("client_id")?,
            consent_id: row.try_get("consent_id")?,
            account: AccountId(row.try_get("account_id")?),
            code_hash: row.try_get("code_hash")?,
            scope: row.try_get("scope")?,
            expires_at: instant(row.try_get("expires_at")?)?,
            active: row.try_get::<i64, _>("active")? == 1,
            rotated: row.try_get::<Option<i64>, _>("rotated_at")?.is_some(),
            dpop_jkt: row.try_get("dpop_jkt")?,
        }))
    }
}
