//! Screen ⑤: the cash-card PIN against the core's argon2id hash, its
//! failure count and the lock (API authentication only).

use crate::on_both_databases;
use crate::screen_phone::{YAMADA_MOBILE, at_screen_four, e164_of, step_after_confirm, twilio_call, yamada};
use crate::support::{TestApp, another_browser, error_of};
use renkei_backend::core::AccountId;
use renkei_backend::domain::lockout::FailureKind;
use renkei_common::api::{FlowProgress, PinRequest};
use renkei_common::catalogue::ErrorId;
use renkei_common::steps::Step;

const YAMADA_ACCOUNT_ID: AccountId = AccountId(1);

/// Screens ①–④ passed in a fresh browser.
pub(crate) async fn at_screen_five(app: &TestApp, call_sid: &str) -> reqwest::Client {
    let browser = another_browser();
    let call = at_screen_four(app, &browser, &yamada()).await;
    twilio_call(app, call_sid, YAMADA_MOBILE, &e164_of(&call.destination)).await;
    assert_eq!(step_after_confirm(app, &browser).await, Step::Pin);
    browser
}

/// `attempts` wrong PINs at once from `browser`, the n-th to `urls[n %
/// urls.len()]` (one instance or several); what each was answered.
pub(crate) async fn race_wrong_pins(browser: &reqwest::Client, urls: &[String], attempts: usize) -> Vec<ErrorId> {
    let mut racing = tokio::task::JoinSet::new();
    for n in 0..attempts {
        let browser = browser.clone();
        let url = urls[n % urls.len()].clone();
        racing.spawn(async move {
            let pin = format!("{:04}", 5000 + n);
            error_of(browser.post(url).json(&PinRequest { pin }).send().await.unwrap()).await.id
        });
    }
    racing.join_all().await
}

async fn send_pin(app: &TestApp, browser: &reqwest::Client, pin: &str) -> reqwest::Response {
    browser.post(app.url("/api/flow/pin")).json(&PinRequest { pin: pin.into() }).send().await.unwrap()
}

on_both_databases! {
    async fn the_right_pin_moves_on_to_consent(app) {
        let browser = at_screen_five(&app, "CA1001").await;
        let response = send_pin(&app, &browser, "１２３４").await;
        assert_eq!(response.status(), 200);
        assert_eq!(response.json::<FlowProgress>().await.unwrap().step, Step::Consent);
    }

    async fn wrong_pins_say_how_many_tries_are_left_then_lock(app) {
        let browser = at_screen_five(&app, "CA1002").await;
        let first = error_of(send_pin(&app, &browser, "0000").await).await;
        assert_eq!(first.id, ErrorId::PinMismatch);
        assert_eq!(first.attempts_left, Some(2));
        assert_eq!(error_of(send_pin(&app, &browser, "1111").await).await.attempts_left, Some(1));
        let third = error_of(send_pin(&app, &browser, "2222").await).await;
        assert_eq!(third.id, ErrorId::LockedNow);
        let locked = error_of(send_pin(&app, &browser, "1234").await).await;
        assert_eq!(locked.id, ErrorId::Locked, "even the right PIN while locked");
        assert_eq!(locked.reason_code, "B84");
    }

    async fn twenty_concurrent_wrong_pins_count_exactly_the_limit(app) {
        let browser = at_screen_five(&app, "CA1003").await;
        let outcomes = race_wrong_pins(&browser, &[app.url("/api/flow/pin")], 20).await;
        let count = |id| outcomes.iter().filter(|o| **o == id).count();
        assert_eq!(count(ErrorId::PinMismatch), 2, "{outcomes:?}");
        assert_eq!(count(ErrorId::LockedNow), 1, "{outcomes:?}");
        assert_eq!(count(ErrorId::Locked), 17, "{outcomes:?}");
        assert_eq!(app.store.failures_on(YAMADA_ACCOUNT_ID, FailureKind::Pin, "2026-11-26").await.unwrap(), 3);
        assert!(app.store.lock_of(YAMADA_ACCOUNT_ID, app.clock_now()).await.unwrap().is_some());
    }

    async fn a_pin_that_is_not_four_digits_is_invalid_input(app) {
        let browser = at_screen_five(&app, "CA1004").await;
        let error = error_of(send_pin(&app, &browser, "123").await).await;
        assert_eq!(error.id, ErrorId::InvalidInput);
        assert_eq!(error.fields[0].message, "暗証番号は4桁の数字で入力して下さい。");
        assert_eq!(app.store.failures_on(YAMADA_ACCOUNT_ID, FailureKind::Pin, "2026-11-26").await.unwrap(), 0, "not counted");
    }

    async fn the_pin_is_not_a_skippable_step(app) {
        let browser = another_browser();
        at_screen_four(&app, &browser, &yamada()).await;
        assert_eq!(error_of(send_pin(&app, &browser, "1234").await).await.id, ErrorId::StepOutOfOrder);
    }
}

on_both_databases! {
    async fn parallel_guesses_cannot_outrun_the_counter(app) {
        let browser = at_screen_five(&app, "CA1005").await;
        let mut attempts = tokio::task::JoinSet::new();
        for n in 0..20 {
            let browser = browser.clone();
            let url = app.url("/api/flow/pin");
            // The right PIN is among them, last: it must not get a 20th try.
            let pin = if n == 19 { "1234".to_owned() } else { format!("{:04}", 6000 + n) };
            attempts.spawn(async move {
                let response = browser.post(url).json(&PinRequest { pin }).send().await.unwrap();
                if response.status() == 200 { None } else { Some(error_of(response).await.id) }
            });
        }
        let outcomes = attempts.join_all().await;
        let checked = outcomes.iter().filter(|o| !matches!(o, Some(ErrorId::Locked))).count();
        assert!(checked <= 3, "at most the limit of PINs were ever checked: {outcomes:?}");
        assert!(app.store.failures_on(YAMADA_ACCOUNT_ID, FailureKind::Pin, "2026-11-26").await.unwrap() <= 3);
    }

    async fn a_right_pin_is_not_counted_as_a_failure(app) {
        let browser = at_screen_five(&app, "CA1006").await;
        send_pin(&app, &browser, "0000").await;
        assert_eq!(send_pin(&app, &browser, "1234").await.status(), 200);
        assert_eq!(app.store.failures_on(YAMADA_ACCOUNT_ID, FailureKind::Pin, "2026-11-26").await.unwrap(), 1);
    }
}
