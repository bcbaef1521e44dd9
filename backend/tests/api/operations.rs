//! What a bank's operations team plugs in: Prometheus metrics on a
//! listener of their own, and liveness apart from readiness.

use crate::on_both_databases;
use crate::screen_pin::at_screen_five;
use crate::support::{Db, TestApp, error_of};
use renkei_common::api::PinRequest;
use renkei_common::catalogue::ErrorId;

async fn with_metrics(db: Db) -> TestApp {
    TestApp::spawn_with(db, |config| config.metrics_bind = Some("127.0.0.1:0".parse().unwrap())).await
}

/// The sample of `series` (name and labels as rendered), if scraped.
fn sample(text: &str, series: &str) -> Option<f64> {
    text.lines().find_map(|line| line.strip_prefix(series)?.strip_prefix(' ')?.trim().parse().ok())
}

on_both_databases! {
    setup = with_metrics;
    async fn metrics_count_requests_by_route_locks_and_the_pool_on_their_own_listener(app) {
        let metrics = app.metrics_address.clone().expect("a metrics listener");
        for _ in 0..3 {
            assert_eq!(app.client.get(app.url("/api/union")).send().await.unwrap().status(), 200);
        }
        // Three wrong PINs lock API authentication: a lock set.
        let browser = at_screen_five(&app, "CA-metrics").await;
        for _ in 0..3 {
            browser.post(app.url("/api/flow/pin")).json(&PinRequest { pin: "9999".into() }).send().await.unwrap();
        }

        let scraped = reqwest::get(format!("{metrics}/metrics")).await.unwrap();
        assert_eq!(scraped.status(), 200);
        assert!(scraped.headers()["content-type"].to_str().unwrap().starts_with("text/plain"));
        let text = scraped.text().await.unwrap();
        // One process, many test apps: at least what this test did.
        let union = sample(&text, r#"renkei_http_requests_total{method="GET",route="/api/union",status="200"}"#);
        assert!(union.is_some_and(|n| n >= 3.0), "requests by route:\n{text}");
        assert!(text.contains(r#"renkei_http_request_duration_seconds_bucket{method="GET",route="/api/union",le="#));
        assert!(sample(&text, r#"renkei_locks_set_total{kind="pin"}"#).is_some_and(|n| n >= 1.0), "{text}");
        assert!(sample(&text, r#"renkei_calls_total{outcome="verified"}"#).is_some_and(|n| n >= 1.0), "{text}");
        assert!(sample(&text, r#"renkei_db_pool_connections{state="idle"}"#).is_some(), "{text}");
        assert!(sample(&text, "renkei_mail_queue_depth").is_some(), "{text}");
        assert!(!text.contains("CA-metrics") && !text.contains("1234567"), "no value of a request is a label");

        // Not on the customers' port.
        let public = app.client.get(app.url("/metrics")).send().await.unwrap();
        assert!(!public.text().await.unwrap().contains("renkei_http_requests_total"));
    }
}

on_both_databases! {
    async fn liveness_stays_while_readiness_follows_the_database(app) {
        let live = app.client.get(app.url("/api/health/live")).send().await.unwrap();
        assert_eq!(live.status(), 200);
        assert_eq!(app.client.get(app.url("/api/health/ready")).send().await.unwrap().status(), 200);

        app.store.close().await;
        let ready = app.client.get(app.url("/api/health/ready")).send().await.unwrap();
        assert_eq!(ready.status(), 503, "no traffic to this instance");
        assert_eq!(error_of(ready).await.id, ErrorId::SystemError, "the system error's words, no detail");
        let live = app.client.get(app.url("/api/health/live")).send().await.unwrap();
        assert_eq!(live.status(), 200, "the process itself is fine: no restart");
    }
}
