//! The OAuth 2.0 authorization server's rules, without HTTP: the
//! authorization request and its checks, client authentication
//! (client_secret_basic, private_key_jwt), DPoP proofs (RFC 9449), and
//! token issuance from a code or a refresh token (RFC 9700 throughout).
//! The endpoints that speak HTTP are in `web::oauth`.

pub mod client_auth;
pub mod dpop;
pub mod error;
pub mod jose;
pub mod request;
pub mod tokens;

use crate::clock::Clock;
use crate::core::CoreBanking;
use crate::domain::links::Links;
use crate::random::Random;
use crate::store::Store;
use time::Duration;

/// A code is redeemed within a minute or never.
pub const CODE_LIFETIME: Duration = Duration::seconds(60);
/// A pushed request must be used within this (RFC 9126 suggests < 600 s).
pub const PUSHED_REQUEST_LIFETIME: Duration = Duration::seconds(90);

pub const REQUEST_URI_PREFIX: &str = "urn:ietf:params:oauth:request_uri:";

/// DPoP's server nonces.
#[derive(Clone, Copy)]
pub struct DpopSettings<'a> {
    /// Require a server nonce in every proof (RFC 9449 §8).
    pub require_nonce: bool,
    /// Keys the stateless nonces; shared by every instance. Never logged.
    pub nonce_secret: &'a str,
}

#[derive(Clone, Copy)]
pub struct OAuthSettings<'a> {
    /// Our issuer identifier: the audience of client assertions, `iss` of
    /// every answer.
    pub issuer: &'a str,
    pub access_token_lifetime: Duration,
    pub dpop: DpopSettings<'a>,
}

/// What the authorization server's rules need.
#[derive(Clone, Copy)]
pub struct OAuthServer<'a> {
    pub store: &'a Store,
    /// Whether a link's account is still in use (a moved one ends it).
    pub core: &'a dyn CoreBanking,
    pub clock: &'a dyn Clock,
    pub random: &'a dyn Random,
    pub settings: OAuthSettings<'a>,
}

impl<'a> OAuthServer<'a> {
    pub fn links(&self) -> Links<'a> {
        Links { store: self.store, core: self.core, clock: self.clock }
    }
}
