//! The contract every [`CoreBanking`] implementation keeps, as code.
//!
//! A union's integrator describes records they know in their test core as a
//! [`Fixture`] and calls each clause from their own tests, one test per
//! clause, so a failure names the broken promise:
//!
//! ```ignore
//! #[tokio::test]
//! async fn a_wrong_pin_is_wrong() {
//!     contract::a_wrong_pin_is_wrong(&my_core().await, &my_fixture()).await;
//! }
//! ```
//!
//! Each clause panics with a message saying what the core did wrong. The
//! clauses that need an optional part of the fixture (a holder without a
//! phone, an account without a PIN, an unknown id) say so when it is
//! missing: a core that cannot name one simply does not call them. The
//! paging clause with bookings takes a booking hook; a test core that cannot
//! book leaves it out. [`every_clause`] runs all the others at once.
//!
//! [`demo_fixture`] describes the embedded core's demo data.

mod transactions;

pub use transactions::{
    a_cursor_never_reads_another_accounts_lines, a_page_holds_no_more_than_its_limit,
    an_empty_range_gives_an_empty_last_page, pages_chain_through_next_to_the_end_without_repeats,
    paging_is_stable_when_lines_are_booked_between_pages, running_balances_chain_line_to_line,
    transactions_lie_in_the_range_oldest_first,
};

use super::embedded::seed::BRANCHES;
use super::{AccountId, AccountState, CoreAccount, CoreBanking, CoreError, PinCheck};
use renkei_common::api::AccountInput;
use renkei_common::fields::{AccountNumber, AccountType, BranchCode, PhoneLast4, Pin};
use std::collections::HashSet;
use std::ops::RangeInclusive;
use time::macros::date;
use time::{Date, Duration, OffsetDateTime};

/// Records known to be in the core under test.
#[derive(Clone, Debug)]
pub struct Fixture {
    /// Branch codes the core lists (it may list more).
    pub branch_codes: Vec<String>,
    /// A linkable account (in use, with a cash card) and its holder.
    pub holder: Holder,
    /// An account in use without a cash card.
    pub no_cash_card: AccountInput,
    pub moved: Moved,
    /// A branch, type and number the core knows no account by.
    pub unknown: AccountInput,
    /// An id the core knows no account by, where one can be named.
    pub unknown_id: Option<AccountId>,
    /// An account whose holder has no registered phone.
    pub without_phone: Option<AccountInput>,
    /// An account the core holds no PIN for.
    pub without_pin: Option<AccountInput>,
    pub history: History,
}

/// The linkable account's holder, as screen ② and ⑤ ask for them.
#[derive(Clone, Debug)]
pub struct Holder {
    pub account: AccountInput,
    pub birth_date: Date,
    /// The last four digits of one registered phone. The clauses take the
    /// same digits with the last one changed as wrong: they must not end
    /// another of the holder's phones.
    pub phone_last4: PhoneLast4,
    /// How many phones are registered (at least one).
    pub phone_count: usize,
    pub pin: Pin,
}

/// A moved account (移管) and, when the core records it, the new one.
#[derive(Clone, Debug)]
pub struct Moved {
    pub account: AccountInput,
    pub to: Option<AccountInput>,
}

/// An account with a known passbook.
#[derive(Clone, Debug)]
pub struct History {
    pub account: AccountInput,
    /// Whole days holding at least `at_least` lines (at least two).
    pub range: RangeInclusive<Date>,
    pub at_least: usize,
    /// Whole days with no line on the account.
    pub quiet: RangeInclusive<Date>,
}

/// The embedded core's demo data (README.md's demo customers), seeded on
/// `today`: its passbooks reach four months back to the day before.
pub fn demo_fixture(today: Date) -> Fixture {
    let happy_path = key("001", AccountType::Ordinary, "1234567");
    Fixture {
        branch_codes: BRANCHES.iter().map(|(code, _, _)| (*code).to_owned()).collect(),
        holder: Holder {
            account: happy_path.clone(),
            birth_date: date!(1985 - 04 - 01),
            phone_last4: PhoneLast4::parse("5678").expect("four digits"),
            phone_count: 1,
            pin: Pin::parse("1234").expect("four digits"),
        },
        no_cash_card: key("031", AccountType::Ordinary, "4567890"),
        moved: Moved {
            account: key("011", AccountType::Ordinary, "111111"),
            to: Some(key("022", AccountType::Ordinary, "2222222")),
        },
        unknown: key("001", AccountType::Ordinary, "7654321"),
        unknown_id: Some(AccountId(999_999_999)),
        without_phone: Some(key("041", AccountType::Ordinary, "5678901")),
        without_pin: None,
        history: History {
            account: happy_path,
            range: today - Duration::days(61)..=today - Duration::days(1),
            at_least: 12,
            quiet: date!(2000 - 01 - 01)..=date!(2000 - 12 - 31),
        },
    }
}

fn key(branch: &str, account_type: AccountType, number: &str) -> AccountInput {
    AccountInput {
        branch: BranchCode::parse(branch).expect("a demo branch code"),
        account_type,
        number: AccountNumber::parse(number).expect("a demo account number"),
    }
}

/// Every clause the fixture has what it needs for, except the one that
/// books lines.
pub async fn every_clause(core: &dyn CoreBanking, fixture: &Fixture, now: OffsetDateTime) {
    branches_include_the_fixtures(core, fixture).await;
    a_linkable_account_is_found_in_use_under_its_own_key(core, fixture).await;
    an_unknown_account_is_not_found(core, fixture).await;
    an_account_without_a_cash_card_is_found_as_such(core, fixture).await;
    a_moved_account_is_found_as_moved(core, fixture).await;
    an_account_is_found_again_under_the_cores_key(core, fixture).await;
    the_holders_details_match(core, fixture).await;
    a_wrong_birth_date_fails_only_the_birth_date(core, fixture).await;
    wrong_phone_digits_fail_only_the_phone(core, fixture).await;
    the_holders_registered_phones_are_listed(core, fixture).await;
    if fixture.without_phone.is_some() {
        a_holder_without_phones_has_none(core, fixture).await;
    }
    the_right_pin_matches(core, fixture).await;
    a_wrong_pin_is_wrong(core, fixture).await;
    any_four_digits_get_a_verdict(core, fixture).await;
    if fixture.without_pin.is_some() {
        an_account_without_a_pin_has_no_pin(core, fixture).await;
    }
    the_holder_has_a_balance_as_of_no_later_than_now(core, fixture, now).await;
    if fixture.unknown_id.is_some() {
        an_unknown_account_has_no_balance(core, fixture).await;
    }
    transactions_lie_in_the_range_oldest_first(core, fixture).await;
    running_balances_chain_line_to_line(core, fixture).await;
    pages_chain_through_next_to_the_end_without_repeats(core, fixture).await;
    a_page_holds_no_more_than_its_limit(core, fixture).await;
    an_empty_range_gives_an_empty_last_page(core, fixture).await;
    a_cursor_never_reads_another_accounts_lines(core, fixture).await;
}

// ---- accounts ---------------------------------------------------------------

pub async fn branches_include_the_fixtures(core: &dyn CoreBanking, fixture: &Fixture) {
    let branches = answered(core.branches().await, "branches");
    let codes: Vec<&str> = branches.iter().map(|b| b.code.as_str()).collect();
    for code in &fixture.branch_codes {
        assert!(codes.contains(&code.as_str()), "branch {code} is not listed; the core lists {codes:?}");
    }
    let distinct: HashSet<&str> = codes.iter().copied().collect();
    assert_eq!(distinct.len(), codes.len(), "a branch is listed twice: {codes:?}");
    for branch in &branches {
        assert!(BranchCode::parse(&branch.code).is_ok_and(|c| c.as_str() == branch.code), "{branch:?}: not 3 digits");
        assert!(!branch.name.is_empty() && !branch.kana.is_empty(), "{branch:?}: a name and its reading are needed");
    }
}

pub async fn a_linkable_account_is_found_in_use_under_its_own_key(core: &dyn CoreBanking, fixture: &Fixture) {
    let wanted = &fixture.holder.account;
    let account = answered(core.find_account(wanted).await, "find_account")
        .unwrap_or_else(|| panic!("the linkable account {wanted:?} is not found"));
    assert_eq!(&account.key, wanted, "the account is found under another key");
    assert_eq!(account.state, AccountState::InUse, "the linkable account is not in use with a card");
    assert!(account.is_linkable());
}

/// A link names its account by the core's key; the bank API reads it back
/// by that key, with the holder's name, and sees a moved account as moved.
pub async fn an_account_is_found_again_under_the_cores_key(core: &dyn CoreBanking, fixture: &Fixture) {
    for (wanted, what) in
        [(&fixture.holder.account, "the linkable account"), (&fixture.moved.account, "the moved account")]
    {
        let found = find(core, wanted, what).await;
        let again = answered(core.account_by_id(found.id).await, "account_by_id")
            .unwrap_or_else(|| panic!("{what} is not found under its own key {:?}", found.id));
        assert_eq!(again.account, found, "{what} reads differently by key than by branch and number");
        assert!(!again.holder_kana.trim().is_empty(), "{what} has no holder's name");
    }
    if let Some(unknown) = fixture.unknown_id {
        assert_eq!(answered(core.account_by_id(unknown).await, "account_by_id"), None, "a key nobody holds is found");
    }
}

pub async fn an_unknown_account_is_not_found(core: &dyn CoreBanking, fixture: &Fixture) {
    let found = answered(core.find_account(&fixture.unknown).await, "find_account");
    assert_eq!(found, None, "an account nobody holds is found");
}

pub async fn an_account_without_a_cash_card_is_found_as_such(core: &dyn CoreBanking, fixture: &Fixture) {
    let account = find(core, &fixture.no_cash_card, "the account without a cash card").await;
    assert_eq!(account.state, AccountState::NoCashCard);
    assert!(!account.is_linkable());
}

pub async fn a_moved_account_is_found_as_moved(core: &dyn CoreBanking, fixture: &Fixture) {
    let account = find(core, &fixture.moved.account, "the moved account").await;
    let AccountState::Moved { to } = &account.state else {
        panic!("the moved account is {:?}, not Moved", account.state);
    };
    if let Some(expected) = &fixture.moved.to {
        assert_eq!(to.as_ref(), Some(expected), "the moved account does not say where it went");
    }
    assert!(!account.is_linkable());
}

// ---- identity (screens ② and ③) --------------------------------------------

pub async fn the_holders_details_match(core: &dyn CoreBanking, fixture: &Fixture) {
    let holder = &fixture.holder;
    let id = find(core, &holder.account, "the linkable account").await.id;
    let matched = answered(core.check_identity(id, holder.birth_date, &holder.phone_last4).await, "check_identity");
    assert!(matched.birth_date, "the holder's own birth date does not match");
    assert!(matched.phone_last4, "the last four digits of the holder's phone do not match");
    assert!(matched.is_holder());
}

pub async fn a_wrong_birth_date_fails_only_the_birth_date(core: &dyn CoreBanking, fixture: &Fixture) {
    let holder = &fixture.holder;
    let id = find(core, &holder.account, "the linkable account").await.id;
    let wrong = holder.birth_date.previous_day().or(holder.birth_date.next_day()).unwrap_or(holder.birth_date);
    let matched = answered(core.check_identity(id, wrong, &holder.phone_last4).await, "check_identity");
    assert!(!matched.birth_date, "a birth date a day off matches");
    assert!(matched.phone_last4, "a wrong birth date also fails the phone digits");
}

pub async fn wrong_phone_digits_fail_only_the_phone(core: &dyn CoreBanking, fixture: &Fixture) {
    let holder = &fixture.holder;
    let id = find(core, &holder.account, "the linkable account").await.id;
    let wrong = other_digits(holder.phone_last4.as_str(), 3);
    let wrong = PhoneLast4::parse(&wrong).expect("four digits");
    let matched = answered(core.check_identity(id, holder.birth_date, &wrong).await, "check_identity");
    assert!(!matched.phone_last4, "digits {} match though no registered phone ends in them", wrong.as_str());
    assert!(matched.birth_date, "wrong phone digits also fail the birth date");
}

pub async fn the_holders_registered_phones_are_listed(core: &dyn CoreBanking, fixture: &Fixture) {
    let holder = &fixture.holder;
    let id = find(core, &holder.account, "the linkable account").await.id;
    let phones = answered(core.registered_phones(id).await, "registered_phones");
    assert_eq!(phones.len(), holder.phone_count, "registered phones: {phones:?}");
    assert!(
        phones.iter().any(|p| p.e164().ends_with(holder.phone_last4.as_str())),
        "no listed phone ends in the holder's digits: {phones:?}"
    );
}

/// Needs `fixture.without_phone`.
pub async fn a_holder_without_phones_has_none(core: &dyn CoreBanking, fixture: &Fixture) {
    let key = fixture.without_phone.as_ref().expect("this clause needs fixture.without_phone");
    let id = find(core, key, "the account without a phone").await.id;
    let phones = answered(core.registered_phones(id).await, "registered_phones");
    assert!(phones.is_empty(), "a holder without a registered phone has {phones:?}");
}

// ---- PIN (screen ⑤) ----------------------------------------------------------

pub async fn the_right_pin_matches(core: &dyn CoreBanking, fixture: &Fixture) {
    let id = find(core, &fixture.holder.account, "the linkable account").await.id;
    let verdict = answered(core.verify_pin(id, &fixture.holder.pin).await, "verify_pin");
    assert_eq!(verdict, PinCheck::Matches, "the holder's own PIN");
}

pub async fn a_wrong_pin_is_wrong(core: &dyn CoreBanking, fixture: &Fixture) {
    let id = find(core, &fixture.holder.account, "the linkable account").await.id;
    let wrong = Pin::parse(&other_digits(fixture.holder.pin.expose(), 0)).expect("four digits");
    let verdict = answered(core.verify_pin(id, &wrong).await, "verify_pin");
    assert_eq!(verdict, PinCheck::Wrong, "a PIN one digit off");
}

/// Every PIN gets a verdict, not an error: the edges of the range and
/// the right one with each digit changed.
pub async fn any_four_digits_get_a_verdict(core: &dyn CoreBanking, fixture: &Fixture) {
    let id = find(core, &fixture.holder.account, "the linkable account").await.id;
    let right = fixture.holder.pin.expose();
    let mut tries: Vec<String> = ["0000", "9999", "0123", "9876", "1111"].map(String::from).to_vec();
    tries.extend((0..4).map(|position| other_digits(right, position)));
    for digits in tries {
        let pin = Pin::parse(&digits).expect("four digits");
        let verdict = answered(core.verify_pin(id, &pin).await, "verify_pin");
        let expected = if digits == right { PinCheck::Matches } else { PinCheck::Wrong };
        assert_eq!(verdict, expected, "PIN {digits}");
    }
}

/// Needs `fixture.without_pin`.
pub async fn an_account_without_a_pin_has_no_pin(core: &dyn CoreBanking, fixture: &Fixture) {
    let key = fixture.without_pin.as_ref().expect("this clause needs fixture.without_pin");
    let id = find(core, key, "the account without a PIN").await.id;
    let verdict = answered(core.verify_pin(id, &fixture.holder.pin).await, "verify_pin");
    assert_eq!(verdict, PinCheck::NoPin);
}

// ---- balance -------------------------------------------------------------------

/// `now` is the test's clock: a core's figures are never from the future.
/// (Withdrawable may exceed the balance where a core counts an overdraft
/// facility, so nothing is said of it.)
pub async fn the_holder_has_a_balance_as_of_no_later_than_now(
    core: &dyn CoreBanking,
    fixture: &Fixture,
    now: OffsetDateTime,
) {
    let id = find(core, &fixture.holder.account, "the linkable account").await.id;
    let balance = answered(core.balance(id).await, "balance").expect("the linkable account has a balance");
    assert!(balance.as_of <= now, "the balance is as of {}, after now ({now})", balance.as_of);
}

/// Needs `fixture.unknown_id`.
pub async fn an_unknown_account_has_no_balance(core: &dyn CoreBanking, fixture: &Fixture) {
    let id = fixture.unknown_id.expect("this clause needs fixture.unknown_id");
    assert_eq!(answered(core.balance(id).await, "balance"), None, "an account nobody holds has a balance");
}

// ---- helpers ---------------------------------------------------------------

fn answered<T>(result: Result<T, CoreError>, call: &str) -> T {
    result.unwrap_or_else(|e| panic!("{call} failed: {e}"))
}

async fn find(core: &dyn CoreBanking, key: &AccountInput, what: &str) -> CoreAccount {
    answered(core.find_account(key).await, "find_account").unwrap_or_else(|| panic!("{what} {key:?} is not found"))
}

/// `digits` with the one at `position` changed.
fn other_digits(digits: &str, position: usize) -> String {
    digits
        .chars()
        .enumerate()
        .map(|(i, c)| match c.to_digit(10) {
            Some(d) if i == position => char::from(b'0' + ((d + 1) % 10) as u8),
            _ => c,
        })
        .collect()
}
