//! The embedded core's ledger: balances and passbook lines (通帳明細), the
//! paging over them, and booking a line.
//!
//! Lines are only appended, so `(booked_on, id)` orders them stably: a page
//! ends at a line, and the next page starts strictly after that line's
//! key. A line booked while a customer pages lands after the cursor or
//! before it, never between two lines already read, so nothing repeats and
//! nothing that existed goes missing (offset paging would shift instead).

use super::{EmbeddedCore, db, iso_date, parse_date, unreadable};
use crate::core::{AccountId, Balance, CoreError, Direction, Transaction, TransactionPage, TransactionQuery};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use renkei_common::calendar::JST;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, AnyPool, Row};
use time::{Date, OffsetDateTime, PrimitiveDateTime, Time};

/// The most lines one page carries, whatever the caller asks.
pub const MAX_PAGE: u32 = 500;

const INSERT_LINE: &str = "INSERT INTO account_transactions
     (account_id, booked_on, value_on, direction, amount, remarks, balance_after)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id";

/// A line before it is booked (the demo passbook builds them in memory).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct NewLine {
    pub date: Date,
    pub direction: Direction,
    pub amount: i64,
    pub remarks: String,
    pub balance_after: i64,
}

pub(super) async fn balance(pool: &AnyPool, account: AccountId) -> Result<Option<Balance>, CoreError> {
    let row = sqlx::query(
        "SELECT b.balance, b.withdrawable, b.previous_day_balance, b.as_of
         FROM accounts a LEFT JOIN account_balances b ON b.account_id = a.id WHERE a.id = $1",
    )
    .bind(account.0)
    .fetch_optional(pool)
    .await
    .map_err(db)?;
    let Some(row) = row else { return Ok(None) };
    let figure = |column: &str| -> Result<i64, CoreError> {
        let value: Option<i64> = row.try_get(column).map_err(db)?;
        // Every account of the embedded core has a balance row from the
        // seed on; one without is a damaged record, not an empty account.
        value.ok_or_else(|| CoreError::Unreadable(format!("account {} has no balance row", account.0)))
    };
    let as_of = figure("as_of")?;
    Ok(Some(Balance {
        balance: figure("balance")?,
        withdrawable: figure("withdrawable")?,
        previous_day_balance: figure("previous_day_balance")?,
        as_of: OffsetDateTime::from_unix_timestamp(as_of)
            .map_err(|_| unreadable("balance as_of", &as_of.to_string()))?
            .to_offset(JST),
    }))
}

/// One page of the account's lines. An `after` that is not one of our
/// cursors is [`CoreError::Unreadable`] (the trait has no caller-error
/// variant; the bank API should refuse it before asking). `limit` is taken
/// between 1 and [`MAX_PAGE`].
pub(super) async fn transactions(
    pool: &AnyPool,
    account: AccountId,
    query: &TransactionQuery,
) -> Result<TransactionPage, CoreError> {
    // Before every line: "" sorts before any date.
    let (after_date, after_id) = match &query.after {
        Some(cursor) => {
            let (date, id) = decode_cursor(cursor)?;
            (iso_date(date), id)
        }
        None => (String::new(), 0),
    };
    let limit = query.limit.clamp(1, MAX_PAGE);
    // One line more than asked tells whether another page follows. The
    // account is always in the condition: a cursor only positions within
    // the account it is used with.
    let rows = sqlx::query(
        "SELECT id, booked_on, value_on, direction, amount, remarks, balance_after
         FROM account_transactions
         WHERE account_id = $1 AND booked_on >= $2 AND booked_on <= $3
           AND (booked_on > $4 OR (booked_on = $4 AND id > $5))
         ORDER BY booked_on, id
         LIMIT $6",
    )
    .bind(account.0)
    .bind(iso_date(query.from))
    .bind(iso_date(query.to))
    .bind(after_date)
    .bind(after_id)
    .bind(i64::from(limit) + 1)
    .fetch_all(pool)
    .await
    .map_err(db)?;
    let mut transactions = rows.iter().map(line_of).collect::<Result<Vec<_>, _>>()?;
    let next = if transactions.len() > limit as usize {
        transactions.truncate(limit as usize);
        transactions.last().map(cursor_after)
    } else {
        None
    };
    Ok(TransactionPage { transactions, next })
}

fn line_of(row: &AnyRow) -> Result<Transaction, CoreError> {
    let id: i64 = row.try_get("id").map_err(db)?;
    let date = |column: &str| -> Result<Date, CoreError> {
        let text: String = row.try_get(column).map_err(db)?;
        parse_date(&text).ok_or_else(|| unreadable(column, &text))
    };
    let direction = match row.try_get::<i64, _>("direction").map_err(db)? {
        1 => Direction::Deposit,
        2 => Direction::Withdrawal,
        other => return Err(unreadable("direction", &other.to_string())),
    };
    let amount: i64 = row.try_get("amount").map_err(db)?;
    if amount <= 0 {
        return Err(unreadable("amount", &amount.to_string()));
    }
    Ok(Transaction {
        item_key: id.to_string(),
        date: date("booked_on")?,
        value_date: date("value_on")?,
        direction,
        amount,
        remarks: row.try_get("remarks").map_err(db)?,
        balance: row.try_get("balance_after").map_err(db)?,
    })
}

/// The cursor naming `line`: its date and id, base64url so that callers
/// treat it as opaque.
fn cursor_after(line: &Transaction) -> String {
    URL_SAFE_NO_PAD.encode(format!("{}:{}", iso_date(line.date), line.item_key))
}

fn decode_cursor(cursor: &str) -> Result<(Date, i64), CoreError> {
    let refused = || unreadable("page cursor", cursor);
    let bytes = URL_SAFE_NO_PAD.decode(cursor).map_err(|_| refused())?;
    let text = String::from_utf8(bytes).map_err(|_| refused())?;
    let (date, id) = text.split_once(':').ok_or_else(refused)?;
    Ok((parse_date(date).ok_or_else(refused)?, id.parse().map_err(|_| refused())?))
}

fn direction_code(direction: Direction) -> i64 {
    match direction {
        Direction::Deposit => 1,
        Direction::Withdrawal => 2,
    }
}

/// 0:00 JST of `date`: the balance row's `as_of` is the start of the latest
/// day its figures cover.
pub(super) fn start_of(date: Date) -> OffsetDateTime {
    PrimitiveDateTime::new(date, Time::MIDNIGHT).assume_offset(JST)
}

/// Writes a line whose balance is already known (the seed's lines).
pub(super) async fn insert_line(
    conn: &mut AnyConnection,
    account: AccountId,
    line: &NewLine,
) -> Result<i64, sqlx::Error> {
    let date = iso_date(line.date);
    sqlx::query_scalar(INSERT_LINE)
        .bind(account.0)
        .bind(&date)
        .bind(&date)
        .bind(direction_code(line.direction))
        .bind(line.amount)
        .bind(&line.remarks)
        .bind(line.balance_after)
        .fetch_one(conn)
        .await
}

impl EmbeddedCore {
    /// For tests and the demo: books a line on `date` (value date the
    /// same) and moves the balance row with it, in one transaction, so
    /// tests can show paging stays stable while lines arrive.
    ///
    /// The line is appended: its balance follows the account's current
    /// balance whatever its date, so a date before the last line's leaves
    /// running balances out of date order. `amount` must be positive; a
    /// withdrawal may take the balance below zero (no overdraft check).
    pub async fn book_transaction(
        &self,
        account: AccountId,
        date: Date,
        direction: Direction,
        amount: i64,
        remarks: &str,
    ) -> Result<Transaction, sqlx::Error> {
        if amount <= 0 {
            return Err(sqlx::Error::InvalidArgument(format!("a line's amount is positive, not {amount}")));
        }
        let delta = match direction {
            Direction::Deposit => amount,
            Direction::Withdrawal => -amount,
        };
        let mut tx = self.pool.begin().await?;
        // One atomic update serialises concurrent bookings on the account;
        // a later day first carries today's balance into the previous day's.
        let balance: i64 = sqlx::query_scalar(
            "UPDATE account_balances SET
                 previous_day_balance = CASE WHEN $3 > as_of THEN balance ELSE previous_day_balance END,
                 balance = balance + $2,
                 withdrawable = withdrawable + $2,
                 as_of = CASE WHEN $3 > as_of THEN $3 ELSE as_of END
             WHERE account_id = $1
             RETURNING balance",
        )
        .bind(account.0)
        .bind(delta)
        .bind(start_of(date).unix_timestamp())
        .fetch_one(&mut *tx)
        .await?;
        let line = NewLine { date, direction, amount, remarks: remarks.to_owned(), balance_after: balance };
        let id = insert_line(&mut tx, account, &line).await?;
        tx.commit().await?;
        Ok(Transaction {
            item_key: id.to_string(),
            date,
            value_date: date,
            direction,
            amount,
            remarks: line.remarks,
            balance,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn a_cursor_reads_back_and_anything_else_is_refused() {
        let line = Transaction {
            item_key: "42".into(),
            date: date!(2026 - 11 - 05),
            value_date: date!(2026 - 11 - 05),
            direction: Direction::Deposit,
            amount: 1,
            remarks: String::new(),
            balance: 1,
        };
        let cursor = cursor_after(&line);
        assert!(!cursor.contains("2026"), "opaque to the eye: {cursor}");
        assert_eq!(decode_cursor(&cursor).ok(), Some((date!(2026 - 11 - 05), 42)));
        for bad in ["", "!!", "MjAyNi0xMS0wNQ", "MjAyNi0xMS0wNTp4"] {
            assert!(matches!(decode_cursor(bad), Err(CoreError::Unreadable(_))), "{bad}");
        }
    }
}
