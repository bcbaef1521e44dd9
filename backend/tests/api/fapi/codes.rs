//! The lines the baseline tests prove for a plain client, proven again for
//! a FAPI-profile client (private_key_jwt, DPoP): codes used twice or late,
//! pushed requests reused or expired, the customer's refusal, and DPoP at
//! the token endpoint (jti replay, server nonces).

use super::*;
use crate::keys::DPOP_KEY_A;
use crate::on_both_databases;
use time::Duration;

/// The code exchanged with a proof of key A; the token response.
async fn exchange(app: &TestApp, code: &str) -> (u16, Value) {
    let (status, body, _) =
        post_form(app, "/oauth/token", &token_form(app, code), Some(proof(app, DPOP_KEY_A, "/oauth/token"))).await;
    (status, body)
}

fn authorize_url(app: &TestApp, request_uri: &str) -> String {
    renkei_backend::domain::oauth::request::redirect_with(
        &app.url("/oauth/authorize"),
        &[("client_id", APP), ("request_uri", request_uri)],
    )
}

async fn push(app: &TestApp) -> String {
    let (status, pushed, _) = post_form(app, "/oauth/par", &par_form(APP, assertion(app)), None).await;
    assert_eq!(status, 201, "{pushed}");
    pushed["request_uri"].as_str().unwrap().to_owned()
}

async fn nonce_app(db: Db) -> TestApp {
    fapi_app_from(TestApp::spawn_with(db, |config| config.dpop.require_nonce = true).await).await
}

on_both_databases! {
    setup = fapi_app;

    async fn code_reuse_a_second_exchange_fails_and_revokes_the_first_tokens(app) {
        let code = code_via_par(&app, Some(proof(&app, DPOP_KEY_A, "/oauth/par")), &[]).await;
        let (status, first) = exchange(&app, &code).await;
        assert_eq!(status, 200, "{first}");
        app.clock.advance(Duration::seconds(1));
        let (status, replay) = exchange(&app, &code).await;
        assert_eq!((status, error_of(&replay)), (400, "invalid_grant"), "CODE-REUSE");
        let access = secrets::hash(first["access_token"].as_str().unwrap());
        assert!(!app.store.access_token_live(&access, app.clock_now()).await.unwrap(), "the first tokens are revoked");
    }

    async fn code_expired_first_use_after_sixty_one_seconds_fails(app) {
        let code = code_via_par(&app, Some(proof(&app, DPOP_KEY_A, "/oauth/par")), &[]).await;
        app.clock.advance(Duration::seconds(61));
        let (status, body) = exchange(&app, &code).await;
        assert_eq!((status, error_of(&body)), (400, "invalid_grant"), "CODE-EXPIRED");
    }

    async fn par_reuse_early_works_then_par_reuse_and_par_expired_fail(app) {
        let request_uri = push(&app).await;
        let (first, second) = (another_browser_without_redirects(), another_browser_without_redirects());
        let visit = |browser: &reqwest::Client, url: String| {
            let browser = browser.clone();
            async move { location(&browser.get(url).send().await.unwrap()) }
        };
        assert_eq!(visit(&first, authorize_url(&app, &request_uri)).await, "/auth/account");
        assert_eq!(visit(&second, authorize_url(&app, &request_uri)).await, "/auth/account", "PAR-REUSE-EARLY");
        customer_passes_screens_one_to_five(&app, &first).await;
        assert!(answer_consent(&app, &first, "allow").await.starts_with(REDIRECT));
        let reused = visit(&another_browser_without_redirects(), authorize_url(&app, &request_uri)).await;
        assert_eq!(reused, "/auth/ended?error=invalid_app_request", "PAR-REUSE");
        let late = push(&app).await;
        app.clock.advance(Duration::seconds(91));
        let expired = visit(&another_browser_without_redirects(), authorize_url(&app, &late)).await;
        assert_eq!(expired, "/auth/ended?error=invalid_app_request", "PAR-EXPIRED");
    }

    async fn user_reject_sends_access_denied_with_state_and_iss(app) {
        let browser = another_browser_without_redirects();
        let request_uri = push(&app).await;
        assert_eq!(location(&browser.get(authorize_url(&app, &request_uri)).send().await.unwrap()), "/auth/account");
        customer_passes_screens_one_to_five(&app, &browser).await;
        let back = answer_consent(&app, &browser, "deny").await;
        assert!(back.starts_with(REDIRECT), "{back}");
        assert_eq!(query_param(&back, "error").as_deref(), Some("access_denied"), "USER-REJECT");
        assert_eq!(query_param(&back, "state").as_deref(), Some("fapi-state"));
        assert_eq!(query_param(&back, "iss").as_deref(), Some(issuer(&app).as_str()));
        assert!(query_param(&back, "code").is_none());
    }

    async fn dpop_jti_replay_at_the_token_endpoint_fails(app) {
        let code = code_via_par(&app, Some(proof(&app, DPOP_KEY_A, "/oauth/par")), &[]).await;
        let replayed = proof(&app, DPOP_KEY_A, "/oauth/token");
        let (status, body, _) = post_form(&app, "/oauth/token", &token_form(&app, &code), Some(replayed.clone())).await;
        assert_eq!(status, 200, "{body}");
        let refresh_token = body["refresh_token"].as_str().unwrap().to_owned();
        // Each request signs a fresh client assertion (its jti is single use too).
        let refresh = |app: &TestApp| {
            vec![
                ("grant_type", "refresh_token".to_owned()),
                ("refresh_token", refresh_token.clone()),
                ("client_assertion_type", JWT_BEARER.to_owned()),
                ("client_assertion", assertion(app)),
            ]
        };
        let (status, body, _) = post_form(&app, "/oauth/token", &refresh(&app), Some(replayed)).await;
        assert_eq!((status, error_of(&body)), (400, "invalid_dpop_proof"), "DPoP jti replay");
        let (status, body, _) =
            post_form(&app, "/oauth/token", &refresh(&app), Some(proof(&app, DPOP_KEY_A, "/oauth/token"))).await;
        assert_eq!(status, 200, "a fresh proof refreshes (RT-NOAUTH's normal case): {body}");
    }
}

on_both_databases! {
    setup = nonce_app;

    async fn dpop_nonce_at_the_token_endpoint_is_asked_for_then_accepted(app) {
        let (_, _, headers) = post_form(&app, "/oauth/par", &par_form(APP, assertion(&app)), Some(proof(&app, DPOP_KEY_A, "/oauth/par"))).await;
        let nonce = headers["dpop-nonce"].to_str().unwrap().to_owned();
        let with_nonce = |path: &'static str| {
            let nonce = nonce.clone();
            proof_with(&app, DPOP_KEY_A, "POST", path, move |_, c| c["nonce"] = json!(nonce))
        };
        let code = code_via_par(&app, Some(with_nonce("/oauth/par")), &[]).await;
        let (status, body, headers) =
            post_form(&app, "/oauth/token", &token_form(&app, &code), Some(proof(&app, DPOP_KEY_A, "/oauth/token"))).await;
        assert_eq!((status, error_of(&body)), (400, "use_dpop_nonce"), "DPOP-NONCE at the token endpoint");
        assert_eq!(headers.get_all("dpop-nonce").iter().count(), 1);
        let (status, body, _) = post_form(&app, "/oauth/token", &token_form(&app, &code), Some(with_nonce("/oauth/token"))).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["token_type"], "DPoP");
    }
}
