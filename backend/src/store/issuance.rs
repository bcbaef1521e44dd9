//! Token issuance as one transaction with what it spends: the code or the
//! refresh token is used up and the new pair written together. A failure
//! halfway keeps nothing spent, so the app can try again; and of two
//! requests spending the same thing at once, one issues.

use super::Store;
use super::oauth::TokenKind;
use time::OffsetDateTime;

/// What a token request spends (by hash).
#[derive(Clone, Copy, Debug)]
pub enum Spend<'a> {
    /// An authorization code, once.
    Code(&'a str),
    /// A live refresh token, rotated: marked rotated as well as revoked, so
    /// that a second use can be told from a token the app revoked.
    RefreshToken(&'a str),
}

/// A new token, by hash.
#[derive(Clone, Copy, Debug)]
pub struct NewToken<'a> {
    pub hash: &'a str,
    pub expires_at: OffsetDateTime,
}

/// The pair a grant receives.
#[derive(Clone, Copy, Debug)]
pub struct NewTokens<'a> {
    pub client_id: &'a str,
    pub consent_id: i64,
    /// The code the grant began with: it names the grant.
    pub code_hash: &'a str,
    pub scope: &'a str,
    pub dpop_jkt: Option<&'a str>,
    pub access: NewToken<'a>,
    pub refresh: NewToken<'a>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Issuance {
    Issued,
    /// Spent already (another request got there first) or, for a refresh
    /// token, no longer live: nothing written.
    NothingToSpend,
}

impl Store {
    pub async fn issue_tokens(
        &self,
        spend: Spend<'_>,
        tokens: &NewTokens<'_>,
        now: OffsetDateTime,
    ) -> Result<Issuance, sqlx::Error> {
        let mut tx = self.pool().begin().await?;
        // Both statements: $1 now, $2 the hash, $3 the client.
        let (spending, hash) = match spend {
            Spend::Code(code_hash) => (
                "UPDATE authorization_codes SET used_at = $1
                 WHERE code_hash = $2 AND client_id = $3 AND used_at IS NULL",
                code_hash,
            ),
            Spend::RefreshToken(token_hash) => (
                "UPDATE tokens SET revoked_at = $1, rotated_at = $1
                 WHERE token_hash = $2 AND client_id = $3 AND kind = 'refresh' AND revoked_at IS NULL
                   AND expires_at > $1
                   AND consent_id IN (SELECT id FROM consents WHERE revoked_at IS NULL AND expires_at > $1)",
                token_hash,
            ),
        };
        let spent = sqlx::query(spending)
            .bind(now.unix_timestamp())
            .bind(hash)
            .bind(tokens.client_id)
            .execute(&mut *tx)
            .await?;
        if spent.rows_affected() != 1 {
            // Dropping the transaction rolls it back.
            return Ok(Issuance::NothingToSpend);
        }
        for (kind, token) in [(TokenKind::Access, tokens.access), (TokenKind::Refresh, tokens.refresh)] {
            sqlx::query(
                "INSERT INTO tokens (token_hash, kind, client_id, consent_id, code_hash, scope, expires_at, dpop_jkt)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(token.hash)
            .bind(kind.as_str())
            .bind(tokens.client_id)
            .bind(tokens.consent_id)
            .bind(tokens.code_hash)
            .bind(tokens.scope)
            .bind(token.expires_at.unix_timestamp())
            .bind(tokens.dpop_jkt)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(Issuance::Issued)
    }
}
