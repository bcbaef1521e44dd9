//! Production hardening: HSTS, the `__Host-` flow cookie, and a panic that
//! fails one request without taking the service down.

use crate::on_both_databases;
use crate::support::{Db, TestApp, error_of};
use async_trait::async_trait;
use renkei_backend::config::Profile;
use renkei_backend::core::{
    AccountId, Balance, CoreAccount, CoreBanking, CoreError, HeldAccount, IdentityMatch, PinCheck, TransactionPage,
    TransactionQuery,
};
use renkei_backend::web::demo_app;
use renkei_common::api::{AccountInput, Branch, FlowProgress};
use renkei_common::catalogue::ErrorId;
use renkei_common::fields::{PhoneLast4, PhoneNumber, Pin};
use renkei_common::steps::Step;
use std::sync::Arc;
use time::Date;

async fn in_production(db: Db) -> TestApp {
    let app = TestApp::spawn_with(db, |config| config.profile = Profile::Production).await;
    // Production registers no demo app; this one stands for a real app.
    app.store.upsert_client(&demo_app::client(&app.state.public_url)).await.unwrap();
    app
}

/// A core whose branch list panics (a bug in an adapter, say).
struct PanickingCore;

#[async_trait]
impl CoreBanking for PanickingCore {
    async fn branches(&self) -> Result<Vec<Branch>, CoreError> {
        panic!("a bug in the core adapter")
    }
    async fn find_account(&self, _: &AccountInput) -> Result<Option<CoreAccount>, CoreError> {
        Err(CoreError::Unavailable("test".into()))
    }
    async fn account_by_id(&self, _: AccountId) -> Result<Option<HeldAccount>, CoreError> {
        Err(CoreError::Unavailable("test".into()))
    }
    async fn check_identity(&self, _: AccountId, _: Date, _: &PhoneLast4) -> Result<IdentityMatch, CoreError> {
        Err(CoreError::Unavailable("test".into()))
    }
    async fn registered_phones(&self, _: AccountId) -> Result<Vec<PhoneNumber>, CoreError> {
        Err(CoreError::Unavailable("test".into()))
    }
    async fn verify_pin(&self, _: AccountId, _: &Pin) -> Result<PinCheck, CoreError> {
        Err(CoreError::Unavailable("test".into()))
    }
    async fn balance(&self, _: AccountId) -> Result<Option<Balance>, CoreError> {
        Err(CoreError::Unavailable("test".into()))
    }
    async fn transactions(&self, _: AccountId, _: &TransactionQuery) -> Result<TransactionPage, CoreError> {
        Err(CoreError::Unavailable("test".into()))
    }
}

async fn on_a_panicking_core(db: Db) -> TestApp {
    TestApp::spawn_with_core(db, Arc::new(PanickingCore)).await
}

on_both_databases! {
    setup = in_production;

    async fn production_answers_with_hsts(app) {
        let response = app.get("/api/health").await;
        assert_eq!(
            response.headers()["strict-transport-security"],
            "max-age=63072000; includeSubDomains"
        );
    }

    async fn production_binds_the_flow_with_a_host_cookie(app) {
        let query = [
            ("response_type", "code"),
            ("client_id", demo_app::CLIENT_ID),
            ("redirect_uri", &format!("{}/demo-app/callback", app.state.public_url)),
            ("scope", "balance"),
            ("state", "xyz"),
            ("code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"),
            ("code_challenge_method", "S256"),
        ];
        let response = app.client.get(app.url("/oauth/authorize")).query(&query).send().await.unwrap();
        assert_eq!(response.status(), 303);
        let cookie = response.headers()["set-cookie"].to_str().unwrap().to_owned();
        assert!(cookie.starts_with("__Host-renkei_flow="), "{cookie}");
        for part in ["Secure", "HttpOnly", "SameSite=Strict", "Path=/"] {
            assert!(cookie.contains(part), "{part} in {cookie}");
        }
        assert!(!cookie.contains("Domain") && !cookie.contains("Path=/api"), "{cookie}");
        let pair = cookie.split(';').next().unwrap().to_owned();
        let with = |cookie: String| {
            reqwest::Client::new().get(app.url("/api/flow")).header("cookie", cookie).send()
        };
        let at: FlowProgress = with(pair.clone()).await.unwrap().json().await.unwrap();
        assert_eq!(at.step, Step::Account, "the browser that holds it is at ①");
        // Without the prefix the browser enforced, the same secret is nobody's.
        let plain = pair.replacen("__Host-", "", 1);
        assert_eq!(error_of(with(plain).await.unwrap()).await.id, ErrorId::FlowExpired);
    }
}

on_both_databases! {
    setup = on_a_panicking_core;

    async fn a_panic_fails_one_request_and_the_service_goes_on(app) {
        let response = app.get("/api/branches").await;
        assert_eq!(response.status(), 500);
        assert_eq!(error_of(response).await.id, ErrorId::SystemError, "the catalogue's words, not a reset connection");
        assert_eq!(app.get("/api/health").await.status(), 200, "the process goes on");
        assert_eq!(app.get("/api/branches").await.status(), 500, "and answers again");
    }
}

on_both_databases! {
    async fn development_sends_no_hsts(app) {
        assert!(app.get("/api/health").await.headers().get("strict-transport-security").is_none());
    }
}

// The headers a security reviewer checks, each asserted: pages framed by
// no one unless configured, API, token and bank API answers never stored.
on_both_databases! {
    async fn pages_are_framed_by_no_one_and_answers_are_never_stored(app) {
        let page = app.get("/auth/account").await;
        let csp = page.headers()["content-security-policy"].to_str().unwrap().to_owned();
        assert!(csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe-inline"), "{csp}");
        assert_eq!(page.headers()["x-frame-options"], "DENY");
        for path in ["/api/flow", "/api/union"] {
            assert_eq!(app.get(path).await.headers()["cache-control"], "no-store", "{path}");
        }
        let token = reqwest::Client::new()
            .post(app.url("/oauth/token"))
            .form(&[("grant_type", "refresh_token"), ("refresh_token", "x")])
            .send()
            .await
            .unwrap();
        assert_eq!(token.headers()["cache-control"], "no-store", "token answers");
        let bank = app.get("/api/personal/v1/accounts/balances").await;
        assert_eq!(bank.status(), 401);
        assert_eq!(bank.headers()["cache-control"], "no-store", "bank API answers");
    }
}

#[tokio::test]
async fn an_app_providers_origin_may_frame_the_pages_when_configured() {
    let app = TestApp::spawn_with(Db::Sqlite, |config| {
        config.frame_ancestors = vec!["https://app.example.jp".into()];
    })
    .await;
    let page = app.get("/auth/account").await;
    let csp = page.headers()["content-security-policy"].to_str().unwrap().to_owned();
    assert!(csp.contains("frame-ancestors https://app.example.jp"), "{csp}");
    assert!(page.headers().get("x-frame-options").is_none(), "DENY would forbid it");
}
