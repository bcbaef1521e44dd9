//! Busy, switched off, and a failing database: what the customer is told,
//! and that the service recovers by itself.

use crate::on_both_databases;
use crate::support::{Db, TestApp, error_of};
use renkei_common::api::AccountRequest;
use renkei_common::catalogue::ErrorId;
use sqlx::Connection;
use std::time::Duration;

fn happy_account() -> AccountRequest {
    AccountRequest { branch_code: "001".into(), account_type: "ordinary".into(), account_number: "1234567".into() }
}

/// Holds the database's write lock on `flows` until dropped, so requests
/// that write pile up in flight.
async fn hold_flows(app: &TestApp) -> sqlx::AnyConnection {
    sqlx::any::install_default_drivers();
    let mut conn = sqlx::AnyConnection::connect(&app.database_url).await.unwrap();
    let lock = if app.database_url.starts_with("sqlite:") {
        "BEGIN IMMEDIATE"
    } else {
        "BEGIN; LOCK TABLE flows IN EXCLUSIVE MODE"
    };
    sqlx::raw_sql(lock).execute(&mut conn).await.unwrap();
    conn
}

on_both_databases! {
    async fn a_burst_past_the_limit_is_shed_with_busy_and_recovers(app) {
        app.state.in_flight.set_limit(3);
        let mut holder = hold_flows(&app).await;
        let mut burst = tokio::task::JoinSet::new();
        for _ in 0..10 {
            let client = crate::support::another_browser();
            let url = app.url("/api/flow/account");
            burst.spawn(async move { client.post(url).json(&happy_account()).send().await.unwrap() });
        }
        // The shed answers come back at once, while three wait on the lock.
        let mut busy = 0;
        while busy < 7 {
            let response = tokio::time::timeout(Duration::from_secs(4), burst.join_next())
                .await
                .expect("busy answers come at once")
                .unwrap()
                .unwrap();
            assert_eq!(response.status(), 503);
            assert_eq!(response.headers()["retry-after"], "5");
            assert_eq!(error_of(response).await.id, ErrorId::Busy);
            busy += 1;
        }
        sqlx::raw_sql("ROLLBACK").execute(&mut holder).await.unwrap();
        for response in burst.join_all().await {
            assert_eq!(response.status(), 200, "the admitted three complete");
        }
        assert_eq!(app.post_json("/api/flow/account", &happy_account()).await.status(), 200, "recovered");
    }

    async fn the_oauth_endpoints_shed_load_in_oauths_words(app) {
        app.state.in_flight.set_limit(0);
        let token = reqwest::Client::new()
            .post(app.url("/oauth/token"))
            .form(&[("grant_type", "authorization_code"), ("code", "x")])
            .send()
            .await
            .unwrap();
        assert_eq!(token.status(), 503);
        assert_eq!(token.headers()["retry-after"], "5");
        let body: serde_json::Value = token.json().await.unwrap();
        assert_eq!(body["error"], "temporarily_unavailable");
        let browser = crate::oauth::another_browser_without_redirects();
        let authorize = browser.get(app.url("/oauth/authorize?client_id=x")).send().await.unwrap();
        assert_eq!(crate::oauth::location(&authorize), "/auth/ended?error=busy", "a browser gets our page");
        app.state.in_flight.set_limit(64);
        let recovered = reqwest::Client::new().post(app.url("/oauth/token")).form(&[("grant_type", "x")]).send().await.unwrap();
        assert_eq!(recovered.status(), 401, "answered again once load is back (no client authentication)");
    }

    async fn the_bank_api_sheds_load_in_its_own_shape_and_recovers(app) {
        let tokens = crate::bank_api::linked(&app).await;
        let token = crate::bank_api::access(&tokens);
        app.state.in_flight.set_limit(0);
        let shed = reqwest::Client::new()
            .get(app.url("/api/personal/v1/accounts/balances"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(shed.status(), 503);
        assert_eq!(shed.headers()["retry-after"], "5");
        let body: serde_json::Value = shed.json().await.unwrap();
        assert_eq!(body["errorCode"], ErrorId::Busy.entry().reason_code, "{body}");
        app.state.in_flight.set_limit(64);
        let (status, _, _) = crate::bank_api::read(&app, &token, "/api/personal/v1/accounts/balances").await;
        assert_eq!(status, 200, "served again once load is back");
    }

    async fn switched_off_the_flow_answers_service_unavailable(app) {
        app.store.set_flow_enabled(false).await.unwrap();
        let error = error_of(app.post_json("/api/flow/account", &happy_account()).await).await;
        assert_eq!(error.id, ErrorId::ServiceUnavailable);
        assert!(error.shows_contact);
        app.store.set_flow_enabled(true).await.unwrap();
        assert_eq!(app.post_json("/api/flow/account", &happy_account()).await.status(), 200);
    }

    async fn a_failing_database_gives_the_system_error_and_no_detail(app) {
        app.post_json("/api/flow/account", &happy_account()).await;
        app.store.close().await;
        let response = app.post_json("/api/flow/customer", &serde_json::json!({})).await;
        assert_eq!(response.status(), 500);
        let text = response.text().await.unwrap();
        assert!(text.contains("system_error") && text.contains("S03"), "{text}");
        for detail in ["pool", "sqlx", "closed", "database"] {
            assert!(!text.to_lowercase().contains(detail), "{detail} leaked: {text}");
        }
        let health = app.get("/api/health").await;
        assert_eq!(health.status(), 503, "not ready: no traffic to this instance");
    }
}

#[tokio::test]
async fn postgres_stopped_under_a_running_server_gives_system_error_then_recovers() {
    let app = TestApp::spawn(Db::Postgres).await;
    assert_eq!(app.post_json("/api/flow/account", &happy_account()).await.status(), 200);
    // Cut every connection and refuse new ones: the database is gone.
    let admin_url = std::env::var("RENKEI_TEST_POSTGRES_URL").unwrap();
    let name = app.database_url.rsplit('/').next().unwrap().to_owned();
    let mut admin = sqlx::PgConnection::connect(&admin_url).await.unwrap();
    sqlx::query(&format!("ALTER DATABASE {name} ALLOW_CONNECTIONS false")).execute(&mut admin).await.unwrap();
    sqlx::query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1")
        .bind(&name)
        .execute(&mut admin)
        .await
        .unwrap();
    let response = app.post_json("/api/flow/account", &happy_account()).await;
    assert_eq!(error_of(response).await.id, ErrorId::SystemError);
    sqlx::query(&format!("ALTER DATABASE {name} ALLOW_CONNECTIONS true")).execute(&mut admin).await.unwrap();
    assert_eq!(app.post_json("/api/flow/account", &happy_account()).await.status(), 200, "recovered");
}

/// The slowest of `latencies`, but for the slowest hundredth.
fn p99(latencies: &mut [Duration]) -> Duration {
    latencies.sort();
    latencies[(latencies.len() * 99 / 100).min(latencies.len() - 1)]
}

on_both_databases! {
    async fn four_times_capacity_is_shed_fast_and_the_rest_is_served(app) {
        // Capacity: four requests in flight. The database is held, so the
        // admitted ones wait on it; waves of sixteen (four times that)
        // arrive every 50 ms for a second.
        const LIMIT: usize = 4;
        app.state.in_flight.set_limit(LIMIT);
        let mut holder = hold_flows(&app).await;
        let mut requests = tokio::task::JoinSet::new();
        let started = std::time::Instant::now();
        while started.elapsed() < Duration::from_secs(1) {
            for _ in 0..LIMIT * 4 {
                let client = crate::support::another_browser();
                let url = app.url("/api/flow/account");
                requests.spawn(async move {
                    let sent = std::time::Instant::now();
                    let response = client.post(url).json(&happy_account()).send().await.unwrap();
                    (response.status().as_u16(), sent.elapsed())
                });
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        sqlx::raw_sql("ROLLBACK").execute(&mut holder).await.unwrap();
        let answers = requests.join_all().await;
        let mut busy: Vec<Duration> = answers.iter().filter(|(s, _)| *s == 503).map(|(_, t)| *t).collect();
        let mut served: Vec<Duration> = answers.iter().filter(|(s, _)| *s == 200).map(|(_, t)| *t).collect();
        assert_eq!(busy.len() + served.len(), answers.len(), "busy or served, nothing else: {answers:?}");
        assert!(busy.len() >= answers.len() * 3 / 4, "most are shed: {} of {}", busy.len(), answers.len());
        assert!(!served.is_empty(), "the admitted ones are served once the database answers");
        // A shed answer does no work: it does not wait behind the held
        // database. (The benchmark reports the figure at full scale.)
        let busy_p99 = p99(&mut busy);
        assert!(busy_p99 < Duration::from_millis(100), "busy answers come fast: p99 {busy_p99:?}");
        let served_p99 = p99(&mut served);
        assert!(served_p99 < Duration::from_secs(5), "admitted ones are bounded: p99 {served_p99:?}");
        // Within a second of the burst, everything is served again.
        tokio::time::sleep(Duration::from_millis(200)).await;
        for _ in 0..LIMIT {
            assert_eq!(app.post_json("/api/flow/account", &happy_account()).await.status(), 200, "recovered");
        }
    }
}
