//! The throttles on screens ①②: per flow, per client address, per account.
//! A throttled request is refused before the check (so it never counts
//! toward the customer's failures or lock), answers `throttled` (S05,
//! 429), and is logged as such. The defaults are in force throughout.

use crate::oauth::app_starts;
use crate::on_both_databases;
use crate::screen_phone::yamada;
use crate::support::{Db, TestApp, error_of};
use renkei_backend::core::AccountId;
use renkei_backend::domain::lockout::FailureKind;
use renkei_common::api::{AccountRequest, CustomerRequest};
use renkei_common::catalogue::ErrorId;
use time::Duration;

const YAMADA_ACCOUNT_ID: AccountId = AccountId(1);

/// The app behind one proxy of ours, so each test machine's address is
/// the `X-Forwarded-For` it sends; without the identity check's floor,
/// which these tests do not measure, so they run quickly.
async fn behind_a_proxy(db: Db) -> TestApp {
    TestApp::spawn_with(db, |config| {
        config.proxy_hops = 1;
        config.identity_check_floor = std::time::Duration::ZERO;
    })
    .await
}

/// A browser on a machine at `address`.
fn machine(address: &str) -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("x-forwarded-for", address.parse().unwrap());
    reqwest::Client::builder().cookie_store(true).default_headers(headers).build().unwrap()
}

/// An account number no demo customer has (branch 001, 普通).
fn guessed(n: usize) -> AccountRequest {
    AccountRequest { account_number: format!("{}", 7_000_000 + n), ..yamada().account }
}

fn wrong_birth_date() -> CustomerRequest {
    CustomerRequest { birth_date: "1985-04-02".into(), ..yamada().details }
}

/// Screens ① and ② answered in `browser`; what ② answered (200 or an error id).
async fn one_and_two(
    app: &TestApp,
    browser: &reqwest::Client,
    account: &AccountRequest,
    details: &CustomerRequest,
) -> reqwest::Response {
    browser.post(app.url("/api/flow/account")).json(account).send().await.unwrap();
    browser.post(app.url("/api/flow/customer")).json(details).send().await.unwrap()
}

async fn told(response: reqwest::Response) -> Option<ErrorId> {
    if response.status() == 200 { None } else { Some(error_of(response).await.id) }
}

async fn identity_failures(app: &TestApp) -> i64 {
    app.store.failures_on(YAMADA_ACCOUNT_ID, FailureKind::Identity, "2026-11-26").await.unwrap()
}

on_both_databases! {
    setup = behind_a_proxy;

    async fn guessing_account_numbers_in_one_flow_stops_at_the_flows_cap(app) {
        // One flow an app started, twenty account numbers tried on it: ①
        // and ② count together, 20 answers, so ten numbers are told apart.
        let browser = app_starts(&app).await.browser;
        let mut answers = Vec::new();
        for n in 0..20 {
            answers.push(told(one_and_two(&app, &browser, &guessed(n), &yamada().details).await).await);
        }
        assert!(answers[..10].iter().all(|a| *a == Some(ErrorId::AccountNotHandled)), "{answers:?}");
        assert!(answers[10..].iter().all(|a| *a == Some(ErrorId::Throttled)), "{answers:?}");
        // ① itself is refused too, with no time to wait: the flow is spent.
        let again = browser.post(app.url("/api/flow/account")).json(&yamada().account).send().await.unwrap();
        assert_eq!(again.status(), 429);
        assert!(again.headers().get("retry-after").is_none());
        let error = error_of(again).await;
        assert_eq!((error.id, error.reason_code.as_str()), (ErrorId::Throttled, "S05"));
        let log = app.store.operations().await.unwrap();
        let throttled: Vec<_> = log.iter().filter(|o| o.outcome == "throttled").collect();
        assert_eq!(throttled.len(), 21, "ten ① and ten ② refused, and the last ①");
        assert!(throttled.iter().all(|o| o.detail.as_deref() == Some("throttled per flow") && o.flow_ref.is_some()));
    }

    async fn one_address_is_held_to_its_checks_an_hour_and_its_refusals_never_count(app) {
        let guesser = machine("203.0.113.7");
        for n in 0..30 {
            let answer = told(one_and_two(&app, &guesser, &guessed(n), &yamada().details).await).await;
            assert_eq!(answer, Some(ErrorId::AccountNotHandled), "check {n}");
        }
        // The 31st check of the hour, now on a real account with a wrong
        // date of birth: refused before the check, so not a failure of Yamada's.
        let refused = one_and_two(&app, &guesser, &yamada().account, &wrong_birth_date()).await;
        assert_eq!(refused.status(), 429);
        assert_eq!(refused.headers()["retry-after"], "3600", "the hour's window ends at 11:00");
        assert_eq!(error_of(refused).await.id, ErrorId::Throttled);
        assert_eq!(identity_failures(&app).await, 0);
        assert!(app.store.lock_of(YAMADA_ACCOUNT_ID, app.clock_now()).await.unwrap().is_none());
        let log = app.store.operations().await.unwrap();
        let row = log.iter().find(|o| o.outcome == "throttled").expect("logged");
        assert_eq!((row.ip.as_deref(), row.detail.as_deref()), (Some("203.0.113.7"), Some("throttled per address")));
        // Another address is not held back by this one.
        let customer = machine("198.51.100.20");
        assert_eq!(told(one_and_two(&app, &customer, &yamada().account, &yamada().details).await).await, None);
        // The next hour the guesser's address is answered again.
        app.clock.advance(Duration::hours(1));
        assert_eq!(told(one_and_two(&app, &guesser, &guessed(99), &yamada().details).await).await, Some(ErrorId::AccountNotHandled));
    }

    async fn concurrent_checks_from_one_address_never_pass_its_limit(app) {
        let browsers: Vec<_> = (0..40).map(|_| machine("203.0.113.8")).collect();
        for (n, browser) in browsers.iter().enumerate() {
            browser.post(app.url("/api/flow/account")).json(&guessed(n)).send().await.unwrap();
        }
        let mut checks = tokio::task::JoinSet::new();
        for browser in browsers {
            let url = app.url("/api/flow/customer");
            checks.spawn(async move { told(browser.post(url).json(&yamada().details).send().await.unwrap()).await });
        }
        let answers = checks.join_all().await;
        let count = |id| answers.iter().filter(|a| **a == Some(id)).count();
        assert_eq!((count(ErrorId::AccountNotHandled), count(ErrorId::Throttled)), (30, 10), "{answers:?}");
    }

    async fn many_addresses_on_one_account_are_refused_before_the_check(app) {
        // Fifteen machines at ② for one account, answering at once: ten
        // addresses are let through in the hour. The account is one the core
        // does not know: it is throttled all the same, so a throttled answer
        // does not tell an existing account from another.
        let machines: Vec<_> = (1..=15).map(|n| machine(&format!("198.51.100.{n}"))).collect();
        for browser in &machines {
            browser.post(app.url("/api/flow/account")).json(&guessed(0)).send().await.unwrap();
        }
        let mut checks = tokio::task::JoinSet::new();
        for browser in machines {
            let url = app.url("/api/flow/customer");
            checks.spawn(async move { told(browser.post(url).json(&yamada().details).send().await.unwrap()).await });
        }
        let answers = checks.join_all().await;
        let count = |id| answers.iter().filter(|a| **a == Some(id)).count();
        assert_eq!((count(ErrorId::AccountNotHandled), count(ErrorId::Throttled)), (10, 5), "{answers:?}");
        // Yamada's account, checked from ten addresses in the hour…
        for n in 1..=10 {
            let answer = told(one_and_two(&app, &machine(&format!("203.0.113.{n}")), &yamada().account, &yamada().details).await).await;
            assert_eq!(answer, None, "address {n}");
        }
        // …then from an eleventh with a wrong date of birth: refused before
        // the check, so the customer's own count and lock are untouched.
        let refused = one_and_two(&app, &machine("192.0.2.66"), &yamada().account, &wrong_birth_date()).await;
        assert_eq!(told(refused).await, Some(ErrorId::Throttled));
        assert_eq!(identity_failures(&app).await, 0);
        assert!(app.store.lock_of(YAMADA_ACCOUNT_ID, app.clock_now()).await.unwrap().is_none());
        let log = app.store.operations().await.unwrap();
        assert!(log.iter().any(|o| o.outcome == "throttled" && o.detail.as_deref() == Some("throttled per account")));
        // An address that checked the account before in this hour goes on.
        let first = machine("203.0.113.1");
        assert_eq!(told(one_and_two(&app, &first, &yamada().account, &yamada().details).await).await, None);
    }
}
