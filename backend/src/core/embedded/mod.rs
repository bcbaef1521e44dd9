//! The embedded core: [`CoreBanking`] answered from demo tables in our own
//! database (branches, customers, customer_phones, accounts, and the ledger
//! of migration 0008). It is the default until a union plugs in its own
//! core, owns the demo data ([`seed`]) and a booking helper for tests.
//!
//! Every stored value is parsed on the way out: one that does not parse is
//! [`CoreError::Unreadable`], never dropped, so a damaged record shows as an
//! error rather than as a customer who cannot be found.

mod ledger;
mod passbook;
pub mod seed;

pub use seed::{DEMO_CUSTOMERS, DemoCustomer};

use super::{
    AccountId, AccountState, Balance, CoreAccount, CoreBanking, CoreError, HeldAccount, IdentityMatch, PinCheck,
};
use super::{TransactionPage, TransactionQuery};
use argon2::password_hash::Error as HashError;
use argon2::{Argon2, PasswordHash, PasswordVerifier};
use async_trait::async_trait;
use renkei_common::api::{AccountInput, Branch};
use renkei_common::fields::{AccountNumber, AccountType, BranchCode, PhoneLast4, PhoneNumber, Pin};
use sqlx::any::AnyRow;
use sqlx::{AnyPool, Row};
use time::{Date, Month};

/// The core on the demo tables of `pool`'s database.
#[derive(Clone, Debug)]
pub struct EmbeddedCore {
    pool: AnyPool,
}

impl EmbeddedCore {
    /// Over a pool whose database the store has migrated.
    pub fn new(pool: AnyPool) -> Self {
        EmbeddedCore { pool }
    }
}

#[async_trait]
impl CoreBanking for EmbeddedCore {
    async fn branches(&self) -> Result<Vec<Branch>, CoreError> {
        let rows = sqlx::query("SELECT code, name, kana FROM branches ORDER BY sort_order, code")
            .fetch_all(&self.pool)
            .await
            .map_err(db)?;
        rows.iter()
            .map(|row| {
                let code: String = row.try_get("code").map_err(db)?;
                Ok(Branch {
                    code: stored(&code, "branch code", BranchCode::parse)?.as_str().to_owned(),
                    name: row.try_get("name").map_err(db)?,
                    kana: row.try_get("kana").map_err(db)?,
                })
            })
            .collect()
    }

    async fn find_account(&self, key: &AccountInput) -> Result<Option<CoreAccount>, CoreError> {
        let row = sqlx::query(
            "SELECT a.id, a.branch_code, a.account_type, a.account_number, a.status, a.has_cash_card,
                    m.branch_code AS to_branch, m.account_type AS to_type, m.account_number AS to_number
             FROM accounts a LEFT JOIN accounts m ON m.id = a.moved_to
             WHERE a.branch_code = $1 AND a.account_type = $2 AND a.account_number = $3",
        )
        .bind(key.branch.as_str())
        .bind(key.account_type.as_str())
        .bind(key.number.as_str())
        .fetch_optional(&self.pool)
        .await
        .map_err(db)?;
        row.map(|row| account_of(&row)).transpose()
    }

    async fn account_by_id(&self, account: AccountId) -> Result<Option<HeldAccount>, CoreError> {
        let row = sqlx::query(
            "SELECT a.id, a.branch_code, a.account_type, a.account_number, a.status, a.has_cash_card,
                    m.branch_code AS to_branch, m.account_type AS to_type, m.account_number AS to_number,
                    c.kana_name
             FROM accounts a JOIN customers c ON c.id = a.customer_id LEFT JOIN accounts m ON m.id = a.moved_to
             WHERE a.id = $1",
        )
        .bind(account.0)
        .fetch_optional(&self.pool)
        .await
        .map_err(db)?;
        let Some(row) = row else { return Ok(None) };
        Ok(Some(HeldAccount { account: account_of(&row)?, holder_kana: row.try_get("kana_name").map_err(db)? }))
    }

    async fn check_identity(
        &self,
        account: AccountId,
        birth_date: Date,
        phone_last4: &PhoneLast4,
    ) -> Result<IdentityMatch, CoreError> {
        let stored_birth: Option<String> = sqlx::query_scalar(
            "SELECT c.birth_date FROM accounts a JOIN customers c ON c.id = a.customer_id WHERE a.id = $1",
        )
        .bind(account.0)
        .fetch_optional(&self.pool)
        .await
        .map_err(db)?;
        // An account we do not know has no holder whose details could match.
        let Some(stored_birth) = stored_birth else {
            return Ok(IdentityMatch { birth_date: false, phone_last4: false });
        };
        let born = parse_date(&stored_birth)
            .ok_or_else(|| CoreError::Unreadable(format!("birth date {stored_birth:?} of account {}", account.0)))?;
        let phones = self.registered_phones(account).await?;
        Ok(IdentityMatch {
            birth_date: born == birth_date,
            phone_last4: phones.iter().any(|phone| phone.e164().ends_with(phone_last4.as_str())),
        })
    }

    async fn registered_phones(&self, account: AccountId) -> Result<Vec<PhoneNumber>, CoreError> {
        let phones: Vec<String> = sqlx::query_scalar(
            "SELECT p.phone_e164 FROM customer_phones p JOIN accounts a ON a.customer_id = p.customer_id
             WHERE a.id = $1 ORDER BY p.sort_order",
        )
        .bind(account.0)
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        phones.iter().map(|phone| PhoneNumber::parse(phone).ok_or_else(|| unreadable("phone number", phone))).collect()
    }

    async fn verify_pin(&self, account: AccountId, pin: &Pin) -> Result<PinCheck, CoreError> {
        let hash: Option<Option<String>> = sqlx::query_scalar("SELECT pin_hash FROM accounts WHERE id = $1")
            .bind(account.0)
            .fetch_optional(&self.pool)
            .await
            .map_err(db)?;
        let Some(hash) = hash.flatten() else { return Ok(PinCheck::NoPin) };
        let pin = pin.clone();
        // argon2 is deliberately slow: keep it off the async workers.
        tokio::task::spawn_blocking(move || {
            let parsed = PasswordHash::new(&hash)
                .map_err(|e| CoreError::Unreadable(format!("PIN hash of account {}: {e}", account.0)))?;
            match Argon2::default().verify_password(pin.expose().as_bytes(), &parsed) {
                Ok(()) => Ok(PinCheck::Matches),
                Err(HashError::Password) => Ok(PinCheck::Wrong),
                Err(e) => Err(CoreError::Unreadable(format!("PIN hash of account {}: {e}", account.0))),
            }
        })
        .await
        .map_err(|e| CoreError::Unavailable(format!("PIN check: {e}")))?
    }

    async fn balance(&self, account: AccountId) -> Result<Option<Balance>, CoreError> {
        ledger::balance(&self.pool, account).await
    }

    async fn transactions(&self, account: AccountId, query: &TransactionQuery) -> Result<TransactionPage, CoreError> {
        ledger::transactions(&self.pool, account, query).await
    }
}

/// An account row (with its move target's key) as the core's account.
fn account_of(row: &AnyRow) -> Result<CoreAccount, CoreError> {
    let id: i64 = row.try_get("id").map_err(db)?;
    let status: String = row.try_get("status").map_err(db)?;
    let has_cash_card: i64 = row.try_get("has_cash_card").map_err(db)?;
    let has_cash_card = match has_cash_card {
        0 => false,
        1 => true,
        other => return Err(unreadable("has_cash_card", &other.to_string())),
    };
    let state = match status.as_str() {
        "active" if has_cash_card => AccountState::InUse,
        "active" => AccountState::NoCashCard,
        "moved" => AccountState::Moved { to: moved_to(row)? },
        "closed" => AccountState::Closed,
        _ => return Err(unreadable("account status", &status)),
    };
    let key = account_key(
        &row.try_get::<String, _>("branch_code").map_err(db)?,
        &row.try_get::<String, _>("account_type").map_err(db)?,
        &row.try_get::<String, _>("account_number").map_err(db)?,
    )?;
    Ok(CoreAccount { id: AccountId(id), key, state })
}

/// Where a moved account went, when the core recorded it.
fn moved_to(row: &AnyRow) -> Result<Option<AccountInput>, CoreError> {
    let branch: Option<String> = row.try_get("to_branch").map_err(db)?;
    let account_type: Option<String> = row.try_get("to_type").map_err(db)?;
    let number: Option<String> = row.try_get("to_number").map_err(db)?;
    match (branch, account_type, number) {
        (Some(branch), Some(account_type), Some(number)) => account_key(&branch, &account_type, &number).map(Some),
        _ => Ok(None),
    }
}

fn account_key(branch: &str, account_type: &str, number: &str) -> Result<AccountInput, CoreError> {
    Ok(AccountInput {
        branch: stored(branch, "branch code", BranchCode::parse)?,
        account_type: stored(account_type, "account type", AccountType::parse)?,
        number: stored(number, "account number", AccountNumber::parse)?,
    })
}

/// A stored field through its parser: our tables hold only what the
/// screens accept, so anything else is a damaged record.
fn stored<T, E>(value: &str, what: &str, parse: impl FnOnce(&str) -> Result<T, E>) -> Result<T, CoreError> {
    parse(value).map_err(|_| unreadable(what, value))
}

fn unreadable(what: &str, value: &str) -> CoreError {
    CoreError::Unreadable(format!("{what} {value:?}"))
}

/// The database's failures: a value that does not decode is the core
/// answering unreadably; anything else is the core being unavailable.
fn db(e: sqlx::Error) -> CoreError {
    match e {
        sqlx::Error::ColumnDecode { .. } | sqlx::Error::Decode(_) => CoreError::Unreadable(e.to_string()),
        _ => CoreError::Unavailable(e.to_string()),
    }
}

/// `YYYY-MM-DD`, the form the demo tables store dates in.
fn parse_date(text: &str) -> Option<Date> {
    let shape = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() });
    if !shape {
        return None;
    }
    let month = Month::try_from(text[5..7].parse::<u8>().ok()?).ok()?;
    Date::from_calendar_date(text[..4].parse().ok()?, month, text[8..].parse().ok()?).ok()
}

fn iso_date(date: Date) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), u8::from(date.month()), date.day())
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn stored_dates_read_back_as_written() {
        assert_eq!(parse_date("1985-04-01"), Some(date!(1985 - 04 - 01)));
        assert_eq!(iso_date(date!(2026 - 11 - 05)), "2026-11-05");
        for bad in ["", "1985-4-1", "1985-02-30", "1985/04/01", "85-04-01", "1985-04-01x", "+985-04-01"] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }
}
