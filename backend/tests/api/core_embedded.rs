//! What the embedded core promises beyond the contract: its demo ledger,
//! booking, and damaged records read as errors, never as missing ones.

use crate::on_both_databases;
use crate::support::TestApp;
use renkei_backend::core::embedded::EmbeddedCore;
use renkei_backend::core::{AccountId, AccountState, CoreBanking, CoreError, Direction, PinCheck, TransactionQuery};
use renkei_common::api::AccountInput;
use renkei_common::calendar::{JST, jst};
use renkei_common::fields::{AccountNumber, AccountType, BranchCode, PhoneLast4, Pin};
use time::{Date, Duration, PrimitiveDateTime, Time};

fn core_of(app: &TestApp) -> EmbeddedCore {
    EmbeddedCore::new(app.store.pool().clone())
}

fn today(app: &TestApp) -> Date {
    jst(app.clock_now()).date()
}

fn ordinary(branch: &str, number: &str) -> AccountInput {
    AccountInput {
        branch: BranchCode::parse(branch).unwrap(),
        account_type: AccountType::Ordinary,
        number: AccountNumber::parse(number).unwrap(),
    }
}

async fn id_of(core: &EmbeddedCore, branch: &str, number: &str) -> AccountId {
    core.find_account(&ordinary(branch, number)).await.unwrap().unwrap().id
}

fn everything_until(today: Date) -> TransactionQuery {
    TransactionQuery { from: today - Duration::days(400), to: today, after: None, limit: 500 }
}

async fn execute(app: &TestApp, sql: &str) {
    sqlx::query(sql).execute(app.store.pool()).await.unwrap();
}

on_both_databases! {
    async fn demo_passbooks_reach_four_months_back_and_end_at_the_balance(app) {
        let core = core_of(&app);
        let today = today(&app);
        let three_months_ago = today - Duration::days(92);
        for (branch, number) in [("001", "1234567"), ("002", "2345678"), ("022", "2222222"), ("041", "5678901")] {
            let id = id_of(&core, branch, number).await;
            let lines = core.transactions(id, &everything_until(today)).await.unwrap().transactions;
            let (first, last) = (lines.first().unwrap(), lines.last().unwrap());
            assert!(first.date < three_months_ago, "{number}: the first line {first:?}");
            assert!(first.date >= today - Duration::days(124), "{number}: the first line {first:?}");
            assert!(last.date < today, "{number}: nothing is booked today yet");
            assert!(lines.iter().any(|l| l.remarks.starts_with("ｷﾕｳﾖ")), "{number}: a salary");
            let balance = core.balance(id).await.unwrap().unwrap();
            assert_eq!(balance.balance, last.balance, "{number}: the balance is the last line's");
            assert_eq!(balance.previous_day_balance, balance.balance, "{number}");
            assert_eq!(balance.as_of, PrimitiveDateTime::new(today, Time::MIDNIGHT).assume_offset(JST));
        }
    }

    async fn accounts_not_in_use_have_a_balance_and_no_lines(app) {
        let core = core_of(&app);
        for (branch, number) in [("031", "4567890"), ("011", "0111111")] {
            let id = id_of(&core, branch, number).await;
            assert_eq!(core.balance(id).await.unwrap().map(|b| b.balance), Some(0), "{number}");
            assert!(core.transactions(id, &everything_until(today(&app))).await.unwrap().transactions.is_empty());
        }
    }

    async fn a_booked_line_ends_the_passbook_and_moves_the_balance(app) {
        let core = core_of(&app);
        let today = today(&app);
        let id = id_of(&core, "001", "1234567").await;
        let before = core.balance(id).await.unwrap().unwrap();
        let booked = core.book_transaction(id, today, Direction::Withdrawal, 3_000, "ATM ｶ-ﾄﾞ").await.unwrap();
        assert_eq!(booked.balance, before.balance - 3_000);
        let after = core.balance(id).await.unwrap().unwrap();
        assert_eq!((after.balance, after.withdrawable), (booked.balance, booked.balance));
        assert_eq!(after.previous_day_balance, before.balance, "yesterday's close is the day before today's line");
        let lines = core.transactions(id, &everything_until(today)).await.unwrap().transactions;
        assert_eq!(lines.last(), Some(&booked));
        assert!(core.book_transaction(id, today, Direction::Deposit, 0, "").await.is_err(), "amounts are positive");
    }

    async fn a_cursor_that_is_not_ours_is_unreadable_and_a_zero_limit_reads_one(app) {
        let core = core_of(&app);
        let id = id_of(&core, "001", "1234567").await;
        let mut query = everything_until(today(&app));
        query.limit = 0;
        let page = core.transactions(id, &query).await.unwrap();
        assert_eq!(page.transactions.len(), 1);
        query.after = Some("2026-01-01:1".into());
        assert!(matches!(core.transactions(id, &query).await, Err(CoreError::Unreadable(_))));
    }

    async fn a_moved_account_without_its_target_is_moved_nowhere(app) {
        execute(&app, "UPDATE accounts SET moved_to = NULL WHERE account_number = '0111111'").await;
        let account = core_of(&app).find_account(&ordinary("011", "0111111")).await.unwrap().unwrap();
        assert_eq!(account.state, AccountState::Moved { to: None });
    }

    async fn an_account_id_nobody_holds_matches_nothing(app) {
        let core = core_of(&app);
        let nobody = AccountId(424_242);
        let born = time::macros::date!(1985 - 04 - 01);
        let matched = core.check_identity(nobody, born, &PhoneLast4::parse("5678").unwrap()).await.unwrap();
        assert!(!matched.birth_date && !matched.phone_last4);
        assert!(core.registered_phones(nobody).await.unwrap().is_empty());
        assert_eq!(core.verify_pin(nobody, &Pin::parse("1234").unwrap()).await.unwrap(), PinCheck::NoPin);
        assert_eq!(core.balance(nobody).await.unwrap(), None);
    }

    async fn an_unknown_account_status_is_unreadable(app) {
        execute(&app, "UPDATE accounts SET status = 'frozen' WHERE account_number = '1234567'").await;
        let found = core_of(&app).find_account(&ordinary("001", "1234567")).await;
        assert!(matches!(found, Err(CoreError::Unreadable(_))), "{found:?}");
    }

    async fn a_bad_branch_code_is_unreadable(app) {
        execute(&app, "INSERT INTO branches (code, name, kana, sort_order) VALUES ('9A', '支店', 'シテン', 99)").await;
        let branches = core_of(&app).branches().await;
        assert!(matches!(branches, Err(CoreError::Unreadable(_))), "{branches:?}");
    }

    async fn a_bad_phone_or_birth_date_is_unreadable(app) {
        let core = core_of(&app);
        let id = id_of(&core, "001", "1234567").await;
        let born = time::macros::date!(1985 - 04 - 01);
        let last4 = PhoneLast4::parse("5678").unwrap();
        execute(&app, "UPDATE customer_phones SET phone_e164 = 'anonymous' WHERE phone_e164 = '+819012345678'").await;
        assert!(matches!(core.registered_phones(id).await, Err(CoreError::Unreadable(_))));
        assert!(matches!(core.check_identity(id, born, &last4).await, Err(CoreError::Unreadable(_))));
        execute(&app, "UPDATE customers SET birth_date = '1985/04/01' WHERE birth_date = '1985-04-01'").await;
        assert!(matches!(core.check_identity(id, born, &last4).await, Err(CoreError::Unreadable(_))));
    }

    async fn a_pin_hash_that_does_not_parse_is_unreadable(app) {
        let core = core_of(&app);
        let id = id_of(&core, "001", "1234567").await;
        execute(&app, "UPDATE accounts SET pin_hash = 'not-a-hash' WHERE account_number = '1234567'").await;
        let verdict = core.verify_pin(id, &Pin::parse("1234").unwrap()).await;
        assert!(matches!(verdict, Err(CoreError::Unreadable(_))), "{verdict:?}");
    }
}
