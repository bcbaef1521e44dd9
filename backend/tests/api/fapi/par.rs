//! Discovery and pushed authorization requests for FAPI clients.

use super::*;
use crate::on_both_databases;

on_both_databases! {
    setup = fapi_app;
    async fn disc_1(app) {
        let doc: Value = app.get("/.well-known/oauth-authorization-server").await.json().await.unwrap();
        assert_eq!(doc["issuer"], issuer(&app));
        assert!(doc["token_endpoint_auth_methods_supported"].as_array().unwrap().contains(&json!("private_key_jwt")));
        assert!(doc["dpop_signing_alg_values_supported"].as_array().unwrap().contains(&json!("ES256")));
        assert!(doc["token_endpoint_auth_signing_alg_values_supported"].as_array().unwrap().contains(&json!("PS256")));
        assert!(doc["require_pushed_authorization_requests"].is_boolean());
    }

    async fn par_req(app) {
        let params: Vec<(&str, &str)> = vec![
            ("response_type", "code"),
            ("client_id", APP),
            ("redirect_uri", REDIRECT),
            ("scope", "balance"),
            ("code_challenge", CHALLENGE),
            ("code_challenge_method", "S256"),
        ];
        let url = renkei_backend::domain::oauth::request::redirect_with(&app.url("/oauth/authorize"), &params);
        let to = location(&another_browser_without_redirects().get(url).send().await.unwrap());
        assert_eq!(to, "/auth/ended?error=invalid_app_request");
    }

    async fn par_resp(app) {
        let (status, body, _) = post_form(&app, "/oauth/par", &par_form(APP, assertion(&app)), None).await;
        assert_eq!(status, 201);
        let expires_in = body["expires_in"].as_i64().unwrap();
        assert!((5..600).contains(&expires_in), "{expires_in}");
        assert!(body["request_uri"].as_str().unwrap().starts_with("urn:ietf:params:oauth:request_uri:"));
    }

    async fn par_nested(app) {
        let mut nested = par_form(APP, assertion(&app));
        nested.push(("request_uri", "urn:ietf:params:oauth:request_uri:x".into()));
        assert_eq!(par_status(&app, nested, None).await, (400, "invalid_request".into()));
    }

    async fn par_verb(app) {
        let put = reqwest::Client::new().put(app.url("/oauth/par")).send().await.unwrap();
        assert_eq!(put.status(), 405);
    }

    async fn par_bound(app) {
        let (_, body, _) = post_form(&app, "/oauth/par", &par_form(APP, assertion(&app)), None).await;
        let cross = renkei_backend::domain::oauth::request::redirect_with(
            &app.url("/oauth/authorize"),
            &[("client_id", OTHER_APP), ("request_uri", body["request_uri"].as_str().unwrap())],
        );
        let to = location(&another_browser_without_redirects().get(cross).send().await.unwrap());
        assert_eq!(to, "/auth/ended?error=invalid_app_request");
    }

    async fn pkce_missing(app) {
        let mut no_pkce = par_form(APP, assertion(&app));
        no_pkce.retain(|(k, _)| !k.starts_with("code_challenge"));
        assert_eq!(par_status(&app, no_pkce, None).await, (400, "invalid_request".into()));
    }

    async fn pkce_plain(app) {
        let mut plain = par_form(APP, assertion(&app));
        plain[6].1 = "plain".into();
        assert_eq!(par_status(&app, plain, None).await, (400, "invalid_request".into()));
    }

    async fn par_no_redir_and_redir_missing_ro(app) {
        let mut no_redirect = par_form(APP, assertion(&app));
        no_redirect.retain(|(k, _)| *k != "redirect_uri");
        assert_eq!(par_status(&app, no_redirect, None).await, (400, "invalid_request".into()));
    }

    async fn par_bad_redir(app) {
        let mut unregistered = par_form(APP, assertion(&app));
        unregistered[2].1 = "https://evil.example/cb".into();
        assert_eq!(par_status(&app, unregistered, None).await, (400, "invalid_request".into()));
    }

    async fn rt_token(app) {
        let mut token = par_form(APP, assertion(&app));
        token[0].1 = "token".into();
        assert_eq!(par_status(&app, token, None).await.0, 400);
    }

    async fn rt_hybrid(app) {
        let mut hybrid = par_form(APP, assertion(&app));
        hybrid[0].1 = "code id_token".into();
        assert_eq!(par_status(&app, hybrid, None).await.0, 400);
    }

    async fn no_state_and_long_state_come_back_exactly(app) {
        let mut without = par_form(APP, assertion(&app));
        without.retain(|(k, _)| *k != "state");
        let back = back_from(&app, without, None).await;
        assert!(query_param(&back, "code").is_some(), "NO-STATE succeeds");
        assert_eq!(query_param(&back, "state"), None, "NO-STATE: no state in the response");
        let long = "s".repeat(2000);
        let mut with_long = par_form(APP, assertion(&app));
        with_long[4].1 = long.clone();
        let back = back_from(&app, with_long, None).await;
        assert_eq!(query_param(&back, "state").as_deref(), Some(long.as_str()), "LONG-STATE: echoed, never truncated");
    }

    async fn state_outside_the_pushed_request_is_not_used(app) {
        let (status, pushed, _) = post_form(&app, "/oauth/par", &par_form(APP, assertion(&app)), None).await;
        assert_eq!(status, 201);
        let request_uri = pushed["request_uri"].as_str().unwrap();
        let authorize = renkei_backend::domain::oauth::request::redirect_with(
            &app.url("/oauth/authorize"),
            &[
                ("client_id", APP),
                ("request_uri", request_uri),
                ("state", "from-the-url"),
                ("redirect_uri", "https://evil.example/cb"),
            ],
        );
        let browser = another_browser_without_redirects();
        assert_eq!(location(&browser.get(authorize).send().await.unwrap()), "/auth/account");
        customer_passes_screens_one_to_five(&app, &browser).await;
        let back = answer_consent(&app, &browser, "allow").await;
        assert!(back.starts_with(REDIRECT), "only the pushed redirect_uri counts: {back}");
        assert_eq!(query_param(&back, "state").as_deref(), Some("fapi-state"), "STATE-DIFF: the pushed state");
    }
}
