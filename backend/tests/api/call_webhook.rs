//! The telephony webhook where it is hardest: deliveries racing each
//! other, a call that fits more than one waiting attempt, and a call made
//! while the service is closed.

use crate::on_both_databases;
use crate::screen_phone::{YAMADA_MOBILE, at_screen_four, e164_of, step_after_confirm, twilio_call, yamada};
use crate::support::another_browser;
use renkei_backend::telephony::twilio::{ACCEPTED, CLOSED};
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
