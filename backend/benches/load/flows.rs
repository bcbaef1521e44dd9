//! The endpoints a single request cannot be repeated on: the refresh grant
//! (each use rotates the token) and the PIN check (each success moves the
//! flow to ⑥). Each gets what it spends prepared beforehand.

use crate::wrk::Script;
use renkei_backend::secrets;
use renkei_backend::web::demo_app::CLIENT_ID;
use std::fmt::Write as _;
use std::time::{Duration, Instant};

/// `count` links of the demo app on `account`; their refresh tokens.
pub async fn seeded_grants(linked: &crate::Linked, count: usize) -> Vec<String> {
    let now = time::OffsetDateTime::now_utc();
    let mut tokens = Vec::with_capacity(count);
    for _ in 0..count {
        let refresh = secrets::random_secret();
        let during = (now, now + time::Duration::days(90));
        let store = &linked.state.store;
        store
            .seed_link(linked.account, CLIENT_ID, "balance transactions", during, &secrets::hash(&refresh))
            .await
            .expect("a link");
        tokens.push(refresh);
    }
    tokens
}

/// The refresh grant under wrk: each thread holds its share of the grants
/// (twice its connections, so a token whose answer never came back
/// starves no connection); a request spends the oldest and its answer
/// puts the rotated token at the back.
pub fn refresh_script(basic: &str, tokens: &[String], threads: usize) -> Script {
    let mut lua = format!(
        "wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"application/x-www-form-urlencoded\"\n\
         wrk.headers[\"Authorization\"] = {basic:?}\nlocal per = {}\nlocal all = {{",
        tokens.len() / threads
    );
    for token in tokens {
        let _ = write!(lua, "{token:?},");
    }
    lua.push_str(
        r#"}
local threads = {}
local assigned = 0
function setup(thread) thread:set("first", assigned * per); assigned = assigned + 1; table.insert(threads, thread) end
function init(args)
  client_errors = 0
  server_errors = 0
  pool = {}
  for i = first + 1, first + per do table.insert(pool, all[i]) end
end
function request()
  local token = table.remove(pool, 1) or "spent"
  return wrk.format(nil, nil, nil, "grant_type=refresh_token&refresh_token=" .. token)
end
function response(status, headers, body)
  if status >= 500 then server_errors = server_errors + 1 elseif status ~= 200 then client_errors = client_errors + 1 end
  local token = string.match(body, '"refresh_token":"([^"]+)"')
  if token then table.insert(pool, token) end
end
function done(summary, latency, requests)
  local client, server = 0, 0
  for _, thread in ipairs(threads) do
    client = client + thread:get("client_errors")
    server = server + thread:get("server_errors")
  end
  io.write(string.format("non_2xx %d\n4xx %d, 5xx %d\n", client + server, client, server))
end
"#,
    );
    Script(lua)
}

/// A demo customer with a cash card: the answers of ①②, and the PIN.
struct Customer {
    branch: &'static str,
    kind: &'static str,
    number: &'static str,
    birth_date: &'static str,
    phone_last4: &'static str,
    pin: &'static str,
}

/// README's demo customers who can pass ⑤.
static CUSTOMERS: [Customer; 4] = [
    Customer {
        branch: "001",
        kind: "ordinary",
        number: "1234567",
        birth_date: "1985-04-01",
        phone_last4: "5678",
        pin: "1234",
    },
    Customer {
        branch: "002",
        kind: "ordinary",
        number: "2345678",
        birth_date: "1990-12-24",
        phone_last4: "6789",
        pin: "2580",
    },
    Customer {
        branch: "001",
        kind: "savings",
        number: "3456789",
        birth_date: "1978-07-15",
        phone_last4: "7890",
        pin: "3690",
    },
    Customer {
        branch: "022",
        kind: "ordinary",
        number: "2222222",
        birth_date: "1969-09-09",
        phone_last4: "9012",
        pin: "1357",
    },
];

/// Checks of one account at a time: a check counts as a failure until it
/// succeeds (so that concurrent wrong PINs all count), and three at once
/// on one account would lock it, as they should.
const PER_ACCOUNT: usize = 2;

/// The PIN endpoint (screen ⑤): `flows` flows brought to ⑤ beforehand
/// through ①–④, spread over the demo customers, then each checked once
/// with the right PIN, `PER_ACCOUNT` at a time per account: requests per
/// second, p50 and p99 in ms, answers that were not 200.
pub async fn pin_check(base: &str, flows: usize) -> (f64, f64, f64, u64) {
    // One flow of an account in ④ at a time: two attempts waiting for a
    // call from the same phone make its call ambiguous, and void.
    let per_customer = flows / CUSTOMERS.len();
    let mut preparing = tokio::task::JoinSet::new();
    for customer in &CUSTOMERS {
        let base = base.to_owned();
        preparing.spawn(async move {
            let mut browsers = Vec::with_capacity(per_customer);
            for _ in 0..per_customer {
                browsers.push(at_screen_five(&base, customer).await);
            }
            (customer, browsers)
        });
    }
    let prepared = preparing.join_all().await;
    let started = Instant::now();
    let mut checking = tokio::task::JoinSet::new();
    for (customer, browsers) in prepared {
        for lane in 0..PER_ACCOUNT {
            let mine: Vec<reqwest::Client> = browsers.iter().skip(lane).step_by(PER_ACCOUNT).cloned().collect();
            let url = format!("{base}/api/flow/pin");
            let origin = base.to_owned();
            checking.spawn(async move {
                let pin = serde_json::json!({ "pin": customer.pin });
                let mut timed = Vec::with_capacity(mine.len());
                for browser in mine {
                    let sent = Instant::now();
                    let response = browser.post(&url).header("origin", &origin).json(&pin).send().await;
                    timed.push((sent.elapsed(), response.map(|r| r.status().as_u16()).unwrap_or(0)));
                }
                timed
            });
        }
    }
    let timed: Vec<(Duration, u16)> = checking.join_all().await.into_iter().flatten().collect();
    let elapsed = started.elapsed().as_secs_f64();
    let mut latencies: Vec<Duration> = timed.iter().map(|(latency, _)| *latency).collect();
    latencies.sort();
    let percentile = |p: f64| latencies[((latencies.len() - 1) as f64 * p) as usize].as_secs_f64() * 1000.0;
    let failed = timed.iter().filter(|(_, status)| *status != 200).count() as u64;
    (timed.len() as f64 / elapsed, percentile(0.5), percentile(0.99), failed)
}

/// A browser of its own whose flow (the development profile's, begun at
/// ①) has passed ①–④ as `customer`.
async fn at_screen_five(base: &str, customer: &Customer) -> reqwest::Client {
    let browser = reqwest::Client::builder().cookie_store(true).build().expect("a client");
    let steps = [
        (
            "/api/flow/account",
            serde_json::json!({"branch_code": customer.branch, "account_type": customer.kind, "account_number": customer.number}),
        ),
        (
            "/api/flow/customer",
            serde_json::json!({"birth_date": customer.birth_date, "phone_last4": customer.phone_last4,
                "kana_name": "テスト タロウ", "email": "bench@example.jp", "email_confirmation": "bench@example.jp"}),
        ),
        ("/api/flow/phones", serde_json::json!({"index": 0})),
        ("/api/flow/simulate-call", serde_json::json!({"caller": "registered"})),
        ("/api/flow/call/confirm", serde_json::Value::Null),
    ];
    for (path, body) in steps {
        let response =
            browser.post(format!("{base}{path}")).header("origin", base).json(&body).send().await.expect("the server");
        assert!(response.status().is_success(), "{path}: {}", response.status());
    }
    browser
}
