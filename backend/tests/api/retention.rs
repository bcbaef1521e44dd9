//! What is kept and for how long: useless records go at once, the
//! operation log and the outbox after their periods; mail that keeps
//! failing stops.

use crate::oauth::{code_for, exchange_code};
use crate::on_both_databases;
use crate::support::{Db, TestApp};
use renkei_backend::mail::worker::{Round, deliver_due};
use time::Duration;

async fn count(app: &TestApp, table: &str) -> i64 {
    sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}")).fetch_one(app.store.pool()).await.unwrap()
}

async fn sweep(app: &TestApp) {
    let now = app.clock_now();
    app.store.sweep_expired(now).await.unwrap();
    app.store.prune_kept_records(now, app.state.config.retention).await.unwrap();
}

async fn with_failing_mail_server(db: Db) -> TestApp {
    TestApp::spawn_with(db, |config| {
        // Nothing listens on port 1: every delivery fails.
        config.mail.smtp_url = Some("smtp://127.0.0.1:1".into());
        config.mail.max_attempts = 3;
    })
    .await
}

on_both_databases! {
    async fn useless_records_go_at_once_and_kept_ones_after_their_period(app) {
        let (code, verifier) = code_for(&app).await;
        let exchanged = exchange_code(&app, &code, verifier.secret()).await;
        assert_eq!(exchanged.status(), 200);
        assert_eq!(deliver_due(&app.state).await.unwrap(), Round { sent: 1, failed: 0 });
        for (table, at_least) in [("authorization_codes", 1), ("tokens", 2), ("auth_failures", 1), ("flows", 1)] {
            assert!(count(&app, table).await >= at_least, "{table} before");
        }
        let logged = count(&app, "operation_log").await;
        assert!(logged > 0);

        // The link (90 days) and everything it issued have run out.
        app.clock.advance(Duration::days(91));
        sweep(&app).await;
        for table in ["authorization_codes", "tokens", "auth_failures", "flows", "call_attempts", "received_calls"] {
            assert_eq!(count(&app, table).await, 0, "{table} is useless by now");
        }
        assert_eq!(count(&app, "mail_outbox").await, 0, "sent mail is kept 90 days");
        assert_eq!(count(&app, "operation_log").await, logged, "the auditors' record stays");
        assert_eq!(count(&app, "consents").await, 1, "the link's history stays");

        app.clock.advance(Duration::days(1827));
        sweep(&app).await;
        assert_eq!(count(&app, "operation_log").await, 0, "kept five years, then gone");
    }
}

on_both_databases! {
    setup = with_failing_mail_server;

    async fn mail_that_keeps_failing_is_given_up_with_its_reason(app) {
        let (code, _) = code_for(&app).await;
        assert!(!code.is_empty(), "the link does not wait for the mail");
        for pause in [Duration::minutes(2), Duration::minutes(3), Duration::minutes(5)] {
            assert_eq!(deliver_due(&app.state).await.unwrap(), Round { sent: 0, failed: 1 });
            app.clock.advance(pause);
        }
        let mail = &app.store.outbox().await.unwrap()[0];
        assert!(mail.failed && !mail.sent, "given up after the third try");
        assert_eq!(mail.attempts, 3);
        assert!(mail.last_error.as_deref().unwrap_or_default().contains("smtp"), "{:?}", mail.last_error);
        app.clock.advance(Duration::hours(2));
        assert_eq!(deliver_due(&app.state).await.unwrap(), Round::default(), "not tried again");
    }
}
