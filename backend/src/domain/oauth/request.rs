//! The authorization request: read from the query or from a pushed request,
//! checked against the client's registration. What cannot be trusted to
//! redirect (an unknown client, an unregistered redirect URI) is shown on
//! our own page; everything else goes back to the app as an error.

use super::error::OAuthError;
use super::{OAuthServer, PUSHED_REQUEST_LIFETIME, REQUEST_URI_PREFIX};
use crate::secrets;
use crate::store::clients::Client;
use renkei_common::scopes::Scope;
use serde::{Deserialize, Serialize};

/// The parameters as the app sent them.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct AuthorizationParams {
    pub response_type: Option<String>,
    pub client_id: Option<String>,
    pub redirect_uri: Option<String>,
    pub scope: Option<String>,
    pub state: Option<String>,
    pub code_challenge: Option<String>,
    pub code_challenge_method: Option<String>,
    pub request_uri: Option<String>,
    /// RFC 9449 §10: the thumbprint of the key the code will be bound to.
    pub dpop_jkt: Option<String>,
}

/// A request that passed every check; kept with the flow until ⑥.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthorizationRequest {
    pub client_id: String,
    pub redirect_uri: String,
    pub scope: String,
    pub state: Option<String>,
    pub code_challenge: String,
    /// The DPoP key the code is bound to (from PAR's proof or `dpop_jkt`).
    #[serde(default)]
    pub dpop_jkt: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Shown on our page; never redirected (RFC 6749 §4.1.2.1).
    NotRedirectable(&'static str),
    /// Sent back to the app's (registered) redirect URI.
    Redirect { redirect_uri: String, state: Option<String>, error: &'static str, description: &'static str },
}

impl AuthorizationParams {
    pub fn validate(self, client: &Client) -> Result<AuthorizationRequest, Refusal> {
        let redirect_uri = self.redirect_uri.ok_or(Refusal::NotRedirectable("redirect_uri missing"))?;
        // Exact string match against the registration: no prefixes, no
        // wildcards, no normalisation.
        if !client.redirect_uris.contains(&redirect_uri) {
            return Err(Refusal::NotRedirectable("redirect_uri not registered"));
        }
        let state = self.state.filter(|s| !s.is_empty());
        let refuse = |error, description| Refusal::Redirect {
            redirect_uri: redirect_uri.clone(),
            state: state.clone(),
            error,
            description,
        };
        if self.response_type.as_deref() != Some("code") {
            return Err(refuse("unsupported_response_type", "response_type must be code"));
        }
        let challenge = self.code_challenge.filter(|c| is_s256_challenge(c));
        let Some(code_challenge) = challenge else {
            return Err(refuse("invalid_request", "code_challenge (S256) is required"));
        };
        if self.code_challenge_method.as_deref() != Some("S256") {
            return Err(refuse("invalid_request", "code_challenge_method must be S256"));
        }
        let scopes = self.scope.as_deref().and_then(Scope::parse_list);
        let allowed = |s: &Scope| client.scopes.iter().any(|a| a == s.name());
        let Some(scopes) = scopes.filter(|list| list.iter().all(allowed)) else {
            return Err(refuse("invalid_scope", "scope must be balance and/or transactions, as registered"));
        };
        Ok(AuthorizationRequest {
            client_id: client.client_id.clone(),
            redirect_uri,
            scope: Scope::join(&scopes),
            state,
            code_challenge,
            dpop_jkt: self.dpop_jkt.filter(|j| !j.is_empty()),
        })
    }
}

/// A S256 challenge is BASE64URL of 32 bytes: 43 characters.
fn is_s256_challenge(challenge: &str) -> bool {
    challenge.len() == 43 && challenge.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// A request read and checked, and the pushed request it came from.
pub type ReadRequest = (AuthorizationRequest, Option<String>);

impl OAuthServer<'_> {
    /// The authorization endpoint's request, from its parameters or the
    /// pushed request its `request_uri` names, checked against the client.
    pub async fn read_authorization_request(
        &self,
        params: AuthorizationParams,
    ) -> Result<Result<ReadRequest, Refusal>, sqlx::Error> {
        let Some(client_id) = params.client_id.clone() else {
            return Ok(Err(Refusal::NotRedirectable("client_id missing")));
        };
        let Some(client) = self.store.client(&client_id).await? else {
            return Ok(Err(Refusal::NotRedirectable("unknown client")));
        };
        if let Some(request_uri) = params.request_uri.as_deref() {
            let secret = request_uri.strip_prefix(REQUEST_URI_PREFIX).unwrap_or_default();
            let hash = secrets::hash(secret);
            let pushed = self.store.pushed_request(&hash, &client.client_id, self.clock.now()).await?;
            return Ok(match pushed.and_then(|json| serde_json::from_str(&json).ok()) {
                Some(request) => Ok((request, Some(hash))),
                None => Err(Refusal::NotRedirectable("request_uri unknown, used or expired")),
            });
        }
        if client.requires_par() {
            return Ok(Err(Refusal::NotRedirectable("this client must push its requests (PAR)")));
        }
        Ok(params.validate(&client).map(|request| (request, None)))
    }

    /// Keeps a checked request pushed by `client_id` (RFC 9126) and answers
    /// the single-use `request_uri` that names it.
    pub async fn push(&self, client_id: &str, request: &AuthorizationRequest) -> Result<String, OAuthError> {
        let secret = secrets::secret_from(self.random);
        let json = serde_json::to_string(request).map_err(|_| OAuthError::server_error())?;
        let expires_at = self.clock.now() + PUSHED_REQUEST_LIFETIME;
        self.store.push_request(&secrets::hash(&secret), client_id, &json, expires_at).await?;
        Ok(format!("{REQUEST_URI_PREFIX}{secret}"))
    }
}

/// `redirect_uri` with the response parameters appended.
pub fn redirect_with(redirect_uri: &str, params: &[(&str, &str)]) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    for (name, value) in params {
        query.append_pair(name, value);
    }
    let separator = if redirect_uri.contains('?') { '&' } else { '?' };
    format!("{redirect_uri}{separator}{}", query.finish())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::clients::{AuthMethod, ClientProfile};

    fn client() -> Client {
        Client {
            client_id: "app".into(),
            name: "App".into(),
            profile: ClientProfile::Baseline,
            auth_method: AuthMethod::ClientSecretBasic,
            secret_hash: None,
            redirect_uris: vec!["https://app.example/cb".into()],
            scopes: vec!["balance".into(), "transactions".into()],
        }
    }

    fn good() -> AuthorizationParams {
        AuthorizationParams {
            response_type: Some("code".into()),
            client_id: Some("app".into()),
            redirect_uri: Some("https://app.example/cb".into()),
            scope: Some("balance transactions".into()),
            state: Some("xyz".into()),
            code_challenge: Some("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM".into()),
            code_challenge_method: Some("S256".into()),
            request_uri: None,
            dpop_jkt: None,
        }
    }

    #[test]
    fn a_complete_request_passes() {
        let request = good().validate(&client()).unwrap();
        assert_eq!(request.scope, "balance transactions");
    }

    #[test]
    fn redirect_uris_match_exactly_or_are_never_used() {
        for uri in
            ["https://app.example/cb/", "https://app.example/cb?x=1", "https://APP.example/cb", "https://app.example"]
        {
            let params = AuthorizationParams { redirect_uri: Some(uri.into()), ..good() };
            assert!(matches!(params.validate(&client()), Err(Refusal::NotRedirectable(_))), "{uri}");
        }
    }

    #[test]
    fn pkce_must_be_s256() {
        let missing = AuthorizationParams { code_challenge: None, ..good() };
        assert!(matches!(missing.validate(&client()), Err(Refusal::Redirect { error: "invalid_request", .. })));
        let plain = AuthorizationParams { code_challenge_method: Some("plain".into()), ..good() };
        assert!(matches!(plain.validate(&client()), Err(Refusal::Redirect { error: "invalid_request", .. })));
        let absent_method = AuthorizationParams { code_challenge_method: None, ..good() };
        assert!(absent_method.validate(&client()).is_err(), "plain is the default when absent: refused");
    }

    #[test]
    fn other_response_types_and_unknown_scopes_go_back_to_the_app() {
        let token = AuthorizationParams { response_type: Some("token".into()), ..good() };
        assert!(matches!(token.validate(&client()), Err(Refusal::Redirect { error: "unsupported_response_type", .. })));
        let payments = AuthorizationParams { scope: Some("payments".into()), ..good() };
        assert!(matches!(payments.validate(&client()), Err(Refusal::Redirect { error: "invalid_scope", .. })));
    }

    #[test]
    fn response_parameters_are_encoded_and_appended() {
        assert_eq!(
            redirect_with("https://a.example/cb", &[("code", "a b"), ("state", "s&t")]),
            "https://a.example/cb?code=a+b&state=s%26t"
        );
        assert_eq!(redirect_with("https://a.example/cb?x=1", &[("code", "c")]), "https://a.example/cb?x=1&code=c");
    }
}
