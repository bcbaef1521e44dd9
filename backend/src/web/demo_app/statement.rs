//! What the demo app shows once linked: the balance and the last three
//! months of transactions, read from the bank API with its access token
//! exactly as an outside app reads them, page after page (`nextItemKey`).

use super::{Mode, escape};
use crate::state::AppState;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Accounts {
    accounts: Vec<Account>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Account {
    account_id: String,
    branch_name: String,
    account_type_name: String,
    account_number: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Balances {
    balances: Vec<BalanceLine>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct BalanceLine {
    balance: String,
    base_date: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Page {
    has_next: bool,
    next_item_key: Option<String>,
    transactions: Vec<Line>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Line {
    transaction_date: String,
    transaction_type: String,
    amount: String,
    remarks: String,
    balance: String,
}

async fn get<T: for<'de> Deserialize<'de>>(mode: Mode, state: &AppState, path: &str, token: &str) -> Option<T> {
    let response = mode.read(state, path, token)?.send().await.ok()?;
    if !response.status().is_success() {
        return None;
    }
    response.json().await.ok()
}

/// `12345` → `12,345円`, as a passbook app shows yen.
fn yen(amount: &str) -> String {
    let digits: Vec<char> = amount.chars().collect();
    let mut text = String::new();
    for (i, c) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            text.push(',');
        }
        text.push(*c);
    }
    format!("{text}円")
}

/// The statement as HTML; a sentence saying it could not be read otherwise.
pub async fn read(mode: Mode, state: &AppState, token: &str) -> String {
    match statement(mode, state, token).await {
        Some(html) => html,
        None => "<p>残高・明細を読み込めませんでした。</p>".to_owned(),
    }
}

async fn statement(mode: Mode, state: &AppState, token: &str) -> Option<String> {
    let accounts: Accounts = get(mode, state, "/api/personal/v1/accounts", token).await?;
    let account = accounts.accounts.first()?;
    let id = &account.account_id;
    let balances: Balances =
        get(mode, state, &format!("/api/personal/v1/accounts/balances?accountId={id}"), token).await?;
    let balance = balances.balances.first()?;
    // Three months back, to today: what the union's API serves.
    let today = renkei_common::calendar::jst(state.clock.now()).date();
    let from = crate::domain::bank_api::history_start(today);
    let mut lines = Vec::new();
    let mut next: Option<String> = None;
    for _ in 0..20 {
        let mut path = format!("/api/personal/v1/accounts/transactions?accountId={id}&dateFrom={from}&dateTo={today}");
        if let Some(key) = &next {
            path.push_str(&format!("&nextItemKey={key}"));
        }
        let page: Page = get(mode, state, &path, token).await?;
        lines.extend(page.transactions);
        match page.next_item_key {
            Some(key) if page.has_next => next = Some(key),
            _ => break,
        }
    }
    let rows: String = lines
        .iter()
        .rev()
        .map(|line| {
            let (sign, class) = if line.transaction_type == "1" { ("+", "in") } else { ("−", "out") };
            format!(
                "<tr><td>{}</td><td>{}</td><td class=\"demo__{class}\">{sign}{}</td><td>{}</td></tr>",
                escape(&line.transaction_date),
                escape(&line.remarks),
                escape(&yen(&line.amount)),
                escape(&yen(&line.balance)),
            )
        })
        .collect();
    Some(format!(
        "<section class=\"demo__statement\"><h2>{} {} {}</h2>\
         <p>残高 <strong id=\"balance\">{}</strong>（{}現在）</p>\
         <h3>入出金明細（{from}〜{today}、{}件）</h3>\
         <table><thead><tr><th>日付</th><th>摘要</th><th>金額</th><th>残高</th></tr></thead><tbody>{rows}</tbody></table>\
         </section>",
        escape(&account.branch_name),
        escape(&account.account_type_name),
        escape(&account.account_number),
        escape(&yen(&balance.balance)),
        escape(&balance.base_date),
        lines.len(),
    ))
}

#[cfg(test)]
mod tests {
    use super::yen;

    #[test]
    fn yen_is_grouped_by_thousands() {
        assert_eq!(yen("0"), "0円");
        assert_eq!(yen("999"), "999円");
        assert_eq!(yen("1000"), "1,000円");
        assert_eq!(yen("1234567"), "1,234,567円");
    }
}
