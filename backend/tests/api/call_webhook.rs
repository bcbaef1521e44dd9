//! The telephony webhook where it is hardest: deliveries racing each
//! other, a call that fits more than one waiting attempt, and a call made
//! while the service is closed.

use crate::on_both_databases;
use crate::screen_phone::{YAMADA_MOBILE, at_screen_four, e164_of, step_after_confirm, twilio_call, yamada};
use crate::support::another_browser;
use renkei_backend::telephony::twilio::ACCEPTED;
use renkei_common::steps::Step;

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
}
