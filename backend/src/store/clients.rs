//! Registered apps (OAuth clients) and what they push and sign: pushed
//! authorization requests, JWK Sets, and the once-only jtis of their
//! assertions and DPoP proofs.

use super::Store;
use sqlx::Row;
use time::OffsetDateTime;

/// Which security profile an app is held to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClientProfile {
    /// OAuth 2.0 with PKCE S256 (RFC 9700's baseline).
    Baseline,
    /// FAPI 2.0 Security Profile: PAR, private_key_jwt, DPoP-bound tokens.
    Fapi2,
}

/// How an app authenticates at the token, PAR, revocation and
/// introspection endpoints.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuthMethod {
    ClientSecretBasic,
    PrivateKeyJwt,
}

stored_enum!(ClientProfile { Baseline = "baseline", Fapi2 = "fapi2" });
stored_enum!(AuthMethod { ClientSecretBasic = "client_secret_basic", PrivateKeyJwt = "private_key_jwt" });

/// A registered app (OAuth client).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Client {
    pub client_id: String,
    pub name: String,
    pub profile: ClientProfile,
    pub auth_method: AuthMethod,
    pub secret_hash: Option<String>,
    pub redirect_uris: Vec<String>,
    pub scopes: Vec<String>,
}

impl Client {
    /// FAPI clients must push their requests and bind their tokens.
    pub fn requires_par(&self) -> bool {
        self.profile == ClientProfile::Fapi2
    }
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
            profile: ClientProfile::from_stored(&row.try_get::<String, _>("profile")?)?,
            auth_method: AuthMethod::from_stored(&row.try_get::<String, _>("auth_method")?)?,
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
        .bind(client.profile.as_str())
        .bind(client.auth_method.as_str())
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
