//! The bank API's JSON, as apps integrating Japanese personal APIs expect
//! it: camelCase, amounts as strings of whole yen, dates `YYYY-MM-DD`,
//! times `HH:MM:SS+09:00`, account types by the bankers' association's codes.

use crate::core::{Balance, Direction, HeldAccount, TransactionPage};
use renkei_common::api::{AccountInput, Branch};
use renkei_common::calendar::JST;
use serde::Serialize;
use time::{Date, OffsetDateTime};
use utoipa::ToSchema;

const YEN: &str = "JPY";

/// The account's id in the API: branch, type code and number, which is
/// what the app already knows of the account it was allowed to read.
pub fn account_id_of(key: &AccountInput) -> String {
    format!("{}{}{}", key.branch.as_str(), key.account_type.code(), key.number.as_str())
}

fn date_text(date: Date) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), date.month() as u8, date.day())
}

pub fn parse_date(text: &str) -> Option<Date> {
    let mut parts = text.splitn(3, '-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let month = time::Month::try_from(m.parse::<u8>().ok()?).ok()?;
    Date::from_calendar_date(y.parse().ok()?, month, d.parse().ok()?).ok()
}

/// `baseDate` and `baseTime`: when the answer stands, JST.
fn base(at: OffsetDateTime) -> (String, String) {
    let local = at.to_offset(JST);
    (date_text(local.date()), format!("{:02}:{:02}:{:02}+09:00", local.hour(), local.minute(), local.second()))
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AccountsBody {
    base_date: String,
    base_time: String,
    accounts: Vec<AccountItem>,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
struct AccountItem {
    /// Branch code, account type code and number, e.g. `00111234567`.
    #[schema(example = "00111234567")]
    account_id: String,
    branch_code: String,
    branch_name: String,
    account_type_code: String,
    account_type_name: String,
    account_number: String,
    account_name: String,
    account_name_kana: String,
    currency_code: &'static str,
}

impl AccountsBody {
    pub fn new(now: OffsetDateTime, held: &HeldAccount, branches: &[Branch]) -> Self {
        let key = &held.account.key;
        let branch_name =
            branches.iter().find(|b| b.code == key.branch.as_str()).map(|b| b.name.clone()).unwrap_or_default();
        let (base_date, base_time) = base(now);
        AccountsBody {
            base_date,
            base_time,
            accounts: vec![AccountItem {
                account_id: account_id_of(key),
                branch_code: key.branch.as_str().to_owned(),
                branch_name,
                account_type_code: key.account_type.code().to_string(),
                account_type_name: key.account_type.label().to_owned(),
                account_number: key.number.as_str().to_owned(),
                account_name: held.holder_kana.clone(),
                account_name_kana: held.holder_kana.clone(),
                currency_code: YEN,
            }],
        }
    }
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct BalancesBody {
    balances: Vec<BalanceItem>,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
struct BalanceItem {
    account_id: String,
    /// 1 普通, 4 貯蓄 (the bankers' association's codes).
    account_type_code: String,
    /// Whole yen, as a string.
    #[schema(example = "719317")]
    balance: String,
    withdrawable_amount: String,
    previous_day_balance: String,
    base_date: String,
    base_time: String,
    currency_code: &'static str,
}

impl BalancesBody {
    pub fn new(held: &HeldAccount, balance: &Balance) -> Self {
        let key = &held.account.key;
        let (base_date, base_time) = base(balance.as_of);
        BalancesBody {
            balances: vec![BalanceItem {
                account_id: account_id_of(key),
                account_type_code: key.account_type.code().to_string(),
                balance: balance.balance.to_string(),
                withdrawable_amount: balance.withdrawable.to_string(),
                previous_day_balance: balance.previous_day_balance.to_string(),
                base_date,
                base_time,
                currency_code: YEN,
            }],
        }
    }
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TransactionsBody {
    account_id: String,
    date_from: String,
    date_to: String,
    base_date: String,
    base_time: String,
    has_next: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    next_item_key: Option<String>,
    count: usize,
    transactions: Vec<TransactionItem>,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
struct TransactionItem {
    transaction_date: String,
    value_date: String,
    /// "1" 入金, "2" 出金
    transaction_type: &'static str,
    amount: String,
    remarks: String,
    balance: String,
    item_key: String,
}

impl TransactionsBody {
    pub fn new(now: OffsetDateTime, held: &HeldAccount, from: Date, to: Date, page: TransactionPage) -> Self {
        let (base_date, base_time) = base(now);
        let transactions: Vec<TransactionItem> = page
            .transactions
            .into_iter()
            .map(|t| TransactionItem {
                transaction_date: date_text(t.date),
                value_date: date_text(t.value_date),
                transaction_type: match t.direction {
                    Direction::Deposit => "1",
                    Direction::Withdrawal => "2",
                },
                amount: t.amount.to_string(),
                remarks: t.remarks,
                balance: t.balance.to_string(),
                item_key: t.item_key,
            })
            .collect();
        TransactionsBody {
            account_id: account_id_of(&held.account.key),
            date_from: date_text(from),
            date_to: date_text(to),
            base_date,
            base_time,
            has_next: page.next.is_some(),
            next_item_key: page.next,
            count: transactions.len(),
            transactions,
        }
    }
}
