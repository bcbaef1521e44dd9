//! The project's tasks, run as `cargo xtask <task>`:
//!
//! - `run`: install what is missing, build the SPA, serve the product with
//!   demo data on SQLite (or `DATABASE_URL`) at `PORT` (default 8080);
//! - `test`: every test there is: unit, integration on SQLite and on a
//!   throwaway PostgreSQL, and the browser tests in headless Chromium;
//! - `bench`: throughput and latency under wrk against a bare axum
//!   ceiling, on SQLite and PostgreSQL, and the property tests' long run;
//! - `fuzz-api`: schemathesis against the served OpenAPI document, with a
//!   live token and flow cookie;
//! - `bench-size`: the release SPA's bytes, raw and as served (brotli);
//! - `bench-lighthouse`: Lighthouse's mobile scores and LCP on ① and ⑥;
//! - `gallery`: the screen gallery with live reload, for designers;
//! - `gallery-shots`: every gallery state to PNG at phone and desktop size (and in English at phone size).

mod bench;
mod compress;
mod driver;
mod fuzz_api;
mod gallery;
mod lighthouse;
mod live;
mod postgres;
mod process;
mod size;
mod spa;
mod test;
mod tools;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let outcome = match args.first().map(String::as_str) {
        Some("run") => run(),
        Some("test") => test::run(&args[1..]),
        Some("bench") => bench::run(),
        Some("fuzz-api") => fuzz_api::run(),
        Some("bench-size") => size::run(),
        Some("bench-lighthouse") => lighthouse::run(),
        Some("gallery") => gallery::serve(),
        Some("gallery-shots") => gallery::shots(),
        _ => {
            eprintln!(
                "usage: cargo xtask <run | test [cargo test filters…] | bench | fuzz-api | bench-size | bench-lighthouse | gallery | gallery-shots>"
            );
            return ExitCode::from(2);
        }
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            if !error.is_empty() {
                eprintln!("xtask: {error}");
            }
            ExitCode::FAILURE
        }
    }
}

/// `cargo xtask run`.
fn run() -> Result<(), String> {
    let toolchain = tools::ensure_spa_tools()?;
    spa::build(&toolchain)?;
    let port = std::env::var("PORT").unwrap_or_else(|_| "8080".into());
    let root = process::workspace_root();
    println!();
    println!("renkei-auth will be at  http://127.0.0.1:{port}/");
    println!("the whole journey from an app:  http://127.0.0.1:{port}/demo-app  (PIN 1234 for the happy path)");
    println!("sent mail (development outbox): http://127.0.0.1:{port}/dev/outbox");
    println!("demo customers (README.md lists them all):");
    println!("  happy path  店番 001 本店営業部 · 普通 · 口座番号 1234567 · 生年月日 1985-04-01 · 電話 090-1234-5678");
    println!("  two phones  店番 002 名駅支店   · 普通 · 口座番号 2345678 · 生年月日 1990-12-24");
    println!("  savings     店番 001 本店営業部 · 貯蓄 · 口座番号 3456789 · 生年月日 1978-07-15");
    println!("stop with Ctrl-C");
    println!();
    let mut command = process::cargo();
    command
        .current_dir(&root)
        .args(["run", "--package", "renkei-backend", "--bin", "renkei-auth"])
        .env("RENKEI_SPA_DIR", root.join("dist"));
    process::run(&mut command)
}
