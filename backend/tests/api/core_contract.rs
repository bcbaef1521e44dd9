//! The core banking contract (`backend/src/core/contract.rs`) kept by the
//! embedded core on its demo data: one test per clause, each on SQLite and
//! on PostgreSQL.

use crate::on_both_databases;
use crate::support::TestApp;
use renkei_backend::core::contract::{self, Fixture};
use renkei_backend::core::embedded::EmbeddedCore;
use renkei_backend::core::{CoreBanking, Direction};
use renkei_common::calendar::jst;

/// The core the running app answers from (the embedded one, by default).
fn core_of(app: &TestApp) -> &dyn CoreBanking {
    &*app.state.core
}

/// The embedded core itself, for what only it can do (book a line).
fn embedded_core_of(app: &TestApp) -> EmbeddedCore {
    EmbeddedCore::new(app.store.pool().clone())
}

/// The demo data as the app seeded it, on the JST day of its clock.
fn fixture_of(app: &TestApp) -> Fixture {
    contract::demo_fixture(jst(app.clock_now()).date())
}

on_both_databases! {
    async fn branches_include_the_fixtures(app) {
        contract::branches_include_the_fixtures(core_of(&app), &fixture_of(&app)).await;
    }

    async fn a_linkable_account_is_found_in_use_under_its_own_key(app) {
        contract::a_linkable_account_is_found_in_use_under_its_own_key(core_of(&app), &fixture_of(&app)).await;
    }

    async fn an_account_is_found_again_under_the_cores_key(app) {
        contract::an_account_is_found_again_under_the_cores_key(core_of(&app), &fixture_of(&app)).await;
    }

    async fn an_unknown_account_is_not_found(app) {
        contract::an_unknown_account_is_not_found(core_of(&app), &fixture_of(&app)).await;
    }

    async fn an_account_without_a_cash_card_is_found_as_such(app) {
        contract::an_account_without_a_cash_card_is_found_as_such(core_of(&app), &fixture_of(&app)).await;
    }

    async fn a_moved_account_is_found_as_moved(app) {
        contract::a_moved_account_is_found_as_moved(core_of(&app), &fixture_of(&app)).await;
    }

    async fn the_holders_details_match(app) {
        contract::the_holders_details_match(core_of(&app), &fixture_of(&app)).await;
    }

    async fn a_wrong_birth_date_fails_only_the_birth_date(app) {
        contract::a_wrong_birth_date_fails_only_the_birth_date(core_of(&app), &fixture_of(&app)).await;
    }

    async fn wrong_phone_digits_fail_only_the_phone(app) {
        contract::wrong_phone_digits_fail_only_the_phone(core_of(&app), &fixture_of(&app)).await;
    }

    async fn the_holders_registered_phones_are_listed(app) {
        contract::the_holders_registered_phones_are_listed(core_of(&app), &fixture_of(&app)).await;
    }

    async fn a_holder_without_phones_has_none(app) {
        contract::a_holder_without_phones_has_none(core_of(&app), &fixture_of(&app)).await;
    }

    async fn the_right_pin_matches(app) {
        contract::the_right_pin_matches(core_of(&app), &fixture_of(&app)).await;
    }

    async fn a_wrong_pin_is_wrong(app) {
        contract::a_wrong_pin_is_wrong(core_of(&app), &fixture_of(&app)).await;
    }

    async fn any_four_digits_get_a_verdict(app) {
        contract::any_four_digits_get_a_verdict(core_of(&app), &fixture_of(&app)).await;
    }

    async fn an_unknown_account_has_no_balance(app) {
        contract::an_unknown_account_has_no_balance(core_of(&app), &fixture_of(&app)).await;
    }

    async fn transactions_lie_in_the_range_oldest_first(app) {
        contract::transactions_lie_in_the_range_oldest_first(core_of(&app), &fixture_of(&app)).await;
    }

    async fn running_balances_chain_line_to_line(app) {
        contract::running_balances_chain_line_to_line(core_of(&app), &fixture_of(&app)).await;
    }

    async fn pages_chain_through_next_to_the_end_without_repeats(app) {
        contract::pages_chain_through_next_to_the_end_without_repeats(core_of(&app), &fixture_of(&app)).await;
    }

    async fn a_page_holds_no_more_than_its_limit(app) {
        contract::a_page_holds_no_more_than_its_limit(core_of(&app), &fixture_of(&app)).await;
    }

    async fn an_empty_range_gives_an_empty_last_page(app) {
        contract::an_empty_range_gives_an_empty_last_page(core_of(&app), &fixture_of(&app)).await;
    }

    async fn a_cursor_never_reads_another_accounts_lines(app) {
        contract::a_cursor_never_reads_another_accounts_lines(core_of(&app), &fixture_of(&app)).await;
    }

    async fn an_account_without_a_pin_has_no_pin(app) {
        // Every demo account has a PIN hash; a card never issued has none.
        sqlx::query("UPDATE accounts SET pin_hash = NULL WHERE account_number = '4567890'")
            .execute(app.store.pool())
            .await
            .unwrap();
        let mut fixture = fixture_of(&app);
        fixture.without_pin = Some(fixture.no_cash_card.clone());
        contract::an_account_without_a_pin_has_no_pin(core_of(&app), &fixture).await;
    }

    async fn the_holder_has_a_balance_as_of_no_later_than_now(app) {
        contract::the_holder_has_a_balance_as_of_no_later_than_now(core_of(&app), &fixture_of(&app), app.clock_now())
            .await;
    }

    async fn paging_is_stable_when_lines_are_booked_between_pages(app) {
        let core = embedded_core_of(&app);
        contract::paging_is_stable_when_lines_are_booked_between_pages(&core, &fixture_of(&app), async |account, date| {
            core.book_transaction(account, date, Direction::Deposit, 1_000, "ﾌﾘｺﾐ ﾃｽﾄ").await.unwrap();
        })
        .await;
    }

    async fn every_clause_at_once(app) {
        contract::every_clause(core_of(&app), &fixture_of(&app), app.clock_now()).await;
    }
}
