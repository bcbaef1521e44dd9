//! Screen ②: screens ①② checked together against the core, the failure
//! counter, the lock until 0:00 JST and B84, and the operation log.

use crate::on_both_databases;
use crate::support::{TestApp, error_of};
use renkei_backend::core::AccountId;
use renkei_backend::domain::lockout::FailureKind;
use renkei_common::api::{AccountRequest, CustomerRequest, FlowProgress};
use renkei_common::catalogue::ErrorId;
use renkei_common::steps::Step;
use time::macros::datetime;

fn account(branch: &str, kind: &str, number: &str) -> AccountRequest {
    AccountRequest { branch_code: branch.into(), account_type: kind.into(), account_number: number.into() }
}

/// The happy-path customer's details (README's demo table).
fn yamada() -> CustomerRequest {
    CustomerRequest {
        birth_date: "1985-04-01".into(),
        phone_last4: "5678".into(),
        kana_name: "ヤマダ タロウ".into(),
        email: "taro@example.jp".into(),
        email_confirmation: "taro@example.jp".into(),
    }
}

fn wrong_birth_date() -> CustomerRequest {
    CustomerRequest { birth_date: "1985-04-02".into(), ..yamada() }
}

async fn start(app: &TestApp, account: AccountRequest) {
    let response = app.post_json("/api/flow/account", &account).await;
    assert_eq!(response.status(), 200, "screen ① accepted");
}

async fn submit(app: &TestApp, details: &CustomerRequest) -> reqwest::Response {
    app.post_json("/api/flow/customer", details).await
}

async fn refusal(app: &TestApp, details: &CustomerRequest) -> ErrorId {
    error_of(submit(app, details).await).await.id
}

const YAMADA_ACCOUNT_ID: AccountId = AccountId(1);

on_both_databases! {
    async fn the_right_details_move_on_to_screen_three(app) {
        start(&app, account("001", "ordinary", "1234567")).await;
        let response = submit(&app, &yamada()).await;
        assert_eq!(response.status(), 200);
        let progress: FlowProgress = response.json().await.unwrap();
        assert_eq!(progress.step, Step::PhoneConfirm);
        let now: FlowProgress = app.get("/api/flow").await.json().await.unwrap();
        assert_eq!(now.step, Step::PhoneConfirm);
        // Submitting ② again cannot advance the flow twice.
        assert_eq!(refusal(&app, &yamada()).await, ErrorId::StepOutOfOrder);
    }

    async fn either_registered_phone_of_a_two_phone_customer_identifies(app) {
        let suzuki = |last4: &str| CustomerRequest {
            birth_date: "1990-12-24".into(),
            phone_last4: last4.into(),
            ..yamada()
        };
        start(&app, account("002", "ordinary", "2345678")).await;
        assert_eq!(submit(&app, &suzuki("0000")).await.status(), 200, "the landline 052-451-0000");
        start(&app, account("002", "ordinary", "2345678")).await;
        assert_eq!(submit(&app, &suzuki("6789")).await.status(), 200, "the mobile 090-2345-6789");
    }

    async fn accounts_not_in_use_or_without_a_card_are_not_handled(app) {
        for (branch, kind, number) in [
            ("031", "ordinary", "4567890"), // no cash card
            ("011", "ordinary", "111111"),  // moved to 022-2222222
            ("001", "savings", "1234567"),  // right number, wrong type
            ("001", "ordinary", "7654321"), // no such account
        ] {
            start(&app, account(branch, kind, number)).await;
            let response = submit(&app, &yamada()).await;
            assert_eq!(response.status(), 422);
            let error = error_of(response).await;
            assert_eq!(error.id, ErrorId::AccountNotHandled, "{branch}-{number}");
            assert_eq!(error.message, "ご指定の口座は、本サービスではお取り扱いできません。");
        }
    }

    async fn a_savings_account_is_handled(app) {
        start(&app, account("001", "savings", "3456789")).await;
        let tanaka = CustomerRequest { birth_date: "1978-07-15".into(), phone_last4: "7890".into(), ..yamada() };
        assert_eq!(submit(&app, &tanaka).await.status(), 200);
    }

    async fn wrong_details_are_a_counted_identity_mismatch(app) {
        start(&app, account("001", "ordinary", "1234567")).await;
        let error = error_of(submit(&app, &wrong_birth_date()).await).await;
        assert_eq!(error.id, ErrorId::IdentityMismatch);
        assert_eq!(error.message, "本人認証情報が誤っています。本人認証項目をご確認のうえ、再度入力して下さい。");
        let wrong_phone = CustomerRequest { phone_last4: "0000".into(), ..yamada() };
        assert_eq!(refusal(&app, &wrong_phone).await, ErrorId::IdentityMismatch);
        assert_eq!(app.store.failures_on(YAMADA_ACCOUNT_ID, FailureKind::Identity, "2026-11-26").await.unwrap(), 2);
    }

    async fn the_fifth_failure_locks_and_then_any_attempt_shows_b84(app) {
        start(&app, account("001", "ordinary", "1234567")).await;
        for _ in 0..4 {
            assert_eq!(refusal(&app, &wrong_birth_date()).await, ErrorId::IdentityMismatch);
        }
        let locked_now = error_of(submit(&app, &wrong_birth_date()).await).await;
        assert_eq!(locked_now.id, ErrorId::LockedNow);
        assert!(locked_now.shows_contact);
        // Right details, a new flow: still locked, with the manual's B84.
        start(&app, account("001", "ordinary", "1234567")).await;
        let response = submit(&app, &yamada()).await;
        assert_eq!(response.status(), 423);
        let locked = error_of(response).await;
        assert_eq!(locked.id, ErrorId::Locked);
        assert_eq!(locked.reason_code, "B84");
        assert!(locked.message.ends_with("理由コードはB84です。"));
    }

    async fn the_lock_lifts_at_midnight_jst_by_itself(app) {
        app.clock.set(datetime!(2026-11-26 23:40:00 +9));
        start(&app, account("001", "ordinary", "1234567")).await;
        for _ in 0..5 {
            submit(&app, &wrong_birth_date()).await;
        }
        let locked_at = |t| app.store.lock_of(YAMADA_ACCOUNT_ID, t);
        assert!(locked_at(datetime!(2026-11-26 23:59:59 +9)).await.unwrap().is_some(), "23:59:59 locked");
        assert!(locked_at(datetime!(2026-11-27 00:00:00 +9)).await.unwrap().is_none(), "00:00:00 free");
        // 0:00–0:01 is a maintenance minute; right after it the customer passes.
        app.clock.set(datetime!(2026-11-27 00:01:30 +9));
        start(&app, account("001", "ordinary", "1234567")).await;
        assert_eq!(submit(&app, &yamada()).await.status(), 200);
    }

    async fn a_success_does_not_reset_todays_count(app) {
        start(&app, account("001", "ordinary", "1234567")).await;
        for _ in 0..3 {
            submit(&app, &wrong_birth_date()).await;
        }
        assert_eq!(submit(&app, &yamada()).await.status(), 200);
        start(&app, account("001", "ordinary", "1234567")).await;
        assert_eq!(refusal(&app, &wrong_birth_date()).await, ErrorId::IdentityMismatch, "the 4th");
        assert_eq!(refusal(&app, &wrong_birth_date()).await, ErrorId::LockedNow, "the 5th of the day");
    }

    async fn twenty_concurrent_failures_lock_after_exactly_the_limit(app) {
        start(&app, account("001", "ordinary", "1234567")).await;
        let mut attempts = tokio::task::JoinSet::new();
        for _ in 0..20 {
            let client = app.client.clone();
            let url = app.url("/api/flow/customer");
            attempts.spawn(async move {
                let response = client.post(url).json(&wrong_birth_date()).send().await.unwrap();
                error_of(response).await.id
            });
        }
        let outcomes = attempts.join_all().await;
        let count = |id| outcomes.iter().filter(|o| **o == id).count();
        assert_eq!(count(ErrorId::IdentityMismatch), 4, "{outcomes:?}");
        assert_eq!(count(ErrorId::LockedNow), 1, "{outcomes:?}");
        assert_eq!(count(ErrorId::Locked), 15, "{outcomes:?}");
        assert!(app.store.lock_of(YAMADA_ACCOUNT_ID, app.clock_now()).await.unwrap().is_some());
        let counted = app.store.failures_on(YAMADA_ACCOUNT_ID, FailureKind::Identity, "2026-11-26").await.unwrap();
        assert_eq!(counted, 5, "failures made while locked are not counted");
    }

    async fn refusals_differ_only_in_their_body(app) {
        let floor = app.state.config.identity_check_floor;
        assert!(floor >= std::time::Duration::from_millis(100), "the default floor is in force: {floor:?}");
        start(&app, account("001", "ordinary", "7654321")).await;
        let clock = std::time::Instant::now();
        let not_handled = submit(&app, &yamada()).await;
        let not_handled_took = clock.elapsed();
        start(&app, account("001", "ordinary", "1234567")).await;
        let clock = std::time::Instant::now();
        let mismatch = submit(&app, &wrong_birth_date()).await;
        let mismatch_took = clock.elapsed();
        assert_eq!(not_handled.status(), mismatch.status());
        // Neither answers before the floor, so the quicker lookup of an
        // unknown account does not show.
        assert!(not_handled_took >= floor && mismatch_took >= floor, "{not_handled_took:?} {mismatch_took:?}");
        let names = |r: &reqwest::Response| {
            let mut names: Vec<String> = r.headers().keys().map(|k| k.to_string()).collect();
            names.sort();
            names
        };
        assert_eq!(names(&not_handled), names(&mismatch));
    }

    async fn the_operation_log_keeps_each_attempt_without_secrets(app) {
        start(&app, account("001", "ordinary", "1234567")).await;
        submit(&app, &wrong_birth_date()).await;
        submit(&app, &yamada()).await;
        let log = app.store.operations().await.unwrap();
        let steps: Vec<_> = log.iter().map(|o| (o.step.as_str(), o.outcome.as_str())).collect();
        assert_eq!(steps, [("account", "ok"), ("customer", "identity_mismatch"), ("customer", "ok")]);
        for row in &log {
            assert_eq!(row.account_masked.as_deref(), Some("001-****567"));
            assert!(row.ip.as_deref() == Some("127.0.0.1"), "{row:?}");
            assert!(row.flow_ref.as_ref().is_some_and(|f| f.len() == 12));
            let text = format!("{row:?}");
            for secret in ["1985-04-01", "1985-04-02", "1234567", "taro@example.jp"] {
                assert!(!text.contains(secret), "{secret} leaked into {text}");
            }
        }
        assert_eq!(log[1].kana_name.as_deref(), Some("ヤマダ\u{3000}タロウ"));
    }

    async fn screen_two_without_screen_one_has_no_flow(app) {
        assert_eq!(refusal(&app, &yamada()).await, ErrorId::FlowExpired);
    }
}
