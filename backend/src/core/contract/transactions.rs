//! The contract's clauses on passbook lines: ranges, order, paging, and
//! paging while lines are booked.

use super::{Fixture, answered, find};
use crate::core::{AccountId, CoreBanking, Direction, Transaction, TransactionPage, TransactionQuery};
use std::collections::HashSet;
use std::ops::RangeInclusive;
use time::Date;

pub async fn transactions_lie_in_the_range_oldest_first(core: &dyn CoreBanking, fixture: &Fixture) {
    let history = &fixture.history;
    let id = find(core, &history.account, "the account with a history").await.id;
    let lines = all_lines(core, id, &history.range, 100).await;
    assert!(
        lines.len() >= history.at_least,
        "{} lines in {:?}, expected {}",
        lines.len(),
        history.range,
        history.at_least
    );
    for line in &lines {
        assert!(history.range.contains(&line.date), "{line:?} lies outside {:?}", history.range);
        assert!(line.amount > 0, "{line:?}: amounts are positive, the direction gives the sign");
    }
    assert!(lines.windows(2).all(|pair| pair[0].date <= pair[1].date), "lines are not oldest first: {lines:#?}");
    let keys: HashSet<&str> = lines.iter().map(|line| line.item_key.as_str()).collect();
    assert_eq!(keys.len(), lines.len(), "item keys repeat within the account");
}

/// Each line's balance is the one before plus its deposit or less its
/// withdrawal (a range of whole days holds every line between).
pub async fn running_balances_chain_line_to_line(core: &dyn CoreBanking, fixture: &Fixture) {
    let history = &fixture.history;
    let id = find(core, &history.account, "the account with a history").await.id;
    let lines = all_lines(core, id, &history.range, 100).await;
    for pair in lines.windows(2) {
        let signed = match pair[1].direction {
            Direction::Deposit => pair[1].amount,
            Direction::Withdrawal => -pair[1].amount,
        };
        assert_eq!(pair[0].balance + signed, pair[1].balance, "the balance jumps between {:#?}", pair);
    }
}

pub async fn pages_chain_through_next_to_the_end_without_repeats(core: &dyn CoreBanking, fixture: &Fixture) {
    let history = &fixture.history;
    let id = find(core, &history.account, "the account with a history").await.id;
    let whole = keys(&all_lines(core, id, &history.range, 500).await);
    for limit in [1, 3, 7] {
        let paged = keys(&all_lines(core, id, &history.range, limit).await);
        assert_eq!(paged, whole, "pages of {limit} do not add up to the whole history");
    }
}

pub async fn a_page_holds_no_more_than_its_limit(core: &dyn CoreBanking, fixture: &Fixture) {
    let history = &fixture.history;
    let id = find(core, &history.account, "the account with a history").await.id;
    for limit in [1, 2, 5] {
        let first = page(core, id, &history.range, None, limit).await;
        let held = first.transactions.len();
        assert!(held > 0 && held <= limit as usize, "a first page of {limit} holds {held} lines");
        assert!(first.next.is_some(), "a page of {limit} out of {}+ lines is the last", history.at_least);
    }
    // A caller asking for everything gets an answer; a core may cap pages.
    let unlimited = page(core, id, &history.range, None, u32::MAX).await;
    assert!(!unlimited.transactions.is_empty(), "a page with no real limit is empty");
}

pub async fn an_empty_range_gives_an_empty_last_page(core: &dyn CoreBanking, fixture: &Fixture) {
    let history = &fixture.history;
    let id = find(core, &history.account, "the account with a history").await.id;
    let quiet = page(core, id, &history.quiet, None, 10).await;
    assert!(quiet.transactions.is_empty(), "lines in a quiet range: {:#?}", quiet.transactions);
    assert_eq!(quiet.next, None, "an empty page that is not the last");
}

/// A cursor is used with the account it came from; with another account it
/// is refused or shows that account's lines only, never the first one's.
pub async fn a_cursor_never_reads_another_accounts_lines(core: &dyn CoreBanking, fixture: &Fixture) {
    let history = &fixture.history;
    let id = find(core, &history.account, "the account with a history").await.id;
    let first = page(core, id, &history.range, None, 1).await;
    let cursor = first.next.expect("a first page of one line out of several has a next");
    let mut others = vec![&fixture.no_cash_card, &fixture.moved.account];
    others.extend(fixture.moved.to.as_ref());
    for other in others.into_iter().filter(|key| **key != history.account) {
        let other_id = find(core, other, "another account").await.id;
        let own = all_lines(core, other_id, &history.range, 500).await;
        let foreign = query(&history.range, Some(cursor.clone()), 500);
        if let Ok(answer) = core.transactions(other_id, &foreign).await {
            for line in &answer.transactions {
                assert!(own.contains(line), "{other:?} read with another account's cursor shows {line:?}");
            }
        }
    }
}

/// Lines booked while a customer pages (before the cursor, at it and
/// after it) never make a line repeat or go missing among those that
/// existed. `book` books one line on the account on the date given (any
/// date of `fixture.history.range`).
pub async fn paging_is_stable_when_lines_are_booked_between_pages<B>(
    core: &dyn CoreBanking,
    fixture: &Fixture,
    mut book: B,
) where
    B: AsyncFnMut(AccountId, Date),
{
    let history = &fixture.history;
    let id = find(core, &history.account, "the account with a history").await.id;
    let existing = keys(&all_lines(core, id, &history.range, 500).await);
    let mut seen: Vec<Transaction> = Vec::new();
    let mut after = None;
    // Each page of three reads three lines and books at most two ahead.
    let mut pages_left = existing.len() * 2 + 2;
    loop {
        assert!(pages_left > 0, "paging never reached the end while lines were booked");
        pages_left -= 1;
        let this = page(core, id, &history.range, after, 3).await;
        for line in this.transactions {
            assert!(!seen.iter().any(|s| s.item_key == line.item_key), "a line repeats across pages: {line:?}");
            seen.push(line);
        }
        let Some(next) = this.next else { break };
        let cursor_date = seen.last().map_or(*history.range.start(), |line| line.date);
        for date in [*history.range.start(), cursor_date, *history.range.end()] {
            book(id, date).await;
        }
        after = Some(next);
    }
    let of_existing: Vec<String> = keys(&seen).into_iter().filter(|key| existing.contains(key)).collect();
    assert_eq!(of_existing, existing, "lines that existed went missing or moved while lines were booked");
}

// ---- helpers ---------------------------------------------------------------

fn query(range: &RangeInclusive<Date>, after: Option<String>, limit: u32) -> TransactionQuery {
    TransactionQuery { from: *range.start(), to: *range.end(), after, limit }
}

async fn page(
    core: &dyn CoreBanking,
    id: AccountId,
    range: &RangeInclusive<Date>,
    after: Option<String>,
    limit: u32,
) -> TransactionPage {
    answered(core.transactions(id, &query(range, after, limit)).await, "transactions")
}

/// Every line of the range, page by page: each page within its limit, and
/// each `next` leading somewhere new.
async fn all_lines(
    core: &dyn CoreBanking,
    id: AccountId,
    range: &RangeInclusive<Date>,
    limit: u32,
) -> Vec<Transaction> {
    let mut lines = Vec::new();
    let mut cursors = HashSet::new();
    let mut after = None;
    loop {
        let this = page(core, id, range, after, limit).await;
        assert!(this.transactions.len() <= limit as usize, "a page of {limit} holds {}", this.transactions.len());
        lines.extend(this.transactions);
        match this.next {
            None => return lines,
            Some(next) => {
                assert!(cursors.insert(next.clone()), "next {next:?} comes back: paging never ends");
                after = Some(next);
            }
        }
    }
}

fn keys(lines: &[Transaction]) -> Vec<String> {
    lines.iter().map(|line| line.item_key.clone()).collect()
}
