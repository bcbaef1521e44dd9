//! The OAuth endpoints' part of the service's OpenAPI document. The
//! handlers describe themselves; this adds what they read through
//! `domain::oauth` (the authorization request's members) and the error
//! body every OAuth endpoint answers with (RFC 6749 §5.2).

use super::{authorize, metadata, par, revocation, token};
use utoipa::{IntoParams, OpenApi, ToSchema};

#[derive(OpenApi)]
#[openapi(
    paths(
        authorize::start,
        par::push,
        token::exchange,
        revocation::revoke,
        revocation::introspect,
        metadata::document
    ),
    components(schemas(OAuthErrorBody))
)]
pub struct OAuthDoc;

/// `{"error", "error_description"}` (RFC 6749 §5.2), for every refusal of
/// the PAR, token, revocation and introspection endpoints: 400 for the
/// request, 401 for the client's authentication (or `use_dpop_nonce`),
/// 503 `temporarily_unavailable` when closed or busy (with Retry-After).
#[derive(ToSchema)]
#[allow(dead_code)] // Documentation: the body is `domain::oauth::error::OAuthError`.
pub struct OAuthErrorBody {
    /// e.g. `invalid_request`, `invalid_client`, `invalid_grant`.
    error: String,
    error_description: String,
}

/// The authorization request's members (RFC 6749 §4.1.1 with PKCE and
/// RFC 9449 §10): in the browser's URL at the authorization endpoint
/// (else a pushed request's `request_uri`), or as a pushed request's form
/// body (RFC 9126 §2.1), where a FAPI 2.0 client adds its
/// `client_assertion_type` and `client_assertion` (private_key_jwt).
#[derive(ToSchema, IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // Documentation: read as `AuthorizationParams`.
pub struct AuthorizationMembers {
    /// `code`, the only response type.
    response_type: Option<String>,
    client_id: Option<String>,
    /// Exactly one of the client's registered redirect URIs.
    redirect_uri: Option<String>,
    /// Space-separated, e.g. `balance transactions`.
    scope: Option<String>,
    state: Option<String>,
    /// PKCE (RFC 7636), S256 only.
    code_challenge: Option<String>,
    code_challenge_method: Option<String>,
    /// RFC 9449 §10: the key the code will be bound to.
    dpop_jkt: Option<String>,
    /// At the authorization endpoint only: from PAR, `urn:ietf:params:oauth:request_uri:…`.
    request_uri: Option<String>,
}
