//! The service calendar as the API applies it: the flow's API, and the
//! OAuth entry points (authorization, PAR, token), which close with it
//! while revocation and introspection stay open.

use crate::grants::call_as;
use crate::oauth::{another_browser_without_redirects, code_for, location, redirect_uri};
use crate::on_both_databases;
use crate::support::{TestApp, error_of};
use renkei_backend::domain::oauth::request::redirect_with;
use renkei_backend::web::demo_app::{CLIENT_ID, CLIENT_SECRET};
use renkei_common::api::{AccountRequest, ServiceStatus};
use renkei_common::catalogue::ErrorId;
use time::macros::datetime;

const APP: (&str, &str) = (CLIENT_ID, CLIENT_SECRET);

/// Where a browser sent to the authorization endpoint with a valid request
/// goes.
async fn authorize(app: &TestApp) -> String {
    let params = [
        ("response_type", "code"),
        ("client_id", CLIENT_ID),
        ("redirect_uri", &redirect_uri(app)),
        ("scope", "balance"),
        ("code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"),
        ("code_challenge_method", "S256"),
    ];
    let url = redirect_with(&app.url("/oauth/authorize"), &params);
    location(&another_browser_without_redirects().get(url).send().await.unwrap())
}

/// An app's request to `path`: status, Retry-After and the body's `error`.
async fn app_calls(app: &TestApp, path: &str, form: &[(&str, &str)]) -> (u16, Option<String>, serde_json::Value) {
    let response =
        reqwest::Client::new().post(app.url(path)).basic_auth(APP.0, Some(APP.1)).form(form).send().await.unwrap();
    let retry_after = response.headers().get("retry-after").map(|v| v.to_str().unwrap().to_owned());
    (response.status().as_u16(), retry_after, response.json().await.unwrap_or_default())
}

fn happy_account() -> AccountRequest {
    AccountRequest { branch_code: "001".into(), account_type: "ordinary".into(), account_number: "1234567".into() }
}

on_both_databases! {
    async fn the_midnight_minute_refuses_the_flow_with_out_of_hours(app) {
        app.clock.set(datetime!(2026-11-27 00:00:30 +9));
        let response = app.post_json("/api/flow/account", &happy_account()).await;
        assert_eq!(response.status(), 503);
        let error = error_of(response).await;
        assert_eq!(error.id, ErrorId::OutOfHours);
        assert_eq!(error.message, "ただ今の時間はサービスを行っておりません。ご了承下さい。");

        app.clock.set(datetime!(2026-11-27 00:01:30 +9));
        assert_eq!(app.post_json("/api/flow/account", &happy_account()).await.status(), 200);
    }

    async fn status_reports_closure_and_reopening(app) {
        app.clock.set(datetime!(2026-11-07 23:55:00 +9));
        let status: ServiceStatus = app.get("/api/service-status").await.json().await.unwrap();
        assert!(!status.open);
        assert_eq!(status.reopens_at.as_deref(), Some("7:00"));
    }

    async fn status_warns_fifteen_minutes_ahead(app) {
        app.clock.set(datetime!(2026-11-26 03:50:00 +9));
        let status: ServiceStatus = app.get("/api/service-status").await.json().await.unwrap();
        assert!(status.open);
        assert_eq!(status.closes_soon_at.as_deref(), Some("4:00"));
        app.clock.set(datetime!(2026-11-26 03:44:00 +9));
        let status: ServiceStatus = app.get("/api/service-status").await.json().await.unwrap();
        assert_eq!(status.closes_soon_at, None);
    }

    async fn an_operators_window_in_the_database_closes_the_flow(app) {
        app.store
            .add_maintenance_window(datetime!(2026-11-26 09:30:00 +9), datetime!(2026-11-26 11:00:00 +9), "core upgrade")
            .await
            .unwrap();
        let response = app.post_json("/api/flow/account", &happy_account()).await;
        assert_eq!(error_of(response).await.id, ErrorId::OutOfHours);
        app.clock.set(datetime!(2026-11-26 11:00:00 +9));
        assert_eq!(app.post_json("/api/flow/account", &happy_account()).await.status(), 200);
    }
}

on_both_databases! {
    async fn a_maintenance_window_closes_the_oauth_entry_points_but_not_revocation(app) {
        // Linked half a minute before the daily 4:00–4:05 window.
        app.clock.set(datetime!(2026-11-26 03:59:30 +9));
        let (code, verifier) = code_for(&app).await;
        let redirect = redirect_uri(&app);
        let form = [("grant_type", "authorization_code"), ("code", &code), ("redirect_uri", &redirect), ("code_verifier", verifier.secret())];
        let (status, tokens) = call_as(&app, APP, "/oauth/token", &form).await;
        assert_eq!(status, 200, "{tokens}");
        let refresh = tokens["refresh_token"].as_str().unwrap();
        let access = tokens["access_token"].as_str().unwrap();

        app.clock.set(datetime!(2026-11-26 04:00:10 +9));
        assert_eq!(authorize(&app).await, "/auth/ended?error=out_of_hours", "our page, no flow");
        let refreshing = [("grant_type", "refresh_token"), ("refresh_token", refresh)];
        let (status, retry_after, body) = app_calls(&app, "/oauth/token", &refreshing).await;
        assert_eq!((status, body["error"].as_str()), (503, Some("temporarily_unavailable")), "{body}");
        assert_eq!(retry_after.as_deref(), Some("290"), "until the window ends at 4:05");
        let (status, retry_after, body) = app_calls(&app, "/oauth/par", &[("response_type", "code")]).await;
        assert_eq!((status, body["error"].as_str(), retry_after.as_deref()), (503, Some("temporarily_unavailable"), Some("290")));
        // An app can always learn about and end its link.
        let (status, _, body) = app_calls(&app, "/oauth/introspect", &[("token", access)]).await;
        assert_eq!((status, body["active"].as_bool()), (200, Some(true)));

        app.clock.set(datetime!(2026-11-26 04:05:00 +9));
        let (status, _, body) = app_calls(&app, "/oauth/token", &refreshing).await;
        assert_eq!(status, 200, "the refused refresh spent nothing: {body}");
    }

    async fn switched_off_the_oauth_entry_points_answer_service_unavailable_and_revocation_works(app) {
        let (code, verifier) = code_for(&app).await;
        app.store.set_flow_enabled(false).await.unwrap();
        assert_eq!(authorize(&app).await, "/auth/ended?error=service_unavailable");
        let redirect = redirect_uri(&app);
        let form = [("grant_type", "authorization_code"), ("code", &code), ("redirect_uri", &redirect), ("code_verifier", verifier.secret())];
        let (status, retry_after, body) = app_calls(&app, "/oauth/token", &form).await;
        assert_eq!((status, body["error"].as_str()), (503, Some("temporarily_unavailable")), "{body}");
        assert!(retry_after.is_some_and(|s| s.parse::<u32>().is_ok_and(|s| s > 0)), "a Retry-After in seconds");
        app.store.set_flow_enabled(true).await.unwrap();
        let (status, _, tokens) = app_calls(&app, "/oauth/token", &form).await;
        assert_eq!(status, 200, "the code was not spent: {tokens}");
        let access = tokens["access_token"].as_str().unwrap();
        app.store.set_flow_enabled(false).await.unwrap();
        let (status, _, _) = app_calls(&app, "/oauth/revoke", &[("token", access)]).await;
        assert_eq!(status, 200, "an app can end its link while the service is off");
        let (_, _, body) = app_calls(&app, "/oauth/introspect", &[("token", access)]).await;
        assert_eq!(body["active"], false);
    }
}
