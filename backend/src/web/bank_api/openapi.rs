//! The bank API's OpenAPI document, generated from the handlers and types
//! themselves (`utoipa`), so it cannot drift from what the server does.

use super::dto::{AccountsBody, BalancesBody, TransactionsBody};
use super::error::ErrorBody;
use axum::Json;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "renkei-auth bank API",
        description = "The account an app's customer linked through API連携認証: balance and about three months of transactions. Amounts are strings of whole yen; errors are {errorCode, errorMessage}."
    ),
    paths(super::accounts, super::balances, super::transactions),
    components(schemas(AccountsBody, BalancesBody, TransactionsBody, ErrorBody)),
    modifiers(&TokenSchemes)
)]
pub struct BankApiDoc;

/// Bearer for baseline apps, DPoP (RFC 9449) for FAPI 2.0 apps.
struct TokenSchemes;

impl Modify for TokenSchemes {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme("bearer", SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)));
        // OpenAPI has no DPoP scheme of its own: say it in the header's words.
        let dpop = ApiKeyValue::with_description(
            "Authorization",
            "`DPoP <access token>` (RFC 9449), with a `DPoP` header proof by the bound key carrying the token's `ath`",
        );
        components.add_security_scheme("dpop", SecurityScheme::ApiKey(ApiKey::Header(dpop)));
    }
}

/// `GET /api/personal/v1/openapi.json`
pub async fn document() -> Json<utoipa::openapi::OpenApi> {
    Json(BankApiDoc::openapi())
}
