//! A server of ours for the length of a measurement (the debug build, the
//! development profile, a SQLite file in a temporary folder), and the demo
//! app's journey through it over HTTP with curl: the happy-path customer
//! through ①–⑤ with the call simulator, then, when asked, ⑥ and the token
//! exchange. Used by `bench-lighthouse` and `fuzz-api`.

use crate::process;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};

pub struct Server {
    child: Child,
    pub base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        process::kill_group(&mut self.child);
    }
}

impl Server {
    /// Starts `target/debug/renkei-auth` on a free port, serving the SPA
    /// from `dist` when given, and waits until it answers.
    pub fn start(root: &Path, dist: Option<&Path>, work: &Path) -> Result<Server, String> {
        let port =
            std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map_err(|e| e.to_string())?.port();
        let mut command = Command::new(root.join("target/debug/renkei-auth"));
        command
            .env("PORT", port.to_string())
            .env("DATABASE_URL", format!("sqlite://{}/renkei.db?mode=rwc", work.display()))
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .process_group(0);
        if let Some(dist) = dist {
            command.env("RENKEI_SPA_DIR", dist);
        }
        let child = command.spawn().map_err(|e| format!("cannot start the server: {e}"))?;
        let server = Server { child, base: format!("http://127.0.0.1:{port}") };
        for _ in 0..100 {
            if curl(&["-sf", "-o", "/dev/null", &format!("{}/api/health", server.base)]).is_ok() {
                return Ok(server);
            }
            std::thread::sleep(std::time::Duration::from_millis(200));
        }
        Err("the server did not answer /api/health within 20 s".into())
    }
}

pub fn curl(args: &[&str]) -> Result<String, String> {
    let output = Command::new("curl").args(args).output().map_err(|e| format!("curl is needed: {e}"))?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    } else {
        Err(format!("curl {} failed: {}", args.join(" "), String::from_utf8_lossy(&output.stderr)))
    }
}

/// A fixed PKCE verifier and its S256 challenge (a measurement, not a secret).
const VERIFIER: &str = "dBjftJeZ4CVP-mJ0kKEc6Hj4FsD0ju3BZ0ZiUNPvnN8";
const CHALLENGE: &str = "CQHw8j-Pxmi_QJZH6OpWhbAhrUm3Kbj5Mvk1A-fmfNg";
const CLIENT: &str = "demo-budget-app";
const SECRET: &str = "demo-budget-app-secret-for-development-only";

/// Where a journey stops.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Until {
    /// ⑤ is next: the call was verified.
    Pin,
    /// ⑥ is next: the PIN was accepted.
    Consent,
}

/// The demo app's request, and the happy-path customer through ①–⑤ in a
/// cookie jar; returns the flow cookie (`name=value`) that stands at ⑥.
pub fn flow_at_consent(base: &str, work: &Path) -> Result<String, String> {
    flow_until(base, &work.join("cookies.txt"), Until::Consent)
}

/// The journey in the cookie jar `jar` as far as `until`; returns the flow
/// cookie as `name=value`.
pub fn flow_until(base: &str, jar: &Path, until: Until) -> Result<String, String> {
    let _ = std::fs::remove_file(jar);
    let jar = jar.to_str().ok_or("temporary path is not UTF-8")?;
    let authorize = format!(
        "{base}/oauth/authorize?response_type=code&client_id={CLIENT}&redirect_uri={base}/demo-app/callback\
         &scope=balance%20transactions&state=xtask&code_challenge={CHALLENGE}&code_challenge_method=S256"
    );
    curl(&["-sf", "-c", jar, "-o", "/dev/null", &authorize])?;
    let mut steps = vec![
        ("/api/flow/account", r#"{"branch_code":"001","account_type":"ordinary","account_number":"1234567"}"#),
        (
            "/api/flow/customer",
            r#"{"birth_date":"1985-04-01","phone_last4":"5678","kana_name":"ヤマダ タロウ","email":"taro@example.jp","email_confirmation":"taro@example.jp"}"#,
        ),
        ("/api/flow/phones", r#"{"index":0}"#),
        ("/api/flow/simulate-call", r#"{"caller":"registered"}"#),
        ("/api/flow/call/confirm", "null"),
    ];
    if until == Until::Consent {
        steps.push(("/api/flow/pin", r#"{"pin":"1234"}"#));
    }
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

/// The whole journey and the token exchange: a live access token of the
/// demo app (baseline profile, Bearer).
pub fn access_token(base: &str, work: &Path) -> Result<String, String> {
    let jar = work.join("token-cookies.txt");
    flow_until(base, &jar, Until::Consent)?;
    let jar = jar.to_str().ok_or("temporary path is not UTF-8")?;
    let consent = format!("{base}/api/flow/consent");
    let location =
        curl(&["-sf", "-b", jar, "-o", "/dev/null", "-w", "%{redirect_url}", "--data", "decision=allow", &consent])?;
    let code = location
        .split_once('?')
        .and_then(|(_, query)| query.split('&').find_map(|pair| pair.strip_prefix("code=")))
        .ok_or_else(|| format!("⑥ did not redirect with a code: {location}"))?;
    let user = format!("{CLIENT}:{SECRET}");
    let redirect = format!("redirect_uri={base}/demo-app/callback");
    let answer = curl(&[
        "-sf",
        "-u",
        &user,
        "--data",
        "grant_type=authorization_code",
        "--data",
        &format!("code={code}"),
        "--data-urlencode",
        &redirect,
        "--data",
        &format!("code_verifier={VERIFIER}"),
        &format!("{base}/oauth/token"),
    ])?;
    let tokens: serde_json::Value = serde_json::from_str(&answer).map_err(|e| format!("token answer: {e}"))?;
    tokens["access_token"].as_str().map(str::to_owned).ok_or_else(|| format!("no access token in {answer}"))
}
