//! Token issuance: from an authorization code (single use, 60 s, PKCE
//! S256, the same client and redirect URI) or a refresh token (rotated on
//! every use; a rotated one used again ends the grant). What a request
//! presents is judged before it is spent, and spent in one transaction
//! with writing the new tokens. Tokens are random, returned once, and
//! stored only as hashes.
//!
//! Sender constraint (RFC 9449): a DPoP proof binds the tokens to its key.
//! FAPI-profile clients must present one; a code bound at PAR needs a
//! proof by the same key, and so does every refresh of a bound grant.

use super::OAuthServer;
use super::error::OAuthError;
use crate::secrets;
use crate::store::clients::Client;
use crate::store::issuance::{Issuance, NewToken, NewTokens, Spend};
use crate::store::links::RevokedBy;
use crate::store::oauth::{StoredToken, TokenKind};
use subtle::ConstantTimeEq;
use time::OffsetDateTime;

/// Tokens as handed to the app, once.
#[derive(Debug)]
pub struct IssuedTokens {
    pub access_token: String,
    /// `DPoP` for sender-constrained tokens, `Bearer` otherwise.
    pub token_type: &'static str,
    pub expires_in: i64,
    pub refresh_token: String,
    pub scope: String,
}

/// The `authorization_code` grant's parameters.
pub struct CodeGrant {
    pub code: String,
    pub redirect_uri: String,
    pub code_verifier: String,
}

/// A verifier is 43–128 unreserved characters (RFC 7636 §4.1).
fn verifier_matches(verifier: &str, challenge: &str) -> bool {
    let well_formed = (43..=128).contains(&verifier.len())
        && verifier.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~".contains(&b));
    well_formed && bool::from(secrets::s256(verifier).as_bytes().ct_eq(challenge.as_bytes()))
}

/// The key the new tokens are bound to, if any: the grant's key must be
/// proven; a FAPI client must bind.
fn binding(client: &Client, bound: Option<&str>, proof: Option<String>) -> Result<Option<String>, OAuthError> {
    match (bound, proof) {
        (Some(bound), Some(proof)) if bound == proof => Ok(Some(proof)),
        (Some(_), Some(_)) => Err(OAuthError::invalid_grant("the DPoP key differs from the key the grant is bound to")),
        (Some(_), None) => Err(OAuthError::invalid_dpop_proof()),
        (None, None) if client.requires_par() => Err(OAuthError::invalid_dpop_proof()),
        (None, proof) => Ok(proof),
    }
}

/// What new tokens belong to.
struct Grant<'a> {
    consent_id: i64,
    code_hash: &'a str,
    scope: &'a str,
    jkt: Option<&'a str>,
}

impl OAuthServer<'_> {
    /// The `authorization_code` grant; `proof` is the thumbprint of the
    /// request's DPoP key, if it carried a valid proof. The code is spent
    /// only once every check passed: an app that saw another app's code, or
    /// a request with anything wrong, leaves it to the app it was issued to.
    pub async fn redeem_code(
        &self,
        client: &Client,
        grant: CodeGrant,
        proof: Option<String>,
    ) -> Result<IssuedTokens, OAuthError> {
        let now = self.clock.now();
        let code_hash = secrets::hash(&grant.code);
        let issued = self.store.code(&code_hash).await?.ok_or_else(|| OAuthError::invalid_grant("unknown code"))?;
        if issued.client_id != client.client_id {
            return Err(OAuthError::invalid_grant("code issued to another client"));
        }
        if issued.spent {
            return Err(self.code_replayed(client, issued.consent_id, now).await);
        }
        if now >= issued.expires_at {
            return Err(OAuthError::invalid_grant("code expired"));
        }
        if issued.redirect_uri != grant.redirect_uri {
            return Err(OAuthError::invalid_grant("redirect_uri differs from the authorization request"));
        }
        if !verifier_matches(&grant.code_verifier, &issued.code_challenge) {
            return Err(OAuthError::invalid_grant("PKCE verification failed"));
        }
        let jkt = binding(client, issued.dpop_jkt.as_deref(), proof)?;
        let refresh_until = self
            .store
            .live_consent_until(issued.consent_id, now)
            .await?
            .ok_or_else(|| OAuthError::invalid_grant("the link this code was issued for has ended"))?;
        let bound =
            Grant { consent_id: issued.consent_id, code_hash: &code_hash, scope: &issued.scope, jkt: jkt.as_deref() };
        match self.issue(client, bound, Spend::Code(&code_hash), now, refresh_until).await? {
            Some(tokens) => Ok(tokens),
            // Another redemption of the same code got there first.
            None => Err(self.code_replayed(client, issued.consent_id, now).await),
        }
    }

    /// Its own app presenting a spent code again is an attack or a leak
    /// (RFC 9700 §4.5.1): the link the code began, and every token of it,
    /// end.
    async fn code_replayed(&self, client: &Client, consent_id: i64, now: OffsetDateTime) -> OAuthError {
        tracing::warn!(client_id = client.client_id, "authorization code replayed: its grant is revoked");
        match self.store.end_link(consent_id, None, RevokedBy::Replay, now).await {
            Ok(_) => OAuthError::invalid_grant("code already used"),
            Err(cause) => cause.into(),
        }
    }

    /// The `refresh_token` grant: the token is used up and a new pair
    /// issued, bound to the same key. Like a code, it is judged before it
    /// is spent: another app or a wrong key changes nothing.
    pub async fn refresh(
        &self,
        client: &Client,
        refresh_token: &str,
        proof: Option<String>,
    ) -> Result<IssuedTokens, OAuthError> {
        let now = self.clock.now();
        let hash = secrets::hash(refresh_token);
        let unusable = || OAuthError::invalid_grant("refresh token unknown, revoked or expired");
        let stored = self.store.token(&hash, now).await?;
        let stored =
            stored.filter(|t| t.kind == TokenKind::Refresh && t.client_id == client.client_id).ok_or_else(unusable)?;
        let jkt = binding(client, stored.dpop_jkt.as_deref(), proof)?;
        if stored.rotated {
            return Err(self.refresh_token_reused(client, &stored, now).await);
        }
        if !stored.active || self.links().account_in_use(stored.consent_id, stored.account).await?.is_none() {
            return Err(unusable());
        }
        let bound = Grant {
            consent_id: stored.consent_id,
            code_hash: &stored.code_hash,
            scope: &stored.scope,
            jkt: jkt.as_deref(),
        };
        if let Some(tokens) = self.issue(client, bound, Spend::RefreshToken(&hash), now, stored.expires_at).await? {
            return Ok(tokens);
        }
        // Used by another request meanwhile, or the link ended.
        Err(match self.store.token(&hash, now).await? {
            Some(again) if again.rotated => self.refresh_token_reused(client, &again, now).await,
            _ => unusable(),
        })
    }

    /// A refresh token used again after rotation: two parties hold the
    /// grant and we cannot tell which is the app, so both lose it (RFC 9700
    /// §4.14.2). The consent and every token of the grant end; the customer
    /// links the app again through API authentication.
    async fn refresh_token_reused(&self, client: &Client, stored: &StoredToken, now: OffsetDateTime) -> OAuthError {
        tracing::warn!(
            client_id = client.client_id,
            consent_id = stored.consent_id,
            "rotated refresh token used again: the grant is revoked (RFC 9700 §4.14.2)"
        );
        match self.store.end_link(stored.consent_id, None, RevokedBy::Replay, now).await {
            Ok(_) => OAuthError::invalid_grant("refresh token already used; the link has ended"),
            Err(cause) => cause.into(),
        }
    }

    /// A new pair for `grant`, written in one transaction with spending
    /// `spend`; `None` if it was no longer there to spend (nothing written).
    async fn issue(
        &self,
        client: &Client,
        grant: Grant<'_>,
        spend: Spend<'_>,
        now: OffsetDateTime,
        refresh_until: OffsetDateTime,
    ) -> Result<Option<IssuedTokens>, OAuthError> {
        let access = secrets::secret_from(self.random);
        let refresh = secrets::secret_from(self.random);
        let lifetime = self.settings.access_token_lifetime;
        let (access_hash, refresh_hash) = (secrets::hash(&access), secrets::hash(&refresh));
        let tokens = NewTokens {
            client_id: &client.client_id,
            consent_id: grant.consent_id,
            code_hash: grant.code_hash,
            scope: grant.scope,
            dpop_jkt: grant.jkt,
            access: NewToken { hash: &access_hash, expires_at: now + lifetime },
            refresh: NewToken { hash: &refresh_hash, expires_at: refresh_until },
        };
        if self.store.issue_tokens(spend, &tokens, now).await? == Issuance::NothingToSpend {
            return Ok(None);
        }
        Ok(Some(IssuedTokens {
            access_token: access,
            token_type: if grant.jkt.is_some() { "DPoP" } else { "Bearer" },
            expires_in: lifetime.whole_seconds(),
            refresh_token: refresh,
            scope: grant.scope.to_owned(),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_verifier_must_be_well_formed_and_match() {
        let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        let challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
        assert!(verifier_matches(verifier, challenge));
        assert!(!verifier_matches("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXK", challenge));
        assert!(!verifier_matches("short", &secrets::s256("short")), "too short even if it hashes right");
        assert!(!verifier_matches(challenge, challenge), "the challenge itself is not the verifier");
    }
}
