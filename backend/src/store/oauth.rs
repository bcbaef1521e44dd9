//! The authorization server's records: clients, pushed requests, consents,
//! codes and tokens. Codes and tokens are stored as hashes; redeeming a
//! code is one conditional UPDATE, so it can succeed once.

use super::Store;
use sqlx::Row;
use time::OffsetDateTime;

/// A registered app (OAuth client).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Client {
    pub client_id: String,
    pub name: String,
    /// `baseline` or `fapi2` (FAPI clients must push their requests).
    pub profile: String,
    pub auth_method: String,
    pub secret_hash: Option<String>,
    pub redirect_uris: Vec<String>,
    pub scopes: Vec<String>,
}

impl Client {
    pub fn requires_par(&self) -> bool {
        self.profile == "fapi2"
    }
}

/// A code being redeemed, as it was issued.
#[derive(Clone, Debug)]
pub struct IssuedCode {
    pub client_id: String,
    pub consent_id: i64,
    pub redirect_uri: String,
    pub code_challenge: String,
    pub scope: String,
    pub expires_at: OffsetDateTime,
    pub dpop_jkt: Option<String>,
}

/// What redeeming a code found.
#[derive(Clone, Debug)]
pub enum Redemption {
    /// First use: the code as issued.
    Redeemed(IssuedCode),
    /// Used before: a replay (what it issued has been revoked).
    Replayed,
    Unknown,
}

/// A live refresh token.
#[derive(Clone, Debug)]
pub struct RefreshGrant {
    pub client_id: String,
    pub consent_id: i64,
    pub code_hash: String,
    pub scope: String,
    pub expires_at: OffsetDateTime,
    pub dpop_jkt: Option<String>,
}

fn instant(seconds: i64) -> Result<OffsetDateTime, sqlx::Error> {
    OffsetDateTime::from_unix_timestamp(seconds).map_err(|e| sqlx::Error::Decode(Box::new(e)))
}

impl Store {
    pub async fn client(&self, client_id: &str) -> Result<Option<Client>, sqlx::Error> {
        let row = sqlx::query(
            "SELECT client_id, name, profile, auth_method, secret_hash, redirect_uris, scopes
             FROM oauth_clients WHERE client_id = $1",
        )
        .bind(client_id)
        .fetch_optional(self.pool())
        .await?;
        let Some(row) = row else { return Ok(None) };
        let lines = |text: String| text.split_whitespace().map(str::to_owned).collect::<Vec<_>>();
        Ok(Some(Client {
            client_id: row.try_get("client_id")?,
            name: row.try_get("name")?,
            profile: row.try_get("profile")?,
            auth_method: row.try_get("auth_method")?,
            secret_hash: row.try_get("secret_hash")?,
            redirect_uris: lines(row.try_get("redirect_uris")?),
            scopes: lines(row.try_get("scopes")?),
        }))
    }

    /// Registers or updates a client (the demo clients are refreshed at
    /// every development start, as their redirect URI follows the port).
    pub async fn upsert_client(&self, client: &Client) -> Result<(), sqlx::Error> {
        sqlx::query(
            "INSERT INTO oauth_clients (client_id, name, profile, auth_method, secret_hash, redirect_uris, scopes)
             VALUES ($1, $2, $3, $4, $5, $6, $7)
             ON CONFLICT (client_id) DO UPDATE SET name = excluded.name, profile = excluded.profile,
                 auth_method = excluded.auth_method, secret_hash = excluded.secret_hash,
                 redirect_uris = excluded.redirect_uris, scopes = excluded.scopes",
        )
        .bind(&client.client_id)
        .bind(&client.name)
        .bind(&client.profile)
        .bind(&client.auth_method)
        .bind(client.secret_hash.as_deref())
        .bind(client.redirect_uris.join("\n"))
        .bind(client.scopes.join(" "))
        .execute(self.pool())
        .await?;
        Ok(())
    }

    pub async fn push_request(
        &self,
        request_uri_hash: &str,
        client_id: &str,
        request_json: &str,
        expires_at: OffsetDateTime,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(
            "INSERT INTO pushed_requests (request_uri_hash, client_id, request, expires_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(request_uri_hash)
        .bind(client_id)
        .bind(request_json)
        .bind(expires_at.unix_timestamp())
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// A pushed request for `client_id`, if it is unused and unexpired.
    /// Returns its JSON. (It is used up when its flow is answered.)
    pub async fn pushed_request(
        &self,
        request_uri_hash: &str,
        client_id: &str,
        now: OffsetDateTime,
    ) -> Result<Option<String>, sqlx::Error> {
        sqlx::query_scalar(
            "SELECT request FROM pushed_requests
             WHERE request_uri_hash = $1 AND client_id = $2 AND used_at IS NULL AND expires_at > $3",
        )
        .bind(request_uri_hash)
        .bind(client_id)
        .bind(now.unix_timestamp())
        .fetch_optional(self.pool())
        .await
    }

    /// Uses up a pushed request; `false` if another flow already did.
    pub async fn use_up_pushed_request(
        &self,
        request_uri_hash: &str,
        now: OffsetDateTime,
    ) -> Result<bool, sqlx::Error> {
        let used =
            sqlx::query("UPDATE pushed_requests SET used_at = $1 WHERE request_uri_hash = $2 AND used_at IS NULL")
                .bind(now.unix_timestamp())
                .bind(request_uri_hash)
                .execute(self.pool())
                .await?;
        Ok(used.rows_affected() == 1)
    }

    /// Records the consent and the code it yields, together.
    #[allow(clippy::too_many_arguments)]
    pub async fn grant_consent(
        &self,
        account_id: i64,
        client_id: &str,
        scope: &str,
        now: OffsetDateTime,
        consent_until: OffsetDateTime,
        code_hash: &str,
        redirect_uri: &str,
        code_challenge: &str,
        code_until: OffsetDateTime,
        dpop_jkt: Option<&str>,
    ) -> Result<(), sqlx::Error> {
        let mut tx = self.pool().begin().await?;
        let consent_id: i64 = sqlx::query_scalar(
            "INSERT INTO consents (account_id, client_id, scope, granted_at, expires_at)
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(account_id)
        .bind(client_id)
        .bind(scope)
        .bind(now.unix_timestamp())
        .bind(consent_until.unix_timestamp())
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO authorization_codes (code_hash, client_id, consent_id, redirect_uri, code_challenge, scope, expires_at, dpop_jkt)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(code_hash)
        .bind(client_id)
        .bind(consent_id)
        .bind(redirect_uri)
        .bind(code_challenge)
        .bind(scope)
        .bind(code_until.unix_timestamp())
        .bind(dpop_jkt)
        .execute(&mut *tx)
        .await?;
        tx.commit().await
    }

    /// Redeems a code once. A second redemption revokes every token the
    /// first one issued (RFC 9700 §4.5.1: a replayed code is an attack).
    pub async fn redeem_code(&self, code_hash: &str, now: OffsetDateTime) -> Result<Redemption, sqlx::Error> {
        let redeemed = sqlx::query(
            "UPDATE authorization_codes SET used_at = $1 WHERE code_hash = $2 AND used_at IS NULL
             RETURNING client_id, consent_id, redirect_uri, code_challenge, scope, expires_at, dpop_jkt",
        )
        .bind(now.unix_timestamp())
        .bind(code_hash)
        .fetch_optional(self.pool())
        .await?;
        if let Some(row) = redeemed {
            return Ok(Redemption::Redeemed(IssuedCode {
                client_id: row.try_get("client_id")?,
                consent_id: row.try_get("consent_id")?,
                redirect_uri: row.try_get("redirect_uri")?,
                code_challenge: row.try_get("code_challenge")?,
                scope: row.try_get("scope")?,
                expires_at: instant(row.try_get("expires_at")?)?,
                dpop_jkt: row.try_get("dpop_jkt")?,
            }));
        }
        let consent: Option<i64> =
            sqlx::query_scalar("SELECT consent_id FROM authorization_codes WHERE code_hash = $1")
                .bind(code_hash)
                .fetch_optional(self.pool())
                .await?;
        let Some(consent_id) = consent else { return Ok(Redemption::Unknown) };
        // The consent goes too: tokens still being issued from the first
        // redemption then die with it.
        self.revoke_grant(consent_id, code_hash, now).await?;
        Ok(Redemption::Replayed)
    }

    #[allow(clippy::too_many_arguments)]
    pub async fn store_token(
        &self,
        token_hash: &str,
        kind: &str,
        client_id: &str,
        consent_id: i64,
        code_hash: &str,
        scope: &str,
        expires_at: OffsetDateTime,
        dpop_jkt: Option<&str>,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(
            "INSERT INTO tokens (token_hash, kind, client_id, consent_id, code_hash, scope, expires_at, dpop_jkt)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(token_hash)
        .bind(kind)
        .bind(client_id)
        .bind(consent_id)
        .bind(code_hash)
        .bind(scope)
        .bind(expires_at.unix_timestamp())
        .bind(dpop_jkt)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// Uses up a refresh token (rotation): returns its grant if it was live,
    /// and revokes it in the same statement so it works once.
    pub async fn use_refresh_token(
        &self,
        token_hash: &str,
        client_id: &str,
        now: OffsetDateTime,
    ) -> Result<Option<RefreshGrant>, sqlx::Error> {
        let row = sqlx::query(
            "UPDATE tokens SET revoked_at = $1
             WHERE token_hash = $2 AND client_id = $3 AND kind = 'refresh' AND revoked_at IS NULL AND expires_at > $1
               AND consent_id IN (SELECT id FROM consents WHERE revoked_at IS NULL AND expires_at > $1)
             RETURNING client_id, consent_id, code_hash, scope, expires_at, dpop_jkt",
        )
        .bind(now.unix_timestamp())
        .bind(token_hash)
        .bind(client_id)
        .fetch_optional(self.pool())
        .await?;
        let Some(row) = row else { return Ok(None) };
        Ok(Some(RefreshGrant {
            client_id: row.try_get("client_id")?,
            consent_id: row.try_get("consent_id")?,
            code_hash: row.try_get("code_hash")?,
            scope: row.try_get("scope")?,
            expires_at: instant(row.try_get("expires_at")?)?,
            dpop_jkt: row.try_get("dpop_jkt")?,
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

    /// The consent's expiry, for refresh tokens that live as long as it.
    pub async fn consent_expiry(&self, consent_id: i64) -> Result<Option<OffsetDateTime>, sqlx::Error> {
        let until: Option<i64> = sqlx::query_scalar("SELECT expires_at FROM consents WHERE id = $1")
            .bind(consent_id)
            .fetch_optional(self.pool())
            .await?;
        until.map(instant).transpose()
    }
}

/// A token as stored (for introspection and revocation).
#[derive(Clone, Debug)]
pub struct StoredToken {
    pub kind: String,
    pub client_id: String,
    pub consent_id: i64,
    pub code_hash: String,
    pub scope: String,
    pub expires_at: OffsetDateTime,
    /// Not revoked, not expired, and its consent stands.
    pub active: bool,
    pub dpop_jkt: Option<String>,
}

impl Store {
    pub async fn token(&self, token_hash: &str, now: OffsetDateTime) -> Result<Option<StoredToken>, sqlx::Error> {
        let row = sqlx::query(
            "SELECT t.kind, t.client_id, t.consent_id, t.code_hash, t.scope, t.expires_at, t.dpop_jkt,
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
            kind: row.try_get("kind")?,
            client_id: row.try_get("client_id")?,
            consent_id: row.try_get("consent_id")?,
            code_hash: row.try_get("code_hash")?,
            scope: row.try_get("scope")?,
            expires_at: instant(row.try_get("expires_at")?)?,
            active: row.try_get::<i64, _>("active")? == 1,
            dpop_jkt: row.try_get("dpop_jkt")?,
        }))
    }

    /// Ends a link: the consent and every token of its grant.
    pub async fn revoke_grant(&self, consent_id: i64, code_hash: &str, now: OffsetDateTime) -> Result<(), sqlx::Error> {
        let mut tx = self.pool().begin().await?;
        sqlx::query("UPDATE tokens SET revoked_at = $1 WHERE code_hash = $2 AND revoked_at IS NULL")
            .bind(now.unix_timestamp())
            .bind(code_hash)
            .execute(&mut *tx)
            .await?;
        sqlx::query("UPDATE consents SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL")
            .bind(now.unix_timestamp())
            .bind(consent_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await
    }
}

impl Store {
    /// Records a jti for `issuer`; `false` if it was seen before (a replay).
    pub async fn first_use_of_jti(&self, issuer: &str, jti: &str, until: OffsetDateTime) -> Result<bool, sqlx::Error> {
        let inserted = sqlx::query(
            "INSERT INTO used_jtis (issuer, jti, expires_at) VALUES ($1, $2, $3) ON CONFLICT (issuer, jti) DO NOTHING",
        )
        .bind(issuer)
        .bind(jti)
        .bind(until.unix_timestamp())
        .execute(self.pool())
        .await?;
        Ok(inserted.rows_affected() == 1)
    }

    /// Deletes what can no longer be used: spent jtis, pushed requests and
    /// flows past their time (an hour's grace keeps recent flows for the log).
    pub async fn sweep_expired(&self, now: OffsetDateTime) -> Result<(), sqlx::Error> {
        let t = now.unix_timestamp();
        sqlx::query("DELETE FROM used_jtis WHERE expires_at < $1").bind(t).execute(self.pool()).await?;
        sqlx::query("DELETE FROM pushed_requests WHERE expires_at < $1").bind(t).execute(self.pool()).await?;
        sqlx::query("DELETE FROM call_attempts WHERE flow_hash IN (SELECT id_hash FROM flows WHERE expires_at < $1)")
            .bind(t - 3600)
            .execute(self.pool())
            .await?;
        sqlx::query("DELETE FROM flows WHERE expires_at < $1").bind(t - 3600).execute(self.pool()).await?;
        Ok(())
    }

    /// The client's public keys (a JWK Set, JSON), for `private_key_jwt`.
    pub async fn client_jwks(&self, client_id: &str) -> Result<Option<String>, sqlx::Error> {
        let jwks: Option<Option<String>> = sqlx::query_scalar("SELECT jwks FROM oauth_clients WHERE client_id = $1")
            .bind(client_id)
            .fetch_optional(self.pool())
            .await?;
        Ok(jwks.flatten())
    }

    pub async fn set_client_jwks(&self, client_id: &str, jwks: &str) -> Result<(), sqlx::Error> {
        sqlx::query("UPDATE oauth_clients SET jwks = $1 WHERE client_id = $2")
            .bind(jwks)
            .bind(client_id)
            .execute(self.pool())
            .await?;
        Ok(())
    }
}
