//! The completion notice: queued with the consent, delivered by the worker,
//! retried on failure without touching the consent or the redirect.

use crate::oauth::{app_starts, code_for, customer_passes_screens_one_to_five};
use crate::on_both_databases;
use crate::smtp_sink::SmtpSink;
use crate::support::{Db, TestApp};
use renkei_backend::mail::worker::{Round, deliver_due};
use renkei_common::api::{ConsentView, UnionProfile};
use time::Duration;

on_both_databases! {
    async fn allowing_a_link_queues_the_completion_notice(app) {
        let (code, _) = code_for(&app).await;
        assert!(!code.is_empty());
        let outbox = app.store.outbox().await.unwrap();
        assert_eq!(outbox.len(), 1);
        let mail = &outbox[0];
        assert_eq!(mail.to_address, "taro@example.jp");
        assert_eq!(mail.subject, "【信用組合愛知商銀】API連携認証完了のお知らせ");
        for expected in ["しんくみ家計簿（デモアプリ）", "本店営業部 普通 ****567", "残高照会", "052-451-3128"] {
            assert!(mail.body.contains(expected), "{expected} missing from\n{}", mail.body);
        }
        assert!(!mail.body.contains("1234567"), "never the full account number");
        let links_page = format!("{}/links\n", app.state.public_url);
        assert!(mail.body.contains(&links_page), "連携管理 is one tap away: {links_page} missing from\n{}", mail.body);
        assert!(!mail.sent);
        assert_eq!(deliver_due(&app.state).await.unwrap(), Round { sent: 1, failed: 0 }, "development keeps it in the outbox");
        assert!(app.store.outbox().await.unwrap()[0].sent);
        assert_eq!(deliver_due(&app.state).await.unwrap(), Round::default(), "sent once");
    }
}

on_both_databases! {
    async fn the_sending_domain_is_named_where_the_address_is_given_and_before_consent(app) {
        let union: UnionProfile = app.get("/api/union").await.json().await.unwrap();
        assert_eq!(union.mail_domain, "webcenter.example.jp", "from RENKEI_MAIL_FROM's default");
        let started = app_starts(&app).await;
        customer_passes_screens_one_to_five(&app, &started.browser).await;
        let asked: ConsentView =
            started.browser.get(app.url("/api/flow/consent")).send().await.unwrap().json().await.unwrap();
        assert_eq!(asked.mail_domain.as_deref(), Some("webcenter.example.jp"));
    }
}

#[tokio::test]
async fn a_failing_mail_server_never_loses_the_consent_and_is_retried() {
    for db in [Db::Sqlite, Db::Postgres] {
        // Nothing listens on port 1: every delivery fails.
        let app = TestApp::spawn_with(db, |config| config.mail.smtp_url = Some("smtp://127.0.0.1:1".into())).await;
        let (code, _) = code_for(&app).await;
        assert!(!code.is_empty(), "the customer went back to the app with a code");
        assert_eq!(deliver_due(&app.state).await.unwrap(), Round { sent: 0, failed: 1 });
        let mail = &app.store.outbox().await.unwrap()[0];
        assert_eq!((mail.sent, mail.attempts), (false, 1));
        assert!(mail.last_error.as_deref().unwrap_or_default().contains("smtp"), "{:?}", mail.last_error);
        assert_eq!(deliver_due(&app.state).await.unwrap(), Round::default(), "not before its retry time");
        app.clock.advance(Duration::minutes(2));
        assert_eq!(deliver_due(&app.state).await.unwrap(), Round { sent: 0, failed: 1 }, "{db:?}: retried");
        assert_eq!(app.store.outbox().await.unwrap()[0].attempts, 2);
    }
}

/// The mail server is down while the customer links, and comes back: the
/// link was never held up, and the notice reaches the server once.
#[tokio::test]
async fn a_notice_queued_while_the_mail_server_is_down_is_sent_once_when_it_is_back() {
    for db in [Db::Sqlite, Db::Postgres] {
        // A free port, with nothing listening on it yet.
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let url = format!("smtp://127.0.0.1:{port}");
        let app = TestApp::spawn_with(db, |config| config.mail.smtp_url = Some(url)).await;
        let (code, _) = code_for(&app).await;
        assert!(!code.is_empty(), "the customer went back to the app with a code");
        assert_eq!(deliver_due(&app.state).await.unwrap(), Round { sent: 0, failed: 1 }, "{db:?}: the server is down");

        let sink = SmtpSink::serve(tokio::net::TcpListener::bind(("127.0.0.1", port)).await.unwrap());
        app.clock.advance(Duration::minutes(2));
        assert_eq!(deliver_due(&app.state).await.unwrap(), Round { sent: 1, failed: 0 }, "{db:?}: retried");
        app.clock.advance(Duration::minutes(10));
        assert_eq!(deliver_due(&app.state).await.unwrap(), Round::default(), "{db:?}: sent once");
        let received = sink.received();
        assert_eq!(received.len(), 1, "{db:?}: {received:?}");
        assert_eq!(received[0].to, "taro@example.jp");
        assert!(received[0].data.contains("Subject: "), "a whole message: {}", received[0].data);
        let mail = &app.store.outbox().await.unwrap()[0];
        assert_eq!((mail.sent, mail.attempts), (true, 2));
    }
}
