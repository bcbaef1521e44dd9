//! The service's whole OpenAPI document (`/api/openapi.json`: the screens,
//! OAuth and the bank API) says what the server answers, successes and
//! refusals alike; what schemathesis found (`cargo xtask fuzz-api`) stays
//! fixed: a query or form the server cannot read is refused in the
//! endpoint's own words, never axum's plain text.

use crate::bank_api::{ACCOUNT, access, conforms, linked, read};
use crate::on_both_databases;
use renkei_common::api::AccountRequest;
use serde_json::Value;

fn response_schema<'a>(document: &'a Value, method: &str, path: &str, status: &str) -> &'a Value {
    let schema = &document["paths"][path][method]["responses"][status]["content"]["application/json"]["schema"];
    assert!(schema.is_object(), "{method} {path} documents {status}");
    schema
}

on_both_databases! {
    async fn the_service_document_describes_the_screens_oauth_and_the_bank_api(app) {
        let document: Value = app.get("/api/openapi.json").await.json().await.unwrap();
        assert!(document["openapi"].as_str().unwrap().starts_with("3."));
        for path in ["/api/flow/account", "/api/flow/pin", "/api/flow/consent", "/oauth/par", "/oauth/token",
                     "/oauth/introspect", "/api/personal/v1/accounts/transactions", "/api/union"] {
            assert!(document["paths"][path].is_object(), "{path} is documented");
        }
        let account = AccountRequest {
            branch_code: "001".into(),
            account_type: "ordinary".into(),
            account_number: "1234567".into(),
        };
        let answer = app.post_json("/api/flow/account", &account).await;
        assert_eq!(answer.status(), 200);
        let body: Value = answer.json().await.unwrap();
        conforms(&document, response_schema(&document, "post", "/api/flow/account", "200"), &body, "①");

        // Without the flow's cookie: 401, in the documented error body.
        let refused = reqwest::Client::new().get(app.url("/api/flow")).send().await.unwrap();
        assert_eq!(refused.status(), 401);
        let body: Value = refused.json().await.unwrap();
        assert_eq!(body["error"]["id"], "flow_expired");
        conforms(&document, response_schema(&document, "get", "/api/flow", "401"), &body, "401");
    }

    async fn what_the_server_cannot_read_is_refused_in_the_endpoints_own_words(app) {
        let token = access(&linked(&app).await);
        // A member twice: the bank API's error body, not plain text.
        let twice = format!("/api/personal/v1/accounts/transactions?accountId={ACCOUNT}&accountId={ACCOUNT}");
        let (status, body, headers) = read(&app, &token, &twice).await;
        assert_eq!(status, 400);
        assert!(headers["content-type"].to_str().unwrap().starts_with("application/json"));
        assert!(body["errorCode"].is_string(), "{body}");

        // The authorization endpoint and ⑥'s form are pages: our page says why.
        let no_redirects = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
        let authorize = no_redirects.get(app.url("/oauth/authorize?client_id=a&client_id=b")).send().await.unwrap();
        assert_eq!(authorize.status(), 303);
        assert!(authorize.headers()["location"].to_str().unwrap().starts_with("/auth/ended?error="));
        let consent = no_redirects.post(app.url("/api/flow/consent")).json(&"allow").send().await.unwrap();
        assert_eq!(consent.status(), 303, "not axum's 415");
    }
}
