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

/// The refresh grant under wrk: each thread holds half the grants; a
/// request spends one and its answer gives the rotated token back to the
/// pool (so every connection always has one live token to send).
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
  bad = 0
  pool = {}
  for i = first + 1, first + per do table.insert(pool, all[i]) end
end
function request()
  local token = table.remove(pool) or "spent"
  return wrk.format(nil, nil, nil, "grant_type=refresh_token&refresh_token=" .. token)
end
function response(status, headers, body)
  if status ~= 200 then bad = bad + 1 end
  local token = string.match(body, '"refresh_token":"([^"]+)"')
  if token then table.insert(pool, token) end
end
function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + thread:get("bad") end
  io.write(string.format("non_2xx %d\n", total))
end
"#,
    );
    Script(lua)
}

/// The PIN endpoint (screen ⑤) at `concurrency` requests at a time, each on
/// a flow of its own that ①–④ brought to ⑤ beforehand: requests per
/// second, p50 and p99 in ms, answers that were not 200.
pub async fn pin_check(base: &str, flows: usize, concurrency: usize) -> (f64, f64, f64, u64) {
    let browsers = at_most(concurrency, (0..flows).map(|_| at_screen_five(base.to_owned()))).await;
    let started = Instant::now();
    let timed = at_most(
        concurrency,
        browsers.into_iter().map(|browser| {
            let url = format!("{base}/api/flow/pin");
            let origin = base.to_owned();
            async move {
                let sent = Instant::now();
                let pin = serde_json::json!({ "pin": "1234" });
                let response = browser.post(url).header("origin", origin).json(&pin).send().await;
                (sent.elapsed(), response.map(|r| r.status().as_u16()).unwrap_or(0))
            }
        }),
    )
    .await;
    let elapsed = started.elapsed().as_secs_f64();
    let mut latencies: Vec<Duration> = timed.iter().map(|(latency, _)| *latency).collect();
    latencies.sort();
    let percentile = |p: f64| latencies[((latencies.len() - 1) as f64 * p) as usize].as_secs_f64() * 1000.0;
    let failed = timed.iter().filter(|(_, status)| *status != 200).count() as u64;
    (timed.len() as f64 / elapsed, percentile(0.5), percentile(0.99), failed)
}

/// Runs every task, at most `concurrency` at a time; their outputs in the
/// order they finish.
async fn at_most<T: Send + 'static>(
    concurrency: usize,
    tasks: impl Iterator<Item = impl std::future::Future<Output = T> + Send + 'static>,
) -> Vec<T> {
    let permits = std::sync::Arc::new(tokio::sync::Semaphore::new(concurrency));
    let mut running = tokio::task::JoinSet::new();
    for task in tasks {
        let permits = permits.clone();
        running.spawn(async move {
            let _permit = permits.acquire_owned().await.expect("the semaphore is never closed");
            task.await
        });
    }
    running.join_all().await
}

/// A browser of its own whose flow (the development profile's, begun at
/// ①) has passed ①–④ as the happy-path customer.
async fn at_screen_five(base: String) -> reqwest::Client {
    let browser = reqwest::Client::builder().cookie_store(true).build().expect("a client");
    let steps = [
        (
            "/api/flow/account",
            serde_json::json!({"branch_code":"001","account_type":"ordinary","account_number":"1234567"}),
        ),
        (
            "/api/flow/customer",
            serde_json::json!({"birth_date":"1985-04-01","phone_last4":"5678","kana_name":"ヤマダ タロウ",
                "email":"taro@example.jp","email_confirmation":"taro@example.jp"}),
        ),
        ("/api/flow/phones", serde_json::json!({"index": 0})),
        ("/api/flow/simulate-call", serde_json::json!({"caller": "registered"})),
        ("/api/flow/call/confirm", serde_json::Value::Null),
    ];
    for (path, body) in steps {
        let response =
            browser.post(format!("{base}{path}")).header("origin", &base).json(&body).send().await.expect("the server");
        assert!(response.status().is_success(), "{path}: {}", response.status());
    }
    browser
}
