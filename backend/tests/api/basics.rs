//! Health, the union's profile, branches, and what every answer carries.

use crate::on_both_databases;
use crate::support::error_of;
use renkei_backend::core::embedded::EmbeddedCore;
use renkei_common::api::{BranchList, UnionProfile};
use renkei_common::catalogue::ErrorId;

on_both_databases! {
    async fn health_reports_the_database(app) {
        let response = app.get("/api/health").await;
        assert_eq!(response.status(), 200);
        let body: serde_json::Value = response.json().await.unwrap();
        assert_eq!(body["database"], "ok");
    }

    async fn the_union_profile_names_the_contact_desk(app) {
        let profile: UnionProfile = app.get("/api/union").await.json().await.unwrap();
        assert_eq!(profile.name, "信用組合愛知商銀");
        assert_eq!(profile.desk.phone, "052-451-3128");
        assert_eq!(profile.desk.hours, "平日 9:00〜17:00");
    }

    async fn branches_come_from_the_core_records_in_order(app) {
        let list: BranchList = app.get("/api/branches").await.json().await.unwrap();
        let codes: Vec<_> = list.branches.iter().map(|b| b.code.as_str()).collect();
        assert_eq!(codes.first(), Some(&"001"));
        assert!(codes.contains(&"011") && codes.contains(&"022"));
        assert!(list.branches.iter().all(|b| !b.name.is_empty() && !b.kana.is_empty()));
    }

    async fn an_unknown_api_path_is_a_catalogue_404(app) {
        let response = app.get("/api/no-such-thing").await;
        assert_eq!(response.status(), 404);
        assert_eq!(error_of(response).await.id, ErrorId::NotFound);
    }

    async fn api_answers_carry_strict_headers(app) {
        let response = app.get("/api/union").await;
        let headers = response.headers();
        assert_eq!(headers["x-content-type-options"], "nosniff");
        assert_eq!(headers["x-frame-options"], "DENY");
        assert_eq!(headers["referrer-policy"], "no-referrer");
        assert_eq!(headers["cache-control"], "no-store");
        assert!(headers["content-security-policy"].to_str().unwrap().contains("frame-ancestors 'none'"));
    }

    async fn spent_records_are_swept_once_they_expire(app) {
        let until = app.clock_now() + time::Duration::minutes(1);
        assert!(app.store.first_use_of_jti("test", "jti-1", until).await.unwrap());
        assert!(!app.store.first_use_of_jti("test", "jti-1", until).await.unwrap(), "a replay");
        app.store.sweep_expired(app.clock_now()).await.unwrap();
        assert!(!app.store.first_use_of_jti("test", "jti-1", until).await.unwrap(), "still guarded before it expires");
        app.store.sweep_expired(until + time::Duration::seconds(1)).await.unwrap();
        assert!(app.store.first_use_of_jti("test", "jti-1", until).await.unwrap(), "gone after it expired");
    }

    async fn seeding_twice_changes_nothing(app) {
        let core = EmbeddedCore::new(app.store.pool().clone());
        let today = renkei_common::calendar::jst(app.clock_now()).date();
        assert!(!core.seed_demo(today).await.unwrap(), "the app seeded at start; a second seed is a no-op");
        let list: BranchList = app.get("/api/branches").await.json().await.unwrap();
        assert_eq!(list.branches.len(), 7);
    }
}
