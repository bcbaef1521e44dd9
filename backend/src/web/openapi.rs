//! The whole service's OpenAPI document, `GET /api/openapi.json`: the
//! screens' API, the OAuth endpoints and the bank API, generated from the
//! handlers and the types they exchange (`utoipa`), so it cannot drift
//! from what the server answers. (Apps also have the bank API's own,
//! `/api/personal/v1/openapi.json`.)
//!
//! The refusals are added here rather than on each handler: any of the
//! screens' calls can meet any catalogue entry on its way in (maintenance,
//! busy, another site's request), so each lists them all, by status, with
//! their reason codes.

use super::{bank_api, flow, health, oauth, service_hours, union};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::IntoResponse;
use renkei_common::catalogue::{ApiError, ErrorBody, ErrorId, FieldProblem};
use std::collections::BTreeMap;
use std::sync::LazyLock;
use utoipa::OpenApi;
use utoipa::openapi::path::Operation;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, Http, HttpAuthScheme, SecurityRequirement, SecurityScheme};
use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "renkei-auth",
        description = "API連携認証 of a credit union: the screens' API (①–⑥ and 連携管理, called by our own SPA with the flow cookie), the OAuth 2.0 / FAPI 2.0 endpoints, and the bank API the tokens open. Every answer is `no-store`."
    ),
    paths(union::profile, union::branches, service_hours::status, health::live, health::check),
    components(schemas(ErrorBody, ApiError, ErrorId, FieldProblem)),
    tags(
        (name = "service", description = "The union's profile, branches, service hours and health"),
        (name = "flow", description = "Screens ①–⑥ and 連携管理: the flow cookie and a same-origin request"),
        (name = "oauth", description = "OAuth 2.0 with PAR, PKCE S256, private_key_jwt and DPoP (FAPI 2.0)"),
        (name = "accounts", description = "The bank API: the linked account's balance and transactions")
    )
)]
struct ServiceDoc;

/// Built once: the document never changes while the server runs.
static DOCUMENT: LazyLock<Vec<u8>> = LazyLock::new(|| {
    let document = service_document();
    serde_json::to_vec(&document).unwrap_or_default()
});

/// `GET /api/openapi.json`
pub async fn document() -> impl IntoResponse {
    ([(CONTENT_TYPE, "application/json"), (CACHE_CONTROL, "no-store")], DOCUMENT.as_slice())
}

pub fn service_document() -> utoipa::openapi::OpenApi {
    let mut document = ServiceDoc::openapi();
    document.merge(flow::FlowDoc::openapi());
    document.merge(oauth::openapi::OAuthDoc::openapi());
    document.merge(bank_api::openapi::BankApiDoc::openapi());
    let components = document.components.get_or_insert_with(Default::default);
    let cookie = ApiKeyValue::with_description(
        flow::cookie::NAME,
        "The flow's secret, set by the authorization endpoint or screen ① (`__Host-renkei_flow` in production)",
    );
    components.add_security_scheme("flow_cookie", SecurityScheme::ApiKey(ApiKey::Cookie(cookie)));
    // The baseline apps' client_secret_basic; FAPI 2.0 apps authenticate
    // in the body instead (private_key_jwt), the empty requirement.
    components.add_security_scheme("client_basic", SecurityScheme::Http(Http::new(HttpAuthScheme::Basic)));
    // Built once each; every operation takes its own kind.
    let (catalogue, oauth, door, none) = (catalogue_refusals(), oauth_refusals(), at_the_door(), Refusals::new());
    for (path, item) in document.paths.paths.iter_mut() {
        for (method, operation) in operations(item) {
            let own = match refusals_of(method, path) {
                Refusing::Nothing => &none,
                Refusing::OAuth => &oauth,
                Refusing::Catalogue => &catalogue,
            };
            for (status, response) in own.iter().chain(door.iter()) {
                operation.responses.responses.entry(status.clone()).or_insert_with(|| response.clone().into());
            }
            if path.starts_with("/api/flow") {
                operation.security = flow_cookie_needed(method, path);
            } else if matches!(path.as_str(), "/oauth/par" | "/oauth/token" | "/oauth/revoke" | "/oauth/introspect") {
                let basic = SecurityRequirement::new("client_basic", Vec::<String>::new());
                operation.security = Some(vec![basic, SecurityRequirement::default()]);
            }
        }
    }
    document
}

type Refusals = BTreeMap<String, utoipa::openapi::Response>;

fn operations(item: &mut utoipa::openapi::PathItem) -> impl Iterator<Item = (&'static str, &mut Operation)> {
    let methods =
        [("get", &mut item.get), ("post", &mut item.post), ("put", &mut item.put), ("delete", &mut item.delete)];
    methods.into_iter().filter_map(|(method, operation)| Some((method, operation.as_mut()?)))
}

/// Navigations and native form posts: the browser shows what comes back,
/// so every refusal is a 303 to our page (`web::flow::refusals_as_pages`).
fn is_page(method: &str, path: &str) -> bool {
    matches!((method, path), ("get", "/oauth/authorize" | "/api/flow/leave") | ("post", "/api/flow/consent"))
}

/// The screens' calls need the flow's cookie, but for those that begin a
/// flow (screen ① may, in development) and the pages, which answer
/// without one by showing that the flow has ended.
fn flow_cookie_needed(method: &str, path: &str) -> Option<Vec<SecurityRequirement>> {
    let cookie = || SecurityRequirement::new("flow_cookie", Vec::<String>::new());
    match path {
        "/api/flow/links/start" => None,
        _ if is_page(method, path) => None,
        "/api/flow/account" => Some(vec![cookie(), SecurityRequirement::default()]),
        _ => Some(vec![cookie()]),
    }
}

/// Which refusals an operation answers with besides its own success.
enum Refusing {
    /// Pages, the discovery document, and the bank API (whose own
    /// document says its refusals).
    Nothing,
    OAuth,
    Catalogue,
}

fn refusals_of(method: &str, path: &str) -> Refusing {
    match path {
        _ if is_page(method, path) => Refusing::Nothing,
        "/.well-known/oauth-authorization-server" => Refusing::Nothing,
        _ if path.starts_with("/api/personal") => Refusing::Nothing,
        _ if path.starts_with("/oauth/") => Refusing::OAuth,
        _ => Refusing::Catalogue,
    }
}

/// Every catalogue entry, grouped by its status, in the shared JSON body.
fn catalogue_refusals() -> Refusals {
    let mut by_status: BTreeMap<u16, Vec<String>> = BTreeMap::new();
    for id in ErrorId::ALL {
        let entry = id.entry();
        by_status.entry(entry.status).or_default().push(format!("{} ({})", id.as_str(), entry.reason_code));
    }
    by_status
        .into_iter()
        .map(|(status, ids)| (status.to_string(), json_response(&ids.join(", "), "ServiceError")))
        .collect()
}

fn oauth_refusals() -> Refusals {
    [
        ("400", "The request (RFC 6749 §5.2)"),
        ("401", "The client's authentication, or a DPoP nonce to use (`use_dpop_nonce`, with `DPoP-Nonce`)"),
        ("500", "server_error"),
        ("503", "temporarily_unavailable: closed or busy, with Retry-After"),
    ]
    .into_iter()
    .map(|(status, about)| (status.to_owned(), json_response(about, "OAuthErrorBody")))
    .collect()
}

/// What `web::limits` refuses before any handler runs.
fn at_the_door() -> Refusals {
    let mut refusals: Refusals = [("413", "The body is over 64 KiB"), ("431", "The headers are over 16 KiB")]
        .into_iter()
        .map(|(status, about)| (status.to_owned(), json_response(about, "ServiceError")))
        .collect();
    refusals.insert("408".into(), ResponseBuilder::new().description("Not answered within 30 seconds").build());
    refusals
}

fn json_response(description: &str, schema: &str) -> utoipa::openapi::Response {
    let content = ContentBuilder::new().schema(Some(Ref::from_schema_name(schema))).build();
    ResponseBuilder::new().description(description).content("application/json", content).build()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_route_of_the_api_is_in_the_document() {
        let document = service_document();
        for path in [
            "/api/flow/account",
            "/api/flow/pin",
            "/oauth/token",
            "/oauth/introspect",
            "/api/personal/v1/accounts/balances",
        ] {
            assert!(document.paths.paths.contains_key(path), "{path} missing");
        }
        let pin = document.paths.paths["/api/flow/pin"].post.as_ref().unwrap();
        assert!(pin.responses.responses.contains_key("423"), "the lock is documented");
        assert!(pin.responses.responses.contains_key("429"), "the throttle is documented");
    }
}
