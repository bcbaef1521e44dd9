//! `cargo xtask bench`: the server under load, against the ceiling of its
//! own stack. The release build of the backend serves on loopback; `wrk`
//! (a second process) drives it at 64 connections. In the same run a bare
//! axum server built from the same dependency versions answers a POST
//! echo: every figure is printed beside its ratio to that ceiling. The
//! results go to `target/bench/results.json`.
//!
//! Not a test: figures depend on the machine. Run it with nothing else
//! busy. `RENKEI_BENCH_SECONDS` (default 10) sets each run's length,
//! `RENKEI_BENCH_POSTGRES_URL` the throwaway PostgreSQL (`cargo xtask
//! bench` starts one), `RENKEI_WRK` the load generator.

use axum::routing::post;
use renkei_backend::app::{Application, Ports};
use renkei_backend::config::Config;
use renkei_backend::secrets;
use renkei_backend::web::demo_app::{CLIENT_ID, CLIENT_SECRET};
use renkei_common::api::AccountInput;
use renkei_common::fields::{AccountNumber, AccountType, BranchCode, Pin};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

mod flows;
mod shedding;
mod wrk;

use wrk::{Script, Wrk};

const CONNECTIONS: u32 = 64;

#[derive(Debug, Clone, serde::Serialize)]
struct Figure {
    database: &'static str,
    endpoint: &'static str,
    requests_per_second: f64,
    p50_ms: f64,
    p99_ms: f64,
    ratio_to_ceiling: f64,
    non_2xx: u64,
}

impl Figure {
    /// wrk's (req/s, p50, p99, answers not 2xx), beside the ceiling's req/s.
    fn of(database: &'static str, endpoint: &'static str, measured: (f64, f64, f64, u64), ceiling: f64) -> Figure {
        let (requests_per_second, p50_ms, p99_ms, non_2xx) = measured;
        let ratio_to_ceiling = requests_per_second / ceiling;
        Figure { database, endpoint, requests_per_second, p50_ms, p99_ms, ratio_to_ceiling, non_2xx }
    }
}

#[tokio::main]
async fn main() {
    let seconds: u32 = std::env::var("RENKEI_BENCH_SECONDS").ok().and_then(|s| s.parse().ok()).unwrap_or(10);
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/bench");
    std::fs::create_dir_all(&out).expect("target/bench");
    let program = std::env::var("RENKEI_WRK").unwrap_or_else(|_| "wrk".into());
    let wrk = Wrk { program, connections: CONNECTIONS, seconds, dir: out.clone() };

    let ceiling_url = bare_axum().await;
    let ceiling = wrk.run("ceiling", &format!("{ceiling_url}/echo"), &Script::form("token=abc", None));
    println!("ceiling (bare axum POST echo): {:.0} req/s, p50 {:.2} ms, p99 {:.2} ms", ceiling.0, ceiling.1, ceiling.2);

    let mut figures = Vec::new();
    let mut databases = vec![("sqlite", None)];
    match std::env::var("RENKEI_BENCH_POSTGRES_URL") {
        Ok(url) => databases.push(("postgres", Some(url))),
        Err(_) => println!("(no RENKEI_BENCH_POSTGRES_URL: PostgreSQL skipped)"),
    }
    let sqlite_dir = std::env::temp_dir().join(format!("renkei-bench-{}", std::process::id()));
    std::fs::create_dir_all(&sqlite_dir).expect("a temporary folder");
    for (database, url) in databases {
        let url = url.unwrap_or_else(|| format!("sqlite://{}/bench.db?mode=rwc", sqlite_dir.display()));
        let linked = serve(&url).await;
        let basic = format!("Basic {}", base64(&format!("{CLIENT_ID}:{CLIENT_SECRET}")));
        let bearer = format!("Bearer {}", linked.access_token);
        let endpoints = [
            (
                "token introspection",
                "/oauth/introspect".to_owned(),
                Script::form(&format!("token={}", linked.access_token), Some(&basic)),
            ),
            ("bank API: balance", "/api/personal/v1/accounts/balances".to_owned(), Script::get(&bearer)),
            (
                "screen ①: a new flow each",
                "/api/flow/account".to_owned(),
                Script::json(
                    r#"{"branch_code":"001","account_type":"ordinary","account_number":"1234567"}"#,
                    &linked.base,
                ),
            ),
            (
                "bank API: transactions",
                format!(
                    "/api/personal/v1/accounts/transactions?accountId={}&dateFrom={}&dateTo={}",
                    linked.account_id, linked.from, linked.to
                ),
                Script::get(&bearer),
            ),
        ];
        for (endpoint, path, script) in endpoints {
            let measured = wrk.run_counting(endpoint, &format!("{}{path}", linked.base), &script);
            figures.push(Figure::of(database, endpoint, measured, ceiling.0));
        }
        let grants = flows::seeded_grants(&linked, 2 * CONNECTIONS as usize).await;
        let script = flows::refresh_script(&basic, &grants, 2);
        let measured = wrk.run_counting("refresh grant", &format!("{}/oauth/token", linked.base), &script);
        figures.push(Figure::of(database, "refresh grant (rotates)", measured, ceiling.0));
        // Bound by argon2id's cost: a few hundred flows brought to ⑤ are
        // seconds of PIN checks (eight at a time saturate two cores).
        let measured = flows::pin_check(&linked.base, 400).await;
        println!("{database}: PIN check: {:.0} req/s, p50 {:.2} ms, p99 {:.2} ms", measured.0, measured.1, measured.2);
        figures.push(Figure::of(database, "screen ⑤: the PIN check (argon2id)", measured, ceiling.0));
        if database == "postgres" {
            two_instances(&wrk, &url, &linked, &basic).await;
        } else {
            shedding::at_four_times_capacity(&wrk, &url, &linked.base, &linked.access_token, &basic).await;
        }
        let rate = argon2_rate(&linked).await;
        println!("{database}: argon2id PIN verifications: {rate:.1}/s (the PIN check is bound by its cost by design)");
    }
    let _ = std::fs::remove_dir_all(&sqlite_dir);

    let mut table = String::from(
        "| database | endpoint | req/s | p50 ms | p99 ms | ratio to ceiling |\n|---|---|---|---|---|---|\n",
    );
    let _ = writeln!(
        table,
        "| — | bare axum POST echo (ceiling) | {:.0} | {:.2} | {:.2} | 1.00 |",
        ceiling.0, ceiling.1, ceiling.2
    );
    for f in &figures {
        let _ = writeln!(
            table,
            "| {} | {} | {:.0} | {:.2} | {:.2} | {:.2} |",
            f.database, f.endpoint, f.requests_per_second, f.p50_ms, f.p99_ms, f.ratio_to_ceiling
        );
    }
    println!("\n{table}");
    for f in figures.iter().filter(|f| f.non_2xx > 0) {
        println!("warning: {} {}: {} answers were not 2xx", f.database, f.endpoint, f.non_2xx);
    }
    let json = serde_json::json!({
        "connections": CONNECTIONS,
        "seconds": seconds,
        "ceiling": { "requests_per_second": ceiling.0, "p50_ms": ceiling.1, "p99_ms": ceiling.2 },
        "figures": figures,
    });
    std::fs::write(out.join("results.json"), serde_json::to_string_pretty(&json).unwrap_or_default())
        .expect("results written");
    println!("results: {}", out.join("results.json").display());
}

/// The ceiling: axum alone, reading a form and answering JSON, as the
/// introspection endpoint's shape is.
async fn bare_axum() -> String {
    async fn echo(axum::Form(form): axum::Form<HashMap<String, String>>) -> axum::Json<HashMap<String, String>> {
        axum::Json(form)
    }
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a port");
    let url = format!("http://{}", listener.local_addr().expect("an address"));
    tokio::spawn(async move { axum::serve(listener, axum::Router::new().route("/echo", post(echo))).await });
    url
}

/// A server on `database_url` with the demo data, and a link of the demo
/// app on Yamada's account with a fresh access token.
pub struct Linked {
    base: String,
    access_token: String,
    account_id: String,
    from: String,
    to: String,
    state: renkei_backend::state::AppState,
    account: renkei_backend::core::AccountId,
}

async fn serve(database_url: &str) -> Linked {
    let mut config = Config::for_tests(database_url);
    config.seed_demo = true;
    config.max_in_flight = 100_000;
    // The benchmark's flows all come from loopback for one customer.
    config.throttle.checks_per_address = i64::MAX;
    config.throttle.addresses_per_account = i64::MAX;
    let ports = Ports { clock: renkei_backend::clock::system(), random: renkei_backend::random::system(), core: None };
    let app = Application::build_with(config, ports).await.expect("the server starts");
    let base = format!("http://127.0.0.1:{}", app.port());
    let state = app.state().clone();
    tokio::spawn(app.serve_with_shutdown(std::future::pending()));

    let yamada = AccountInput {
        branch: BranchCode::parse("001").expect("branch"),
        account_type: AccountType::parse("ordinary").expect("type"),
        number: AccountNumber::parse("1234567").expect("number"),
    };
    let account = state.core.find_account(&yamada).await.expect("the core").expect("Yamada's account").id;
    let refresh = secrets::random_secret();
    let now = time::OffsetDateTime::now_utc();
    let during = (now, now + time::Duration::days(90));
    state
        .store
        .seed_link(account, CLIENT_ID, "balance transactions", during, &secrets::hash(&refresh))
        .await
        .expect("a link");
    let tokens: serde_json::Value = reqwest::Client::new()
        .post(format!("{base}/oauth/token"))
        .basic_auth(CLIENT_ID, Some(CLIENT_SECRET))
        .form(&[("grant_type", "refresh_token"), ("refresh_token", refresh.as_str())])
        .send()
        .await
        .expect("the token endpoint")
        .json()
        .await
        .expect("tokens");
    let access_token = tokens["access_token"].as_str().expect("an access token").to_owned();
    let today = renkei_common::calendar::jst(now).date();
    Linked {
        base,
        access_token,
        account_id: "00111234567".into(),
        from: (today - time::Duration::days(30)).to_string(),
        to: today.to_string(),
        state,
        account,
    }
}

/// Introspection on one instance and on two sharing the database (a
/// second server started on it, each driven by its own wrk with half the
/// connections): what a second instance adds on this machine.
async fn two_instances(wrk: &Wrk, database_url: &str, linked: &Linked, basic: &str) {
    let mut config = Config::for_tests(database_url);
    config.max_in_flight = 100_000;
    config.public_url = Some(linked.base.clone());
    let ports = Ports { clock: renkei_backend::clock::system(), random: renkei_backend::random::system(), core: None };
    let second = Application::build_with(config, ports).await.expect("a second instance");
    let second_base = format!("http://127.0.0.1:{}", second.port());
    tokio::spawn(second.serve_with_shutdown(std::future::pending()));
    let script = Script::form(&format!("token={}", linked.access_token), Some(basic));
    let half = Wrk { connections: CONNECTIONS / 2, ..wrk.clone() };
    let (first, second) = std::thread::scope(|scope| {
        let first =
            scope.spawn(|| half.run("introspection-instance-1", &format!("{}/oauth/introspect", linked.base), &script));
        let second =
            scope.spawn(|| half.run("introspection-instance-2", &format!("{second_base}/oauth/introspect"), &script));
        (first.join().expect("wrk"), second.join().expect("wrk"))
    });
    println!(
        "postgres: introspection on two instances: {:.0} req/s together ({:.0} + {:.0})",
        first.0 + second.0,
        first.0,
        second.0
    );
}

/// argon2id verifications per second at the core's parameters, two at a
/// time (the machine's cores).
async fn argon2_rate(linked: &Linked) -> f64 {
    let pin = Pin::parse("1234").expect("a PIN");
    let core = &linked.state.core;
    let started = Instant::now();
    let mut count = 0_u32;
    while started.elapsed() < Duration::from_secs(3) {
        let (first, second) =
            tokio::join!(core.verify_pin(linked.account, &pin), core.verify_pin(linked.account, &pin));
        first.expect("the core answers");
        second.expect("the core answers");
        count += 2;
    }
    f64::from(count) / started.elapsed().as_secs_f64()
}

fn base64(text: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(text)
}
