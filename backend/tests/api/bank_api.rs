//! The bank API as an app reads it with its access token: the account, its
//! balance and about three months of transactions, within the link's
//! scopes, for as long as the link stands.

use crate::oauth::{
    another_browser_without_redirects, answer_consent, code_for, customer_passes_screens_one_to_five, exchange_code,
    location, query_param, redirect_uri,
};
use crate::on_both_databases;
use crate::support::TestApp;
use renkei_backend::core::embedded::EmbeddedCore;
use renkei_backend::core::{AccountId, Direction};
use renkei_backend::domain::bank_api::history_start;
use renkei_backend::secrets;
use renkei_backend::web::demo_app::{CLIENT_ID, CLIENT_SECRET};
use renkei_common::calendar::jst;
use serde_json::Value;
use std::collections::HashSet;
use time::{Date, Duration};

/// Yamada's account as the API names it: branch 001, type 1, number.
pub(crate) const ACCOUNT: &str = "00111234567";

async fn exchange(app: &TestApp, code: &str, verifier: &str) -> Value {
    let response = exchange_code(app, code, verifier).await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

/// Tokens of a link allowing both inquiries.
pub(crate) async fn linked(app: &TestApp) -> Value {
    let (code, verifier) = code_for(app).await;
    exchange(app, &code, verifier.secret()).await
}

/// Tokens of a link allowing only `scope`.
async fn linked_for(app: &TestApp, scope: &str) -> Value {
    let (browser, verifier) = the_demo_app_asks_for(app, scope).await;
    customer_passes_screens_one_to_five(app, &browser).await;
    let back = answer_consent(app, &browser, "allow").await;
    exchange(app, &query_param(&back, "code").unwrap(), &verifier).await
}

/// The demo app asks for `scope` (PKCE S256): a browser at ①, and the
/// verifier the app keeps.
pub(crate) async fn the_demo_app_asks_for(app: &TestApp, scope: &str) -> (reqwest::Client, String) {
    let verifier = secrets::random_secret();
    let query = [
        ("response_type", "code"),
        ("client_id", CLIENT_ID),
        ("redirect_uri", &redirect_uri(app)),
        ("scope", scope),
        ("state", "s"),
        ("code_challenge", &secrets::s256(&verifier)),
        ("code_challenge_method", "S256"),
    ];
    let browser = another_browser_without_redirects();
    let started = browser.get(app.url("/oauth/authorize")).query(&query).send().await.unwrap();
    assert_eq!(location(&started), "/auth/account");
    (browser, verifier)
}

pub(crate) fn access(tokens: &Value) -> String {
    tokens["access_token"].as_str().unwrap().to_owned()
}

pub(crate) async fn read(app: &TestApp, token: &str, path: &str) -> (u16, Value, reqwest::header::HeaderMap) {
    let response = reqwest::Client::new().get(app.url(path)).bearer_auth(token).send().await.unwrap();
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    (status, response.json().await.unwrap_or_default(), headers)
}

fn today(app: &TestApp) -> Date {
    jst(app.clock_now()).date()
}

fn transactions_path(from: Date, to: Date, next: Option<&str>) -> String {
    let mut path = format!("/api/personal/v1/accounts/transactions?accountId={ACCOUNT}&dateFrom={from}&dateTo={to}");
    if let Some(next) = next {
        path.push_str(&format!("&nextItemKey={next}"));
    }
    path
}

/// Every line from `from` to `to`, page by page; the item keys in order.
async fn every_line(app: &TestApp, token: &str, from: Date, to: Date) -> Vec<Value> {
    let mut lines = Vec::new();
    let mut next: Option<String> = None;
    loop {
        let (status, page, _) = read(app, token, &transactions_path(from, to, next.as_deref())).await;
        assert_eq!(status, 200, "{page}");
        let batch = page["transactions"].as_array().unwrap().clone();
        assert_eq!(page["count"].as_u64().unwrap() as usize, batch.len());
        assert!(batch.len() <= 500, "at most 500 a page");
        lines.extend(batch);
        match page["nextItemKey"].as_str() {
            Some(key) if page["hasNext"] == true => next = Some(key.to_owned()),
            _ => return lines,
        }
    }
}

/// Every key of `value` is a property of `schema` and every required one
/// is there, recursively through `$ref`s, arrays and objects.
pub(crate) fn conforms(document: &Value, schema: &Value, value: &Value, at: &str) {
    let schema = match schema["$ref"].as_str() {
        Some(reference) => {
            let name = reference.rsplit('/').next().unwrap();
            &document["components"]["schemas"][name]
        }
        None => schema,
    };
    if let Some(items) = schema.get("items") {
        for (i, item) in value.as_array().unwrap_or_else(|| panic!("{at} is not an array")).iter().enumerate() {
            conforms(document, items, item, &format!("{at}[{i}]"));
        }
        return;
    }
    let Some(properties) = schema["properties"].as_object() else { return };
    let object = value.as_object().unwrap_or_else(|| panic!("{at} is not an object: {value}"));
    for key in object.keys() {
        assert!(properties.contains_key(key), "{at}.{key} is not in the document");
    }
    for required in schema["required"].as_array().into_iter().flatten() {
        let key = required.as_str().unwrap();
        assert!(object.contains_key(key), "{at}.{key} is required by the document but missing");
    }
    for (key, property) in properties {
        if let Some(inner) = object.get(key).filter(|v| !v.is_null()) {
            conforms(document, property, inner, &format!("{at}.{key}"));
        }
    }
}

on_both_databases! {
    async fn the_served_openapi_document_describes_what_the_api_answers(app) {
        let document: Value = app.get("/api/personal/v1/openapi.json").await.json().await.unwrap();
        assert!(document["openapi"].as_str().unwrap().starts_with("3."));
        let token = access(&linked(&app).await);
        for (path, query) in [
            ("/api/personal/v1/accounts", String::new()),
            ("/api/personal/v1/accounts/balances", format!("?accountId={ACCOUNT}")),
            ("/api/personal/v1/accounts/transactions", format!("?accountId={ACCOUNT}&dateFrom={}", history_start(today(&app)))),
        ] {
            let operation = &document["paths"][path]["get"];
            assert!(operation.is_object(), "{path} is documented");
            let (status, body, _) = read(&app, &token, &format!("{path}{query}")).await;
            assert_eq!(status, 200);
            let schema = &operation["responses"]["200"]["content"]["application/json"]["schema"];
            conforms(&document, schema, &body, path);
        }
        let (status, refused, _) = read(&app, "not-a-token", "/api/personal/v1/accounts").await;
        assert_eq!(status, 401);
        let schema = &document["paths"]["/api/personal/v1/accounts"]["get"]["responses"]["401"]["content"]["application/json"]["schema"];
        conforms(&document, schema, &refused, "401");
        let lines = &document["components"]["schemas"]["TransactionsBody"]["properties"]["transactions"];
        assert!(lines["items"].is_object(), "the schemas are there to check against: {lines}");
        assert!(document["components"]["securitySchemes"]["bearer"].is_object());
        assert!(document["components"]["securitySchemes"]["dpop"].is_object());
    }

    async fn a_linked_app_reads_the_account_its_balance_and_three_months_of_transactions(app) {
        let token = access(&linked(&app).await);
        let (status, accounts, headers) = read(&app, &token, "/api/personal/v1/accounts").await;
        assert_eq!(status, 200, "{accounts}");
        assert_eq!(headers["cache-control"], "no-store");
        let account = &accounts["accounts"][0];
        assert_eq!(accounts["accounts"].as_array().unwrap().len(), 1, "only the linked account");
        assert_eq!(account["accountId"], ACCOUNT);
        assert_eq!(account["branchCode"], "001");
        assert_eq!(account["branchName"], "本店営業部");
        assert_eq!((account["accountTypeCode"].as_str(), account["accountTypeName"].as_str()), (Some("1"), Some("普通")));
        assert_eq!(account["accountNumber"], "1234567");
        assert_eq!(account["accountNameKana"], "ヤマダ　タロウ");
        assert_eq!(account["currencyCode"], "JPY");
        assert_eq!(accounts["baseDate"], "2026-11-26");
        assert!(accounts["baseTime"].as_str().unwrap().ends_with("+09:00"));

        let (status, balances, _) = read(&app, &token, &format!("/api/personal/v1/accounts/balances?accountId={ACCOUNT}")).await;
        assert_eq!(status, 200, "{balances}");
        let balance = balances["balances"][0]["balance"].as_str().expect("an amount as a string");
        assert!(balance.chars().all(|c| c.is_ascii_digit()), "whole yen: {balance}");

        let lines = every_line(&app, &token, history_start(today(&app)), today(&app)).await;
        assert!(lines.len() >= 12, "three months of salary, bills and cash: {}", lines.len());
        let last = lines.last().unwrap();
        assert_eq!(last["balance"].as_str(), Some(balance), "the last line's balance is the balance");
        for line in &lines {
            assert!(matches!(line["transactionType"].as_str(), Some("1" | "2")), "{line}");
            assert!(line["amount"].as_str().unwrap().parse::<u64>().is_ok(), "{line}");
            assert!(!line["remarks"].as_str().unwrap().is_empty());
        }
        let (_, no_dates, _) = read(&app, &token, &format!("/api/personal/v1/accounts/transactions?accountId={ACCOUNT}")).await;
        assert_eq!(no_dates["dateFrom"], "2026-11-26", "no dates means today");
        assert_eq!(no_dates["dateTo"], "2026-11-26");
    }

    async fn history_older_than_three_months_is_refused_with_a_clear_error(app) {
        let token = access(&linked(&app).await);
        let start = history_start(today(&app));
        let (status, body, _) = read(&app, &token, &transactions_path(start - Duration::days(1), today(&app), None)).await;
        assert_eq!((status, body["errorCode"].as_str()), (400, Some("R04")), "{body}");
        assert!(body["errorMessage"].as_str().unwrap().contains("3か月"));
        let (status, _, _) = read(&app, &token, &transactions_path(start, today(&app), None)).await;
        assert_eq!(status, 200, "the first day of the history is served");
        let (status, body, _) = read(&app, &token, &transactions_path(today(&app), start, None)).await;
        assert_eq!((status, body["errorCode"].as_str()), (400, Some("R03")), "from after to");
        let (status, body, _) =
            read(&app, &token, &format!("/api/personal/v1/accounts/transactions?accountId={ACCOUNT}&dateFrom=2026/11/01")).await;
        assert_eq!((status, body["errorCode"].as_str()), (400, Some("R03")), "{body}");
    }

    async fn pages_stay_whole_while_lines_are_booked_between_them(app) {
        let token = access(&linked(&app).await);
        let core = EmbeddedCore::new(app.store.pool().clone());
        let yesterday = today(&app) - Duration::days(1);
        for _ in 0..520 {
            core.book_transaction(AccountId(1), yesterday, Direction::Withdrawal, 1, "ﾃｽﾄ").await.unwrap();
        }
        let (from, to) = (history_start(today(&app)), today(&app));
        let (_, first, _) = read(&app, &token, &transactions_path(from, to, None)).await;
        assert_eq!((first["count"].as_u64(), first["hasNext"].as_bool()), (Some(500), Some(true)));
        // A line booked on an earlier day while the app pages.
        core.book_transaction(AccountId(1), from, Direction::Deposit, 1_000, "ﾌﾘｺﾐ").await.unwrap();
        let next = first["nextItemKey"].as_str().unwrap();
        let (_, second, _) = read(&app, &token, &transactions_path(from, to, Some(next))).await;
        let keys: Vec<&str> = first["transactions"]
            .as_array()
            .unwrap()
            .iter()
            .chain(second["transactions"].as_array().unwrap())
            .map(|l| l["itemKey"].as_str().unwrap())
            .collect();
        let unique: HashSet<&&str> = keys.iter().collect();
        assert_eq!(unique.len(), keys.len(), "no line repeats across pages");
        let before = every_line(&app, &token, from, to).await.len();
        assert_eq!(keys.len() + 1, before, "every line that existed came, and the new one is there on a fresh read");
    }

    async fn each_inquiry_needs_its_scope(app) {
        let token = access(&linked_for(&app, "balance").await);
        let (status, _, _) = read(&app, &token, &format!("/api/personal/v1/accounts/balances?accountId={ACCOUNT}")).await;
        assert_eq!(status, 200);
        let (status, body, headers) = read(&app, &token, &transactions_path(today(&app), today(&app), None)).await;
        assert_eq!((status, body["errorCode"].as_str()), (403, Some("R02")), "{body}");
        let challenge = headers["www-authenticate"].to_str().unwrap();
        assert!(challenge.starts_with("Bearer") && challenge.contains("error=\"insufficient_scope\""), "{challenge}");
        let (status, body, _) = read(&app, &token, "/api/personal/v1/accounts/balances?accountId=00219999999").await;
        assert_eq!((status, body["errorCode"].as_str()), (404, Some("R05")), "another account");
    }

    async fn no_revoked_or_expired_token_opens_anything(app) {
        let tokens = linked(&app).await;
        let token = access(&tokens);
        let response = reqwest::Client::new().get(app.url("/api/personal/v1/accounts")).send().await.unwrap();
        assert_eq!(response.status(), 401);
        assert_eq!(response.headers()["www-authenticate"], "Bearer realm=\"renkei-auth\"", "no token, no error code");
        let (status, body, headers) = read(&app, "not-a-token", "/api/personal/v1/accounts").await;
        assert_eq!((status, body["errorCode"].as_str()), (401, Some("R01")));
        assert!(headers["www-authenticate"].to_str().unwrap().contains("error=\"invalid_token\""));
        // Ten minutes on, the access token has expired.
        app.clock.advance(Duration::minutes(11));
        assert_eq!(read(&app, &token, "/api/personal/v1/accounts").await.0, 401, "expired");
        app.clock.advance(Duration::minutes(-11));
        let revoked = reqwest::Client::new()
            .post(app.url("/oauth/revoke"))
            .basic_auth(CLIENT_ID, Some(CLIENT_SECRET))
            .form(&[("token", tokens["refresh_token"].as_str().unwrap())])
            .send()
            .await
            .unwrap();
        assert_eq!(revoked.status(), 200);
        assert_eq!(read(&app, &token, "/api/personal/v1/accounts").await.0, 401, "revoking the link ends its access token");
    }

    async fn after_ninety_days_the_link_needs_the_customer_again(app) {
        let tokens = linked(&app).await;
        let refresh = |token: String| {
            reqwest::Client::new()
                .post(app.url("/oauth/token"))
                .basic_auth(CLIENT_ID, Some(CLIENT_SECRET))
                .form(&[("grant_type", "refresh_token".to_owned()), ("refresh_token", token)])
                .send()
        };
        app.clock.advance(Duration::days(89));
        let renewed: Value = refresh(tokens["refresh_token"].as_str().unwrap().to_owned()).await.unwrap().json().await.unwrap();
        assert_eq!(read(&app, &access(&renewed), "/api/personal/v1/accounts").await.0, 200, "day 89: still linked");
        app.clock.advance(Duration::days(2));
        let expired = refresh(renewed["refresh_token"].as_str().unwrap().to_owned()).await.unwrap();
        assert_eq!(expired.status(), 400, "day 91: the periodic re-authentication is due");
        assert_eq!(read(&app, &access(&renewed), "/api/personal/v1/accounts").await.0, 401);
    }

    async fn a_moved_account_ends_its_links_on_their_next_use(app) {
        let tokens = linked(&app).await;
        assert_eq!(read(&app, &access(&tokens), "/api/personal/v1/accounts").await.0, 200);
        // The union moves the account to another branch (移管).
        sqlx::query("UPDATE accounts SET status = 'moved' WHERE id = 1").execute(app.store.pool()).await.unwrap();
        let (status, body, _) = read(&app, &access(&tokens), "/api/personal/v1/accounts").await;
        assert_eq!((status, body["errorCode"].as_str()), (401, Some("R01")), "{body}");
        let refreshed = reqwest::Client::new()
            .post(app.url("/oauth/token"))
            .basic_auth(CLIENT_ID, Some(CLIENT_SECRET))
            .form(&[("grant_type", "refresh_token"), ("refresh_token", tokens["refresh_token"].as_str().unwrap())])
            .send()
            .await
            .unwrap();
        assert_eq!(refreshed.status(), 400, "the link is gone: refreshing fails too");
    }
}
