//! Several backend instances on one PostgreSQL, as behind a load
//! balancer's round-robin: a flow goes on from any instance (no state in
//! process memory), and the counters, codes and mail that must happen
//! once happen once, whichever instances race for them.

use crate::bank_api::{access, read};
use crate::oauth::{answer_consent, app_starts, code_for, exchange_code, query_param};
use crate::screen_phone::{YAMADA_MOBILE, e164_of, twilio_call, yamada};
use crate::support::{Db, TestApp};
use renkei_backend::core::AccountId;
use renkei_backend::domain::lockout::FailureKind;
use renkei_backend::mail::worker::deliver_due;
use renkei_common::api::{CallInstructions, FlowProgress, PhoneChoice, PinRequest};
use renkei_common::catalogue::ErrorId;
use renkei_common::steps::Step;
use serde::Serialize;

/// Three instances on one fresh PostgreSQL database.
async fn three_instances() -> [TestApp; 3] {
    let first = TestApp::spawn(Db::Postgres).await;
    let second = first.sibling().await;
    let third = first.sibling().await;
    [first, second, third]
}

async fn step(app: &TestApp, browser: &reqwest::Client, path: &str, body: &impl Serialize) -> Step {
    let response = browser.post(app.url(path)).json(body).send().await.unwrap();
    assert_eq!(response.status(), 200, "{path} on {}", app.address);
    response.json::<FlowProgress>().await.unwrap().step
}

#[tokio::test]
async fn a_flow_begun_on_one_instance_goes_on_from_each_of_the_others_to_the_bank_api() {
    let [a, b, c] = three_instances().await;
    let started = app_starts(&a).await;
    let browser = &started.browser;
    let who = yamada();
    assert_eq!(step(&b, browser, "/api/flow/account", &who.account).await, Step::Customer);
    assert_eq!(step(&c, browser, "/api/flow/customer", &who.details).await, Step::PhoneConfirm);
    assert_eq!(step(&a, browser, "/api/flow/phones", &PhoneChoice { index: 0 }).await, Step::PhoneCall);
    let call: CallInstructions = browser.get(b.url("/api/flow/call")).send().await.unwrap().json().await.unwrap();
    assert_eq!(twilio_call(&c, "CA-instances", YAMADA_MOBILE, &e164_of(&call.destination)).await.0, 200);
    assert_eq!(step(&a, browser, "/api/flow/call/confirm", &()).await, Step::Pin);
    assert_eq!(step(&b, browser, "/api/flow/pin", &PinRequest { pin: "1234".into() }).await, Step::Consent);
    let back = answer_consent(&c, browser, "allow").await;
    let code = query_param(&back, "code").expect("a code");

    let tokens = exchange_code(&a, &code, started.verifier.secret()).await;
    assert_eq!(tokens.status(), 200);
    let tokens: serde_json::Value = tokens.json().await.unwrap();
    let (status, balance, _) = read(&b, &access(&tokens), "/api/personal/v1/accounts/balances").await;
    assert_eq!(status, 200, "{balance}");
}

#[tokio::test]
async fn wrong_pins_spread_over_the_instances_count_exactly_the_limit() {
    let apps = three_instances().await;
    let browser = crate::screen_pin::at_screen_five(&apps[0], "CA-instances-pin").await;
    let urls: Vec<String> = apps.iter().map(|app| app.url("/api/flow/pin")).collect();
    let outcomes = crate::screen_pin::race_wrong_pins(&browser, &urls, 21).await;
    let count = |id| outcomes.iter().filter(|o| **o == id).count();
    assert_eq!(count(ErrorId::PinMismatch), 2, "{outcomes:?}");
    assert_eq!(count(ErrorId::LockedNow), 1, "{outcomes:?}");
    assert_eq!(count(ErrorId::Locked), 18, "{outcomes:?}");
    assert_eq!(apps[1].store.failures_on(AccountId(1), FailureKind::Pin, "2026-11-26").await.unwrap(), 3);
}

#[tokio::test]
async fn a_code_raced_to_every_instance_is_exchanged_once() {
    let apps = three_instances().await;
    let (code, verifier) = code_for(&apps[0]).await;
    let (x, y, z) = tokio::join!(
        exchange_code(&apps[0], &code, verifier.secret()),
        exchange_code(&apps[1], &code, verifier.secret()),
        exchange_code(&apps[2], &code, verifier.secret()),
    );
    let statuses = [x.status().as_u16(), y.status().as_u16(), z.status().as_u16()];
    assert_eq!(statuses.iter().filter(|s| **s == 200).count(), 1, "{statuses:?}");
    assert_eq!(statuses.iter().filter(|s| **s == 400).count(), 2, "{statuses:?}");
}

#[tokio::test]
async fn each_completion_notice_is_sent_once_by_whichever_instance_claims_it() {
    let apps = three_instances().await;
    for _ in 0..3 {
        code_for(&apps[0]).await;
    }
    // Every instance's worker runs a round at the same moment.
    let (x, y, z) = tokio::join!(deliver_due(&apps[0].state), deliver_due(&apps[1].state), deliver_due(&apps[2].state));
    let sent = [x, y, z].into_iter().map(|round| round.unwrap().sent).sum::<usize>();
    assert_eq!(sent, 3, "three notices, each sent by one instance");
    let outbox = apps[2].store.outbox().await.unwrap();
    assert!(outbox.iter().all(|mail| mail.sent && mail.attempts == 1), "each tried once: {outbox:?}");
}
