//! Discovery (RFC 8414): exactly what this server supports, nothing more.
//! Every endpoint that takes `private_key_jwt` lists its signing
//! algorithms (REQUIRED by §2): the same JWT checks serve them all.

use crate::domain::oauth::jose;
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use renkei_common::scopes::Scope;
use serde_json::{Value, json};

#[utoipa::path(get, path = "/.well-known/oauth-authorization-server", tag = "oauth",
    responses((status = 200, description = "What this server supports (RFC 8414)", body = Object)),
    summary = "Authorization server metadata")]
pub async fn document(State(state): State<AppState>) -> Json<Value> {
    let issuer = state.public_url.to_string();
    let algs = jose::ALLOWED_NAMES;
    Json(json!({
        "issuer": issuer,
        "authorization_endpoint": format!("{issuer}/oauth/authorize"),
        "token_endpoint": format!("{issuer}/oauth/token"),
        "revocation_endpoint": format!("{issuer}/oauth/revoke"),
        "introspection_endpoint": format!("{issuer}/oauth/introspect"),
        "revocation_endpoint_auth_methods_supported": ["private_key_jwt", "client_secret_basic"],
        "revocation_endpoint_auth_signing_alg_values_supported": algs,
        "introspection_endpoint_auth_methods_supported": ["private_key_jwt", "client_secret_basic"],
        "introspection_endpoint_auth_signing_alg_values_supported": algs,
        "pushed_authorization_request_endpoint": format!("{issuer}/oauth/par"),
        "require_pushed_authorization_requests": false,
        "response_types_supported": ["code"],
        "response_modes_supported": ["query"],
        "grant_types_supported": ["authorization_code", "refresh_token"],
        "code_challenge_methods_supported": ["S256"],
        "token_endpoint_auth_methods_supported": ["private_key_jwt", "client_secret_basic"],
        "token_endpoint_auth_signing_alg_values_supported": algs,
        "dpop_signing_alg_values_supported": algs,
        "scopes_supported": Scope::ALL.iter().map(|s| s.name()).collect::<Vec<_>>(),
        "authorization_response_iss_parameter_supported": true,
    }))
}
