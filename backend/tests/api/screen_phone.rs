//! Screens ③④: the registered phones, the authentication number, and the
//! Twilio webhook that proves the call came from the customer's phone.

use crate::on_both_databases;
use crate::support::{Db, TestApp, another_browser, error_of};
use renkei_backend::core::AccountId;
use renkei_backend::domain::lockout::FailureKind;
use renkei_backend::telephony::twilio::{self, ACCEPTED, REFUSED, SIGNATURE_HEADER};
use renkei_common::api::{
    AccountRequest, CallInstructions, CustomerRequest, FlowProgress, PhoneChoice, PhoneChoices, SimulatedCall,
    SimulatedCallResult, SimulatedCaller,
};
use renkei_common::catalogue::ErrorId;
use renkei_common::fields::PhoneNumber;
use renkei_common::steps::Step;
use time::Duration;

pub(crate) const YAMADA_MOBILE: &str = "+819012345678";
const SUZUKI_MOBILE: &str = "+819023456789";

pub(crate) struct Customer {
    pub(crate) account: AccountRequest,
    pub(crate) details: CustomerRequest,
}

pub(crate) fn yamada() -> Customer {
    Customer {
        account: AccountRequest {
            branch_code: "001".into(),
            account_type: "ordinary".into(),
            account_number: "1234567".into(),
        },
        details: CustomerRequest {
            birth_date: "1985-04-01".into(),
            phone_last4: "5678".into(),
            kana_name: "ヤマダ タロウ".into(),
            email: "taro@example.jp".into(),
            email_confirmation: "taro@example.jp".into(),
        },
    }
}

pub(crate) fn suzuki() -> Customer {
    Customer {
        account: AccountRequest {
            branch_code: "002".into(),
            account_type: "ordinary".into(),
            account_number: "2345678".into(),
        },
        details: CustomerRequest { birth_date: "1990-12-24".into(), phone_last4: "6789".into(), ..yamada().details },
    }
}

/// Screens ①② passed in `client`'s browser.
pub(crate) async fn at_screen_three(app: &TestApp, client: &reqwest::Client, who: &Customer) {
    let account = client.post(app.url("/api/flow/account")).json(&who.account).send().await.unwrap();
    assert_eq!(account.status(), 200);
    let customer = client.post(app.url("/api/flow/customer")).json(&who.details).send().await.unwrap();
    assert_eq!(customer.status(), 200, "screen ② accepted");
}

/// Screen ③ answered with the first phone; returns screen ④'s instructions.
pub(crate) async fn at_screen_four(app: &TestApp, client: &reqwest::Client, who: &Customer) -> CallInstructions {
    at_screen_three(app, client, who).await;
    let chosen = client.post(app.url("/api/flow/phones")).json(&PhoneChoice { index: 0 }).send().await.unwrap();
    let progress: FlowProgress = chosen.json().await.unwrap();
    assert_eq!(progress.step, Step::PhoneCall);
    client.get(app.url("/api/flow/call")).send().await.unwrap().json().await.unwrap()
}

pub(crate) fn e164_of(display: &str) -> String {
    PhoneNumber::parse(display).unwrap().e164().to_owned()
}

/// Sends the webhook Twilio sends for a call, signed with the app's token.
pub(crate) async fn twilio_call(app: &TestApp, call_sid: &str, from: &str, to: &str) -> (u16, String) {
    let params = twilio_params(app, call_sid, from, to);
    let url = format!("{}/telephony/twilio/voice", app.state.public_url);
    let signature = twilio::sign(&app.state.config.twilio.auth_token, &url, &params);
    send_webhook(app, &params, Some(&signature)).await
}

pub(crate) fn twilio_params(app: &TestApp, call_sid: &str, from: &str, to: &str) -> Vec<(String, String)> {
    [
        ("CallSid", call_sid),
        ("AccountSid", app.state.config.twilio.account_sid.as_str()),
        ("From", from),
        ("To", to),
        ("CallStatus", "ringing"),
        ("Direction", "inbound"),
    ]
    .into_iter()
    .map(|(n, v)| (n.to_owned(), v.to_owned()))
    .collect()
}

pub(crate) async fn send_webhook(app: &TestApp, params: &[(String, String)], signature: Option<&str>) -> (u16, String) {
    let mut request = reqwest::Client::new().post(app.url("/telephony/twilio/voice")).form(params);
    if let Some(signature) = signature {
        request = request.header(SIGNATURE_HEADER, signature);
    }
    let response = request.send().await.unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

pub(crate) async fn confirm(app: &TestApp, client: &reqwest::Client) -> reqwest::Response {
    client.post(app.url("/api/flow/call/confirm")).send().await.unwrap()
}

pub(crate) async fn step_after_confirm(app: &TestApp, client: &reqwest::Client) -> Step {
    confirm(app, client).await.json::<FlowProgress>().await.unwrap().step
}

on_both_databases! {
    async fn screen_three_lists_the_registered_phones_masked(app) {
        let one = another_browser();
        at_screen_three(&app, &one, &yamada()).await;
        let choices: PhoneChoices = one.get(app.url("/api/flow/phones")).send().await.unwrap().json().await.unwrap();
        let masked: Vec<_> = choices.phones.iter().map(|p| p.masked.as_str()).collect();
        assert_eq!(masked, ["090-****-5678"]);
        let two = another_browser();
        at_screen_three(&app, &two, &suzuki()).await;
        let choices: PhoneChoices = two.get(app.url("/api/flow/phones")).send().await.unwrap().json().await.unwrap();
        let masked: Vec<_> = choices.phones.iter().map(|p| p.masked.as_str()).collect();
        assert_eq!(masked, ["090-****-6789", "052-***-0000"]);
    }

    async fn a_customer_without_a_registered_phone_is_sent_to_the_branch(app) {
        let kobayashi = Customer {
            account: AccountRequest { branch_code: "041".into(), account_type: "ordinary".into(), account_number: "5678901".into() },
            details: CustomerRequest { birth_date: "2000-01-15".into(), phone_last4: "0000".into(), ..yamada().details },
        };
        app.post_json("/api/flow/account", &kobayashi.account).await;
        let error = error_of(app.post_json("/api/flow/customer", &kobayashi.details).await).await;
        assert_eq!(error.id, ErrorId::NoRegisteredPhone);
        assert!(error.message.contains("お取引店舗"));
        assert_eq!(app.store.failures_on(AccountId(7), FailureKind::Identity, "2026-11-26").await.unwrap(), 0, "not counted");
    }

    async fn only_the_holder_learns_that_no_phone_is_registered(app) {
        let stranger = Customer {
            account: AccountRequest { branch_code: "041".into(), account_type: "ordinary".into(), account_number: "5678901".into() },
            details: CustomerRequest { birth_date: "1999-09-09".into(), phone_last4: "0000".into(), ..yamada().details },
        };
        app.post_json("/api/flow/account", &stranger.account).await;
        let error = error_of(app.post_json("/api/flow/customer", &stranger.details).await).await;
        assert_eq!(error.id, ErrorId::IdentityMismatch, "a wrong date of birth is a mismatch like any other");
        assert_eq!(app.store.failures_on(AccountId(7), FailureKind::Identity, "2026-11-26").await.unwrap(), 1, "and counted");
    }

    async fn a_call_from_the_registered_phone_verifies_and_confirm_moves_to_the_pin(app) {
        let browser = another_browser();
        let call = at_screen_four(&app, &browser, &yamada()).await;
        assert!(app.state.config.auth_numbers.iter().any(|n| n.display() == call.destination));
        assert_eq!(call.tel_uri, format!("tel:{}", e164_of(&call.destination)));
        assert_eq!(call.caller, "090-****-5678");
        assert_eq!(call.seconds_left, 120);
        assert!(!call.verified);
        let (status, twiml) = twilio_call(&app, "CA0001", YAMADA_MOBILE, &e164_of(&call.destination)).await;
        assert_eq!(status, 200);
        assert!(twiml.contains("<Say language=\"ja-JP\">") && twiml.contains(ACCEPTED) && twiml.contains("<Hangup/>"), "{twiml}");
        let now: CallInstructions = browser.get(app.url("/api/flow/call")).send().await.unwrap().json().await.unwrap();
        assert!(now.verified);
        assert_eq!(step_after_confirm(&app, &browser).await, Step::Pin);
    }

    async fn confirm_before_the_call_waits_then_moves_on(app) {
        let browser = another_browser();
        let call = at_screen_four(&app, &browser, &yamada()).await;
        assert_eq!(step_after_confirm(&app, &browser).await, Step::PhoneCall, "認証中(認証着信待ち)");
        twilio_call(&app, "CA0002", YAMADA_MOBILE, &e164_of(&call.destination)).await;
        assert_eq!(step_after_confirm(&app, &browser).await, Step::Pin);
    }

    async fn a_call_at_119_seconds_verifies(app) {
        let browser = another_browser();
        let call = at_screen_four(&app, &browser, &yamada()).await;
        app.clock.advance(Duration::seconds(119));
        let (_, twiml) = twilio_call(&app, "CA0119", YAMADA_MOBILE, &e164_of(&call.destination)).await;
        assert!(twiml.contains(ACCEPTED));
        assert_eq!(step_after_confirm(&app, &browser).await, Step::Pin);
    }

    async fn a_call_not_confirmed_within_120_seconds_is_void_as_soon_as_time_is_up(app) {
        let browser = another_browser();
        let call = at_screen_four(&app, &browser, &yamada()).await;
        app.clock.advance(Duration::seconds(60));
        twilio_call(&app, "CA0060", YAMADA_MOBILE, &e164_of(&call.destination)).await;
        app.clock.advance(Duration::seconds(61));
        // The screen's poll at 0:00 hears so, before any 「確定する」.
        let status = error_of(browser.get(app.url("/api/flow/call")).send().await.unwrap()).await;
        assert_eq!(status.id, ErrorId::PhoneExpired);
    }

    async fn a_call_at_121_seconds_is_void_and_the_customer_starts_again(app) {
        let browser = another_browser();
        let call = at_screen_four(&app, &browser, &yamada()).await;
        app.clock.advance(Duration::seconds(121));
        let (_, twiml) = twilio_call(&app, "CA0121", YAMADA_MOBILE, &e164_of(&call.destination)).await;
        assert!(twiml.contains(REFUSED), "{twiml}");
        let error = error_of(confirm(&app, &browser).await).await;
        assert_eq!(error.id, ErrorId::PhoneExpired);
        assert!(error.message.contains("API連携認証の最初に戻って操作してください。"));
        let flow = browser.get(app.url("/api/flow")).send().await.unwrap();
        assert_eq!(error_of(flow).await.id, ErrorId::FlowExpired, "the flow cannot continue");
    }

    async fn confirm_at_121_seconds_without_a_call_ends_the_flow(app) {
        let browser = another_browser();
        at_screen_four(&app, &browser, &yamada()).await;
        app.clock.advance(Duration::seconds(121));
        assert_eq!(error_of(confirm(&app, &browser).await).await.id, ErrorId::PhoneExpired);
        assert_eq!(error_of(confirm(&app, &browser).await).await.id, ErrorId::FlowExpired);
    }

    async fn pressed_in_time_the_screen_may_move_on_after_the_deadline(app) {
        let browser = another_browser();
        let call = at_screen_four(&app, &browser, &yamada()).await;
        app.clock.advance(Duration::seconds(100));
        assert_eq!(step_after_confirm(&app, &browser).await, Step::PhoneCall);
        app.clock.advance(Duration::seconds(19));
        twilio_call(&app, "CA0200", YAMADA_MOBILE, &e164_of(&call.destination)).await;
        app.clock.advance(Duration::seconds(3));
        assert_eq!(step_after_confirm(&app, &browser).await, Step::Pin, "the poll after the deadline still moves on");
    }

    async fn the_wrong_caller_or_the_wrong_number_verifies_nothing(app) {
        let browser = another_browser();
        let call = at_screen_four(&app, &browser, &yamada()).await;
        let (_, twiml) = twilio_call(&app, "CA0301", SUZUKI_MOBILE, &e164_of(&call.destination)).await;
        assert!(twiml.contains(REFUSED));
        let other = app.state.config.auth_numbers.iter().find(|n| n.display() != call.destination).unwrap();
        let (_, twiml) = twilio_call(&app, "CA0302", YAMADA_MOBILE, other.e164()).await;
        assert!(twiml.contains(REFUSED));
        assert_eq!(step_after_confirm(&app, &browser).await, Step::PhoneCall, "still waiting");
    }

    async fn withheld_and_unknown_caller_ids_never_verify(app) {
        let browser = another_browser();
        let call = at_screen_four(&app, &browser, &yamada()).await;
        for (sid, from) in [("CA0401", "anonymous"), ("CA0402", "+266696687"), ("CA0403", ""), ("CA0404", "restricted")] {
            let (_, twiml) = twilio_call(&app, sid, from, &e164_of(&call.destination)).await;
            assert!(twiml.contains(REFUSED), "{from}");
        }
        assert_eq!(step_after_confirm(&app, &browser).await, Step::PhoneCall);
    }

    async fn the_same_call_delivered_twice_counts_once(app) {
        let early_sid = "CA0501";
        let destination = app.state.config.auth_numbers[0].e164().to_owned();
        // Delivered before any attempt waits: refused, and a replay later
        // (when an attempt does wait) is still that refusal.
        twilio_call(&app, early_sid, YAMADA_MOBILE, &destination).await;
        let browser = another_browser();
        let call = at_screen_four(&app, &browser, &yamada()).await;
        let (_, replay) = twilio_call(&app, early_sid, YAMADA_MOBILE, &e164_of(&call.destination)).await;
        assert!(replay.contains(REFUSED));
        assert_eq!(step_after_confirm(&app, &browser).await, Step::PhoneCall);
        let (_, first) = twilio_call(&app, "CA0502", YAMADA_MOBILE, &e164_of(&call.destination)).await;
        let (_, again) = twilio_call(&app, "CA0502", YAMADA_MOBILE, &e164_of(&call.destination)).await;
        assert!(first.contains(ACCEPTED) && again.contains(ACCEPTED));
        let calls = app.store.operations().await.unwrap().into_iter().filter(|o| o.step == "phone_call").count();
        assert!(calls >= 3);
    }

    async fn bad_missing_or_misdirected_signatures_are_refused(app) {
        let params = twilio_params(&app, "CA0601", YAMADA_MOBILE, "+81120111222");
        let (status, body) = send_webhook(&app, &params, None).await;
        assert_eq!(status, 403);
        assert!(body.contains("webhook_rejected"));
        let (status, _) = send_webhook(&app, &params, Some("AAAAAAAAAAAAAAAAAAAAAAAAAAA=")).await;
        assert_eq!(status, 403);
        let elsewhere = twilio::sign(&app.state.config.twilio.auth_token, "https://elsewhere.example/telephony/twilio/voice", &params);
        assert_eq!(send_webhook(&app, &params, Some(&elsewhere)).await.0, 403, "signed for another URL");
        let wrong_token = twilio::sign("another-accounts-token", &format!("{}/telephony/twilio/voice", app.state.public_url), &params);
        assert_eq!(send_webhook(&app, &params, Some(&wrong_token)).await.0, 403);
        let mut foreign = params.clone();
        foreign[1].1 = "AC99999999999999999999999999999999".into();
        let url = format!("{}/telephony/twilio/voice", app.state.public_url);
        let signed_foreign = twilio::sign(&app.state.config.twilio.auth_token, &url, &foreign);
        assert_eq!(send_webhook(&app, &foreign, Some(&signed_foreign)).await.0, 403, "another Twilio account");
        let log = app.store.operations().await.unwrap();
        assert!(log.iter().any(|o| o.outcome == "webhook_rejected"));
    }

    async fn the_call_simulator_calls_with_a_correct_signature(app) {
        let browser = another_browser();
        at_screen_four(&app, &browser, &yamada()).await;
        let simulate = |caller| browser.post(app.url("/api/flow/simulate-call")).json(&SimulatedCall { caller }).send();
        let heard: SimulatedCallResult = simulate(SimulatedCaller::Withheld).await.unwrap().json().await.unwrap();
        assert_eq!(heard.heard, REFUSED);
        let heard: SimulatedCallResult = simulate(SimulatedCaller::Stranger).await.unwrap().json().await.unwrap();
        assert_eq!(heard.heard, REFUSED);
        let heard: SimulatedCallResult = simulate(SimulatedCaller::Registered).await.unwrap().json().await.unwrap();
        assert_eq!(heard.heard, ACCEPTED);
        assert_eq!(step_after_confirm(&app, &browser).await, Step::Pin);
        for row in app.store.operations().await.unwrap() {
            let text = format!("{row:?}");
            assert!(!text.contains("12345678") && !text.contains("9012345678"), "a full number leaked: {text}");
        }
    }
}

#[tokio::test]
async fn two_flows_shown_the_same_number_are_told_apart_by_the_caller() {
    for db in [Db::Sqlite, Db::Postgres] {
        let app = TestApp::spawn_with(db, |config| config.auth_numbers.truncate(1)).await;
        let (first, second) = (another_browser(), another_browser());
        let yamada_call = at_screen_four(&app, &first, &yamada()).await;
        let suzuki_call = at_screen_four(&app, &second, &suzuki()).await;
        assert_eq!(yamada_call.destination, suzuki_call.destination);
        twilio_call(&app, "CA0701", SUZUKI_MOBILE, &e164_of(&suzuki_call.destination)).await;
        assert_eq!(step_after_confirm(&app, &second).await, Step::Pin);
        assert_eq!(step_after_confirm(&app, &first).await, Step::PhoneCall, "{db:?}: Yamada's call has not come");
    }
}

#[tokio::test]
async fn behind_a_proxy_the_configured_public_url_is_what_is_signed() {
    let public = "https://auth.example-union.jp";
    let app = TestApp::spawn_with(Db::Sqlite, |config| config.public_url = Some(public.into())).await;
    let params = twilio_params(&app, "CA0801", YAMADA_MOBILE, "+81120111222");
    let signed =
        twilio::sign(&app.state.config.twilio.auth_token, &format!("{public}/telephony/twilio/voice"), &params);
    let (status, twiml) = send_webhook(&app, &params, Some(&signed)).await;
    assert_eq!(status, 200);
    assert!(twiml.contains(REFUSED), "no attempt waits, but the request is genuine");
}

#[tokio::test]
async fn the_call_simulator_does_not_exist_in_production() {
    let app =
        TestApp::spawn_with(Db::Sqlite, |config| config.profile = renkei_backend::config::Profile::Production).await;
    let response =
        app.post_json("/api/flow/simulate-call", &SimulatedCall { caller: SimulatedCaller::Registered }).await;
    assert_eq!(response.status(), 404);
}

/// It used to verify the newer one; but the call cannot tell which flow
/// its caller is looking at (see call_webhook.rs for why that matters).
#[tokio::test]
async fn one_call_that_fits_two_waiting_attempts_verifies_neither() {
    for db in [Db::Sqlite, Db::Postgres] {
        let app = TestApp::spawn_with(db, |config| config.auth_numbers.truncate(1)).await;
        let (older, newer) = (another_browser(), another_browser());
        let call = at_screen_four(&app, &older, &yamada()).await;
        app.clock.advance(Duration::seconds(5));
        at_screen_four(&app, &newer, &yamada()).await;
        let (_, twiml) = twilio_call(&app, "CA0901", YAMADA_MOBILE, &e164_of(&call.destination)).await;
        assert!(twiml.contains(REFUSED), "{db:?}: {twiml}");
        let newer_screen = error_of(newer.get(app.url("/api/flow/call")).send().await.unwrap()).await;
        assert_eq!(newer_screen.id, ErrorId::CallAmbiguous, "{db:?}");
        assert_eq!(error_of(confirm(&app, &older).await).await.id, ErrorId::CallAmbiguous, "{db:?}");
    }
}
