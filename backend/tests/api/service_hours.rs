//! The service calendar as the API applies it.

use crate::on_both_databases;
use crate::support::error_of;
use renkei_common::api::{AccountRequest, ServiceStatus};
use renkei_common::catalogue::ErrorId;
use time::macros::datetime;

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
