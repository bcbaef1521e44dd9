//! PostgreSQL restarting under load, as an instance sees it: every
//! connection dropped at once (`pg_terminate_backend`, what a fast
//! shutdown does to each) and no new one accepted for a second. The
//! shared test server itself stays up, so the rest of the suite runs on.
//!
//! While it lasts, a refusal is the system error and nothing else; nothing
//! is half-written (a refresh rotates both tokens in one transaction, or
//! neither); afterwards the same instance serves again by itself.

use crate::grants::{RIGHTFUL, active, call_as, refresh, tokens_for};
use crate::support::{Db, TestApp};
use renkei_backend::core::AccountId;
use renkei_backend::secrets;
use renkei_backend::web::demo_app::CLIENT_ID;
use serde_json::Value;
use sqlx::Connection;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// `count` links of the demo app on Yamada's account, as the demo data
/// seeds them (linking through ⑥ again would replace the earlier link);
/// their refresh tokens.
async fn seeded_grants(app: &TestApp, count: usize) -> Vec<String> {
    let now = app.clock_now();
    let mut tokens = Vec::new();
    for _ in 0..count {
        let refresh = secrets::random_secret();
        let during = (now, now + time::Duration::days(90));
        let scope = "balance transactions";
        app.store.seed_link(AccountId(1), CLIENT_ID, scope, during, &secrets::hash(&refresh)).await.unwrap();
        tokens.push(refresh);
    }
    tokens
}

/// What one request came back with.
#[derive(Debug)]
struct Answer {
    path: &'static str,
    status: u16,
    body: Value,
}

/// Drops every connection to the app's database and refuses new ones for
/// `outage`, from the server's side.
async fn restart_database(app: &TestApp, outage: Duration) {
    let (server, name) = app.database_url.rsplit_once('/').unwrap();
    let mut admin = sqlx::PgConnection::connect(&format!("{server}/postgres")).await.unwrap();
    sqlx::query(&format!("ALTER DATABASE {name} ALLOW_CONNECTIONS false")).execute(&mut admin).await.unwrap();
    let dropped: Vec<bool> = sqlx::query_scalar(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
    )
    .bind(name)
    .fetch_all(&mut admin)
    .await
    .unwrap();
    assert!(!dropped.is_empty(), "the instance had connections to drop");
    tokio::time::sleep(outage).await;
    sqlx::query(&format!("ALTER DATABASE {name} ALLOW_CONNECTIONS true")).execute(&mut admin).await.unwrap();
}

/// Rotates one grant's refresh token again and again, introspects it and
/// reads the branches, until `stop`. After a refused rotation it rotates no more:
/// whether a commit whose answer was lost happened, it cannot know, and a
/// rotated token used again rightly ends the grant.
async fn rotate(app: Arc<TestApp>, mut refresh_token: String, stop: Arc<AtomicBool>) -> (Vec<Answer>, String) {
    let mut answers = Vec::new();
    let mut rotating = true;
    while !stop.load(Ordering::Relaxed) {
        if rotating {
            let (status, body) = refresh(&app, RIGHTFUL, &refresh_token).await;
            match body["refresh_token"].as_str() {
                Some(rotated) if status == 200 => refresh_token = rotated.to_owned(),
                _ => rotating = false,
            }
            answers.push(Answer { path: "/oauth/token", status, body });
        }
        let (status, body) = call_as(&app, RIGHTFUL, "/oauth/introspect", &[("token", &refresh_token)]).await;
        answers.push(Answer { path: "/oauth/introspect", status, body });
        let response = app.client.get(app.url("/api/branches")).send().await.unwrap();
        let status = response.status().as_u16();
        answers.push(Answer { path: "/api/branches", status, body: response.json().await.unwrap_or_default() });
    }
    (answers, refresh_token)
}

fn is_the_system_error(answer: &Answer) -> bool {
    match answer.path {
        "/oauth/token" | "/oauth/introspect" => answer.status == 500 && answer.body["error"] == "server_error",
        _ => answer.status == 500 && answer.body["error"]["id"] == "system_error",
    }
}

#[tokio::test]
async fn postgres_restarting_under_load_answers_the_system_error_and_the_same_instance_recovers() {
    let app = Arc::new(TestApp::spawn(Db::Postgres).await);
    let grants: Vec<String> = seeded_grants(&app, 4).await;
    let stop = Arc::new(AtomicBool::new(false));
    let workers: Vec<_> =
        grants.into_iter().map(|token| tokio::spawn(rotate(app.clone(), token, stop.clone()))).collect();

    tokio::time::sleep(Duration::from_millis(300)).await;
    restart_database(&app, Duration::from_secs(1)).await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    stop.store(true, Ordering::Relaxed);

    let mut refused = 0;
    for worker in workers {
        let (answers, last_refresh_token) = worker.await.unwrap();
        for answer in &answers {
            if answer.status != 200 {
                assert!(is_the_system_error(answer), "only the system error while the database is away: {answer:?}");
                refused += 1;
            }
        }
        assert_eq!(answers.last().map(|a| a.status), Some(200), "served again before the load ended: {answers:?}");
        // The token it holds is the grant's live one, unless the refused
        // rotation was in fact committed (its answer lost with the
        // connection); either way the grant was rotated wholly or not at all.
        if active(&app, &last_refresh_token).await {
            let (status, body) = refresh(&app, RIGHTFUL, &last_refresh_token).await;
            assert_eq!(status, 200, "{body}");
        }
    }
    assert!(refused > 0, "the restart was felt (otherwise this test tested nothing)");

    // The seed wrote each grant's first refresh token alone; every
    // issuance since wrote an access and a refresh token together. Each
    // grant has exactly one live refresh token.
    let mut db = sqlx::AnyConnection::connect(&app.database_url).await.unwrap();
    let grants: Vec<(i64, i64, i64)> = sqlx::query_as(
        "SELECT SUM(CASE WHEN kind = 'access' THEN 1 ELSE 0 END), SUM(CASE WHEN kind = 'refresh' THEN 1 ELSE 0 END), \
                SUM(CASE WHEN kind = 'refresh' AND revoked_at IS NULL THEN 1 ELSE 0 END) \
         FROM tokens GROUP BY consent_id",
    )
    .fetch_all(&mut db)
    .await
    .unwrap();
    assert_eq!(grants.len(), 4);
    for (access, refresh, live_refresh) in grants {
        assert_eq!((access + 1, live_refresh), (refresh, 1), "no half-written rotation");
    }

    // The same instance, by itself: ready, and a new grant goes through.
    assert_eq!(app.get("/api/health/ready").await.status(), 200);
    let (status, body) = call_as(&app, RIGHTFUL, "/oauth/introspect", &[("token", "unknown")]).await;
    assert_eq!((status, &body["active"]), (200, &Value::Bool(false)));
    assert!(tokens_for(&app).await["access_token"].is_string());
}
