//! A flow an app started, where it meets the rules of the other steps: the
//! 120 seconds running out sends it back to ① with the app's request; a
//! lock set meanwhile stops it at ⑥; ⑥'s native form post is always
//! answered with a page; 「アプリに戻る」 leads back to the app from anywhere.

use crate::oauth::{
    another_browser_without_redirects, answer_consent, app_starts, customer_passes_screens_one_to_five, location,
    query_param, redirect_uri,
};
use crate::on_both_databases;
use crate::screen_phone::yamada;
use crate::support::error_of;
use renkei_backend::core::AccountId;
use renkei_backend::domain::lockout::FailureKind;
use renkei_backend::web::demo_app::CLIENT_ID;
use renkei_common::api::{CallInstructions, PhoneChoice};
use renkei_common::calendar::next_jst_midnight;
use renkei_common::catalogue::ErrorId;
use sqlx::Connection;
use time::Duration;

const YAMADA_ACCOUNT_ID: AccountId = AccountId(1);

on_both_databases! {
    async fn after_the_call_window_the_apps_request_starts_again_at_screen_one(app) {
        let started = app_starts(&app).await;
        let who = yamada();
        let post = |path: &str| started.browser.post(app.url(path));
        assert_eq!(post("/api/flow/account").json(&who.account).send().await.unwrap().status(), 200);
        assert_eq!(post("/api/flow/customer").json(&who.details).send().await.unwrap().status(), 200);
        post("/api/flow/phones").json(&PhoneChoice { index: 0 }).send().await.unwrap();
        let _: CallInstructions = started.browser.get(app.url("/api/flow/call")).send().await.unwrap().json().await.unwrap();
        app.clock.advance(Duration::seconds(121));
        let expired = error_of(post("/api/flow/call/confirm").send().await.unwrap()).await;
        assert_eq!(expired.id, ErrorId::PhoneExpired);
        // 「API連携認証の最初に戻る」: ① again, in the same browser, for the same app.
        customer_passes_screens_one_to_five(&app, &started.browser).await;
        let back = answer_consent(&app, &started.browser, "allow").await;
        assert!(back.starts_with(&redirect_uri(&app)), "{back}");
        assert!(query_param(&back, "code").is_some());
        assert_eq!(query_param(&back, "state").as_deref(), Some(started.state.secret().as_str()));
        // Every step of an app's flow is logged with the app's client id.
        let log = app.store.operations().await.unwrap();
        assert!(log.iter().any(|o| o.outcome == "phone_expired"), "{log:?}");
        for row in log.iter().filter(|o| o.flow_ref.is_some()) {
            assert_eq!(row.client_id.as_deref(), Some(CLIENT_ID), "{row:?}");
        }
    }

    async fn a_lock_set_after_the_pin_stops_the_link_at_screen_six(app) {
        let started = app_starts(&app).await;
        customer_passes_screens_one_to_five(&app, &started.browser).await;
        // Another flow of the same account used up today's PINs meanwhile.
        let now = app.clock_now();
        app.store.lock_account(YAMADA_ACCOUNT_ID, FailureKind::Pin, now, next_jst_midnight(now)).await.unwrap();
        let view = error_of(started.browser.get(app.url("/api/flow/consent")).send().await.unwrap()).await;
        assert_eq!((view.id, view.reason_code.as_str()), (ErrorId::Locked, "B84"));
        let back = answer_consent(&app, &started.browser, "allow").await;
        assert_eq!(back, "/auth/ended?error=locked", "no code for a locked account");
    }

    async fn refusals_of_the_consent_form_are_pages_not_json(app) {
        let started = app_starts(&app).await;
        customer_passes_screens_one_to_five(&app, &started.browser).await;
        let foreign = started
            .browser
            .post(app.url("/api/flow/consent"))
            .header("Sec-Fetch-Site", "cross-site")
            .form(&[("decision", "allow")])
            .send()
            .await
            .unwrap();
        assert_eq!(foreign.status(), 303);
        assert_eq!(foreign.headers()["location"], "/auth/ended?error=forbidden_origin");
        let now = app.clock_now();
        app.store.add_maintenance_window(now, now + Duration::minutes(5), "test").await.unwrap();
        assert_eq!(answer_consent(&app, &started.browser, "allow").await, "/auth/ended?error=out_of_hours");
        // The refusals changed nothing: after the window the customer answers.
        app.clock.advance(Duration::minutes(6));
        let back = answer_consent(&app, &started.browser, "allow").await;
        assert!(back.starts_with(&redirect_uri(&app)), "{back}");
    }

    async fn leaving_from_any_screen_returns_to_the_app_with_access_denied(app) {
        let started = app_starts(&app).await;
        let who = yamada();
        let post = |path: &str| started.browser.post(app.url(path));
        assert_eq!(post("/api/flow/account").json(&who.account).send().await.unwrap().status(), 200);
        // 「アプリに戻る」 on ②.
        let leave = |browser: &reqwest::Client| {
            let browser = browser.clone();
            let url = app.url("/api/flow/leave");
            async move { location(&browser.get(url).header("Accept", "text/html").send().await.unwrap()) }
        };
        let back = leave(&started.browser).await;
        assert!(back.starts_with(&redirect_uri(&app)), "{back}");
        assert_eq!(query_param(&back, "error").as_deref(), Some("access_denied"));
        assert_eq!(query_param(&back, "state").as_deref(), Some(started.state.secret().as_str()));
        assert_eq!(query_param(&back, "iss").as_deref(), Some(&*app.state.public_url));
        // The flow is over; leaving again (the flow long expired) still finds the app.
        let refused = error_of(post("/api/flow/customer").json(&who.details).send().await.unwrap()).await;
        assert_eq!(refused.id, ErrorId::FlowExpired);
        app.clock.advance(Duration::minutes(20));
        assert!(leave(&started.browser).await.starts_with(&redirect_uri(&app)));
        // A browser without a flow has no app to go back to.
        assert_eq!(leave(&another_browser_without_redirects()).await, "/auth/ended?error=flow_expired");
        // Out of hours the way back is still a page, never JSON.
        let now = app.clock_now();
        app.store.add_maintenance_window(now, now + Duration::minutes(5), "test").await.unwrap();
        assert_eq!(leave(&started.browser).await, "/auth/ended?error=out_of_hours");
    }

    async fn a_failure_while_recording_the_consent_writes_nothing_and_the_customer_can_answer_again(app) {
        let started = app_starts(&app).await;
        customer_passes_screens_one_to_five(&app, &started.browser).await;
        // The codes table goes away under the running server…
        let mut db = sqlx::AnyConnection::connect(&app.database_url).await.unwrap();
        sqlx::query("ALTER TABLE authorization_codes RENAME TO authorization_codes_away").execute(&mut db).await.unwrap();
        let failed = answer_consent(&app, &started.browser, "allow").await;
        assert_eq!(failed, "/auth/ended?error=system_error");
        // …and comes back: nothing of the failed answer was kept (no consent
        // without its code, no notice, the flow not ended).
        sqlx::query("ALTER TABLE authorization_codes_away RENAME TO authorization_codes").execute(&mut db).await.unwrap();
        let consents: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM consents").fetch_one(&mut db).await.unwrap();
        let mails: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM mail_outbox").fetch_one(&mut db).await.unwrap();
        assert_eq!((consents, mails), (0, 0));
        let back = answer_consent(&app, &started.browser, "allow").await;
        assert!(query_param(&back, "code").is_some(), "{back}");
        let consents: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM consents").fetch_one(&mut db).await.unwrap();
        let mails: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM mail_outbox").fetch_one(&mut db).await.unwrap();
        assert_eq!((consents, mails), (1, 1), "the consent and its notice, once");
    }
}
