//! The telephony webhook where it is hardest: deliveries racing each
//! other, a call that fits more than one waiting attempt, and a call made
//! while the service is closed.

use crate::oauth::app_starts;
use crate::on_both_databases;
use crate::screen_phone::{YAMADA_MOBILE, at_screen_four, confirm, e164_of, step_after_confirm, twilio_call, yamada};
use crate::support::{Db, TestApp, another_browser, error_of};
use renkei_backend::telephony::twilio::{ACCEPTED, CLOSED, REFUSED};
use renkei_common::api::FlowProgress;
use renkei_common::catalogue::ErrorId;
use renkei_common::steps::Step;
use time::Duration;

on_both_databases! {
    async fn concurrent_calls_from_the_holder_verify_the_attempt_once(app) {
        let browser = another_browser();
        let call = at_screen_four(&app, &browser, &yamada()).await;
        let destination = e164_of(&call.destination);
        // Ten deliveries at once, each its own call (CallSid): on PostgreSQL
        // under READ COMMITTED they run side by side, not one after another.
        let app = std::sync::Arc::new(app);
        let mut calls = tokio::task::JoinSet::new();
        for n in 0..10 {
            let (app, destination) = (app.clone(), destination.clone());
            calls.spawn(async move { twilio_call(&app, &format!("CA1{n:03}"), YAMADA_MOBILE, &destination).await });
        }
        let answers = calls.join_all().await;
        let accepted = answers.iter().filter(|(_, twiml)| twiml.contains(ACCEPTED)).count();
        assert_eq!(accepted, 1, "one call verifies, the other nine are refused");
        let verified = app.store.operations().await.unwrap().iter().filter(|o| o.step == "phone_call" && o.outcome == "ok").count();
        assert_eq!(verified, 1, "one verified call in the log");
        assert_eq!(step_after_confirm(&app, &browser).await, Step::Pin);
    }

    async fn a_call_while_the_service_is_closed_is_told_so_and_verifies_nothing(app) {
        let browser = another_browser();
        let call = at_screen_four(&app, &browser, &yamada()).await;
        let destination = e164_of(&call.destination);
        // The operator closes the service for half a minute while the
        // customer is at ④ (the daily 4:00–4:05 window works the same way).
        let now = app.clock_now();
        app.store.add_maintenance_window(now + Duration::seconds(30), now + Duration::seconds(60), "core restart").await.unwrap();
        app.clock.advance(Duration::seconds(40));
        let (status, twiml) = twilio_call(&app, "CA2001", YAMADA_MOBILE, &destination).await;
        assert_eq!(status, 200);
        assert!(twiml.contains(CLOSED) && twiml.contains("<Hangup/>"), "{twiml}");
        // Open again with the attempt still inside its 120 seconds: that
        // call verified nothing, and delivered again it still does not.
        app.clock.advance(Duration::seconds(30));
        let (_, replay) = twilio_call(&app, "CA2001", YAMADA_MOBILE, &destination).await;
        assert!(replay.contains(CLOSED), "{replay}");
        assert_eq!(step_after_confirm(&app, &browser).await, Step::PhoneCall, "still waiting for a call");
        let log = app.store.operations().await.unwrap();
        assert!(log.iter().any(|o| o.step == "phone_call" && o.outcome == "out_of_hours"), "{log:?}");
        // A call now, in service hours, verifies.
        let (_, twiml) = twilio_call(&app, "CA2002", YAMADA_MOBILE, &destination).await;
        assert!(twiml.contains(ACCEPTED), "{twiml}");
    }

    async fn a_call_during_the_daily_four_oclock_window_is_told_the_service_is_closed(app) {
        app.clock.set(time::macros::datetime!(2026-11-26 03:59:30 +9));
        let browser = another_browser();
        let call = at_screen_four(&app, &browser, &yamada()).await;
        app.clock.advance(Duration::seconds(40));
        let (_, twiml) = twilio_call(&app, "CA2003", YAMADA_MOBILE, &e164_of(&call.destination)).await;
        assert!(twiml.contains(CLOSED), "{twiml}");
    }
}

/// Someone who knows the holder's account, date of birth and phone digits
/// passes ①②, picks the holder's phone on ③ and waits at ④ (on every
/// number of the pool; here the pool has one). The holder's own call to
/// their own screen ④ then fits both attempts: it must verify neither, or
/// it could verify the attacker's flow.
#[tokio::test]
async fn the_holders_call_does_not_verify_an_attempt_someone_else_holds_for_their_phone() {
    for db in [Db::Sqlite, Db::Postgres] {
        let app = TestApp::spawn_with(db, |config| config.auth_numbers.truncate(1)).await;
        let attacker = app_starts(&app).await.browser;
        at_screen_four(&app, &attacker, &yamada()).await;
        app.clock.advance(Duration::seconds(20));
        let holder = another_browser();
        let call = at_screen_four(&app, &holder, &yamada()).await;
        let (_, twiml) = twilio_call(&app, "CA3001", YAMADA_MOBILE, &e164_of(&call.destination)).await;
        assert!(twiml.contains(REFUSED), "{db:?}: {twiml}");
        // Both screens say the call could not be matched and send back to ①.
        let told = error_of(holder.get(app.url("/api/flow/call")).send().await.unwrap()).await;
        assert_eq!(told.id, ErrorId::CallAmbiguous, "{db:?}");
        assert_eq!((told.reason_code.as_str(), told.shows_contact), ("P03", true));
        assert_eq!(error_of(confirm(&app, &attacker).await).await.id, ErrorId::CallAmbiguous, "{db:?}");
        let attackers_flow: FlowProgress =
            attacker.get(app.url("/api/flow")).send().await.unwrap().json().await.unwrap();
        assert_eq!(attackers_flow.step, Step::Account, "{db:?}: an app's flow goes back to ① like after 120 s");
        let log = app.store.operations().await.unwrap();
        let logged = log.iter().find(|o| o.outcome == "call_ambiguous").expect("the call is logged");
        assert!(logged.detail.as_deref().is_some_and(|d| d.contains("ambiguous (flows ")), "{logged:?}");
        // The holder starts again; with no other attempt waiting, their call verifies.
        let holder = another_browser();
        let call = at_screen_four(&app, &holder, &yamada()).await;
        let (_, replay) = twilio_call(&app, "CA3001", YAMADA_MOBILE, &e164_of(&call.destination)).await;
        assert!(replay.contains(REFUSED), "{db:?}: the same call delivered again changes nothing");
        let (_, twiml) = twilio_call(&app, "CA3002", YAMADA_MOBILE, &e164_of(&call.destination)).await;
        assert!(twiml.contains(ACCEPTED), "{db:?}: {twiml}");
        assert_eq!(step_after_confirm(&app, &holder).await, Step::Pin, "{db:?}");
    }
}

/// The holder's attempt is verified but 「確定する」 not yet pressed when
/// someone else starts waiting for the holder's phone; a second call from
/// the holder must not verify that attempt.
#[tokio::test]
async fn a_second_call_while_the_holders_attempt_is_verified_verifies_no_other() {
    for db in [Db::Sqlite, Db::Postgres] {
        let app = TestApp::spawn_with(db, |config| config.auth_numbers.truncate(1)).await;
        let holder = another_browser();
        let call = at_screen_four(&app, &holder, &yamada()).await;
        let destination = e164_of(&call.destination);
        let (_, first) = twilio_call(&app, "CA4001", YAMADA_MOBILE, &destination).await;
        assert!(first.contains(ACCEPTED), "{db:?}");
        app.clock.advance(Duration::seconds(10));
        let attacker = another_browser();
        at_screen_four(&app, &attacker, &yamada()).await;
        app.clock.advance(Duration::seconds(10));
        let (_, second) = twilio_call(&app, "CA4002", YAMADA_MOBILE, &destination).await;
        assert!(second.contains(REFUSED), "{db:?}: {second}");
        assert_eq!(error_of(confirm(&app, &attacker).await).await.id, ErrorId::CallAmbiguous, "{db:?}");
        assert_eq!(step_after_confirm(&app, &holder).await, Step::Pin, "{db:?}: the holder's own call stands");
    }
}
