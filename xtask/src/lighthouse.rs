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
use crate::{spa, tools};
use serde_json::Value;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// A server of ours for the length of the benchmark.
struct Server {
    child: Child,
    base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        process::kill_group(&mut self.child);
    }
}

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
    let server = start_server(&root, &dist, &work)?;
    let cookie = flow_at_consent(&server.base, &work)?;
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

fn start_server(root: &Path, dist: &Path, work: &Path) -> Result<Server, String> {
    let port =
        std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map_err(|e| e.to_string())?.port();
    let child = Command::new(root.join("target/debug/renkei-auth"))
        .env("PORT", port.to_string())
        .env("DATABASE_URL", format!("sqlite://{}/renkei.db?mode=rwc", work.display()))
        .env("RENKEI_SPA_DIR", dist)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .process_group(0)
        .spawn()
        .map_err(|e| format!("cannot start the server: {e}"))?;
    let server = Server { child, base: format!("http://127.0.0.1:{port}") };
    for _ in 0..100 {
        if curl(&["-sf", "-o", "/dev/null", &format!("{}/api/health", server.base)]).is_ok() {
            return Ok(server);
        }
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    Err("the server did not answer /api/health within 20 s".into())
}

fn curl(args: &[&str]) -> Result<String, String> {
    let output = Command::new("curl").args(args).output().map_err(|e| format!("curl is needed: {e}"))?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    } else {
        Err(format!("curl {} failed: {}", args.join(" "), String::from_utf8_lossy(&output.stderr)))
    }
}

/// The demo app's request, and the happy-path customer through ①–⑤ in a
/// cookie jar; returns the flow cookie (`name=value`) that stands at ⑥.
fn flow_at_consent(base: &str, work: &Path) -> Result<String, String> {
    let jar = work.join("cookies.txt");
    let jar = jar.to_str().ok_or("temporary path is not UTF-8")?;
    let authorize = format!(
        "{base}/oauth/authorize?response_type=code&client_id=demo-budget-app&redirect_uri={base}/demo-app/callback\
         &scope=balance%20transactions&state=lighthouse&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM\
         &code_challenge_method=S256"
    );
    curl(&["-sf", "-c", jar, "-o", "/dev/null", &authorize])?;
    let steps = [
        ("/api/flow/account", r#"{"branch_code":"001","account_type":"ordinary","account_number":"1234567"}"#),
        (
            "/api/flow/customer",
            r#"{"birth_date":"1985-04-01","phone_last4":"5678","kana_name":"ヤマダ タロウ","email":"taro@example.jp","email_confirmation":"taro@example.jp"}"#,
        ),
        ("/api/flow/phones", r#"{"index":0}"#),
        ("/api/flow/simulate-call", r#"{"caller":"registered"}"#),
        ("/api/flow/call/confirm", "null"),
        ("/api/flow/pin", r#"{"pin":"1234"}"#),
    ];
    for (path, body) in steps {
        let url = format!("{base}{path}");
        curl(&["-sf", "-b", jar, "-c", jar, "-H", "Content-Type: application/json", "--data", body, &url])?;
    }
    let cookies = std::fs::read_to_string(jar).map_err(|e| e.to_string())?;
    cookies
        .lines()
        .filter_map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            (fields.len() == 7 && fields[5].ends_with("renkei_flow")).then(|| format!("{}={}", fields[5], fields[6]))
        })
        .next_back()
        .ok_or_else(|| "no flow cookie after ①–⑤".into())
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
