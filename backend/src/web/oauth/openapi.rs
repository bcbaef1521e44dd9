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

/// A pushed authorization request (RFC 9126 §2.1): the authorization
/// request's members with the client's authentication.
#[derive(ToSchema)]
#[allow(dead_code)] // Documentation: read as `AuthorizationParams` and `ClientAuthParams`.
pub struct PushedRequestForm {
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
    /// `urn:ietf:params:oauth:client-assertion-type:jwt-bearer` for private_key_jwt.
    client_assertion_type: Option<String>,
    client_assertion: Option<String>,
}

/// The authorization request in the browser's URL: a pushed request's
/// `request_uri`, or the members themselves.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // Documentation: read as `AuthorizationParams`.
pub struct AuthorizationQuery {
    client_id: Option<String>,
    /// From PAR: `urn:ietf:params:oauth:request_uri:…`.
    request_uri: Option<String>,
    response_type: Option<String>,
    redirect_uri: Option<String>,
    scope: Option<String>,
    state: Option<String>,
    code_challenge: Option<String>,
    code_challenge_method: Option<String>,
    dpop_jkt: Option<String>,
}
