//! `cargo xtask bench-lighthouse`: the first load as a customer's phone
//! sees it. Lighthouse (npm, mobile defaults: a mid-range phone on slow
//! 4G) drives Debian's Chromium against the product as `cargo xtask run`
//! serves it, on screen ① (a fresh visit) and screen ⑥ (a flow an app
//! started, passed ①–⑤ over HTTP with the call simulator). Prints each
//! run's scores and timings, then the median per screen.
//!
//! The server is the debug build: what Lighthouse measures is the
//! network and the phone, and the static files go out precompressed
//! either way.

use crate::process::{self, workspace_root};
use crate::{live, spa, tools};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// One Lighthouse run's figures.
struct Figures {
    performance: f64,
    accessibility: f64,
    best_practices: f64,
    lcp_ms: f64,
    fcp_ms: f64,
    tbt_ms: f64,
    bytes: f64,
    /// The element Lighthouse names as the largest paint, as HTML.
    lcp_element: String,
}

pub fn run() -> Result<(), String> {
    let toolchain = tools::ensure_spa_tools()?;
    let browser = tools::ensure_browser()?;
    let lighthouse = tools::ensure_lighthouse()?;
    let dist = spa::build(&toolchain)?;
    let root = workspace_root();
    process::run(process::cargo().current_dir(&root).args(["build", "-p", "renkei-backend", "--bin", "renkei-auth"]))?;
    let work = std::env::temp_dir().join(format!("renkei-lighthouse-{}", std::process::id()));
    std::fs::create_dir_all(&work).map_err(|e| e.to_string())?;
    let server = live::Server::start(&root, Some(&dist), &work)?;
    let cookie = live::flow_at_consent(&server.base, &work)?;
    // The reports stay for reading (an ignored folder).
    let reports = root.join("target").join("lighthouse");
    std::fs::create_dir_all(&reports).map_err(|e| e.to_string())?;
    let runs: usize = std::env::var("RENKEI_LIGHTHOUSE_RUNS").ok().and_then(|n| n.parse().ok()).unwrap_or(3);
    let pages = [("① account", "/auth/account", None), ("⑥ consent", "/auth/consent", Some(cookie))];
    println!(
        "{:<11} {:>5} {:>5} {:>5} {:>7} {:>7} {:>6} {:>8}",
        "screen", "perf", "a11y", "bp", "LCP ms", "FCP ms", "TBT", "bytes"
    );
    for (name, path, cookie) in pages {
        let mut results = Vec::new();
        for run in 0..runs {
            let report = reports.join(format!("{}-{}.json", path.trim_start_matches('/').replace('/', "-"), run + 1));
            let url = format!("{}{path}", server.base);
            let figures = measure(&lighthouse, &browser.chromium, &url, cookie.as_deref(), &report)?;
            print_row(&format!("{name} #{}", run + 1), &figures);
            results.push(figures);
        }
        results.sort_by(|a, b| a.lcp_ms.total_cmp(&b.lcp_ms));
        let median = &results[results.len() / 2];
        print_row(&format!("{name} med"), median);
        println!("{:<11} LCP element: {}", "", median.lcp_element);
    }
    println!("reports: {}", reports.display());
    println!("goals on ① and ⑥: performance ≥ 0.95, LCP ≤ 2000 ms, accessibility 1.00, best practices 1.00");
    let _ = std::fs::remove_dir_all(&work);
    Ok(())
}

fn print_row(label: &str, f: &Figures) {
    println!(
        "{label:<11} {:>5.2} {:>5.2} {:>5.2} {:>7.0} {:>7.0} {:>6.0} {:>8.0}",
        f.performance, f.accessibility, f.best_practices, f.lcp_ms, f.fcp_ms, f.tbt_ms, f.bytes
    );
}

fn measure(bin: &Path, chromium: &Path, url: &str, cookie: Option<&str>, report: &PathBuf) -> Result<Figures, String> {
    let mut command = Command::new(bin.join("lighthouse"));
    command
        .arg(url)
        .args(["--quiet", "--output=json", "--only-categories=performance,accessibility,best-practices"])
        .arg(format!("--output-path={}", report.display()))
        .arg(
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage \
             --disable-background-networking --disable-component-update --disable-sync --no-first-run --disable-quic",
        )
        .env("CHROME_PATH", chromium);
    if let Some(cookie) = cookie {
        command.arg(format!("--extra-headers={}", serde_json::json!({ "Cookie": cookie })));
    }
    // Lighthouse now and then fails to record a trace (NO_NAVSTART) on a
    // busy machine: try again before giving up.
    let mut attempt = 1;
    while let Err(error) = process::run(&mut command) {
        if attempt == 3 {
            return Err(error);
        }
        attempt += 1;
        println!("xtask: Lighthouse failed ({error}); attempt {attempt} of 3");
    }
    let json: Value = serde_json::from_str(&std::fs::read_to_string(report).map_err(|e| e.to_string())?)
        .map_err(|e| format!("Lighthouse report: {e}"))?;
    let score = |category: &str| json["categories"][category]["score"].as_f64().unwrap_or(f64::NAN);
    let audit = |name: &str| json["audits"][name]["numericValue"].as_f64().unwrap_or(f64::NAN);
    Ok(Figures {
        performance: score("performance"),
        accessibility: score("accessibility"),
        best_practices: score("best-practices"),
        lcp_ms: audit("largest-contentful-paint"),
        fcp_ms: audit("first-contentful-paint"),
        tbt_ms: audit("total-blocking-time"),
        bytes: audit("total-byte-weight"),
        lcp_element: lcp_element(&json),
    })
}

/// The LCP element's HTML snippet, wherever this Lighthouse version puts it.
fn lcp_element(report: &Value) -> String {
    fn find_snippet(value: &Value) -> Option<&str> {
        match value {
            Value::Object(map) => {
                map.get("snippet").and_then(Value::as_str).or_else(|| map.values().find_map(find_snippet))
            }
            Value::Array(items) => items.iter().find_map(find_snippet),
            _ => None,
        }
    }
    ["largest-contentful-paint-element", "lcp-breakdown-insight"]
        .iter()
        .find_map(|audit| find_snippet(&report["audits"][audit]))
        .unwrap_or("(not reported)")
        .to_owned()
}
