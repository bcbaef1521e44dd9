//! No request value ever reaches a log line: bodies that carry a PIN or a
//! token, malformed in every way a client can get them wrong, are refused
//! and logged without what they carried.

use crate::on_both_databases;
use crate::screen_pin::at_screen_five;
use renkei_backend::web::demo_app::{CLIENT_ID, CLIENT_SECRET};
use serde_json::json;
use std::io::Write;
use std::sync::{Arc, Mutex};

/// Everything logged on this thread (the test's runtime runs the server's
/// tasks on it), at every level, while the guard lives.
struct Captured {
    buffer: Arc<Mutex<Vec<u8>>>,
    _guard: tracing::subscriber::DefaultGuard,
}

#[derive(Clone)]
struct Sink(Arc<Mutex<Vec<u8>>>);

impl Write for Sink {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Captured {
    fn start() -> Self {
        let buffer = Arc::new(Mutex::new(Vec::new()));
        let sink = Sink(buffer.clone());
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_ansi(false)
            .with_writer(move || sink.clone())
            .finish();
        Captured { buffer, _guard: tracing::subscriber::set_default(subscriber) }
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.buffer.lock().unwrap_or_else(|poisoned| poisoned.into_inner())).into_owned()
    }
}

/// A PIN no demo customer has, long enough that nothing else prints it.
const PIN: &str = "86429753";
/// Shaped like our tokens (43 URL-safe characters).
const TOKEN: &str = "tokZq8XKp3LmN7vR2sT9wY4aB6cD1eF5gH0jK-_xyzQ";

on_both_databases! {
    async fn no_request_value_reaches_a_log_line(app) {
        let browser = at_screen_five(&app, "CA7001").await;
        let logs = Captured::start();
        let pin_as_number: u64 = PIN.parse().unwrap();
        for body in [json!({ "pin": pin_as_number }), json!({ "pin": { "pin": PIN } }), json!([PIN])] {
            let response = browser.post(app.url("/api/flow/pin")).json(&body).send().await.unwrap();
            assert_eq!(response.status(), 422, "{body}");
        }
        let truncated = format!("{{\"pin\": \"{PIN}\"");
        let response = browser
            .post(app.url("/api/flow/pin"))
            .header("content-type", "application/json")
            .body(truncated)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 422);
        // A token where an enum's name belongs (serde quotes unknown variants).
        let response =
            browser.post(app.url("/api/flow/simulate-call")).json(&json!({ "caller": TOKEN })).send().await.unwrap();
        assert_eq!(response.status(), 422);
        let response = app.post_json("/api/flow/account", &json!({ "branch_code": pin_as_number })).await;
        assert_eq!(response.status(), 422);
        // Tokens at the OAuth endpoints, unauthenticated and as the demo app.
        let http = reqwest::Client::new();
        let form = [("grant_type", "refresh_token"), ("refresh_token", TOKEN)];
        let response = http.post(app.url("/oauth/token")).form(&form).send().await.unwrap();
        assert_eq!(response.status(), 401);
        let response = http
            .post(app.url("/oauth/token"))
            .basic_auth(CLIENT_ID, Some(CLIENT_SECRET))
            .form(&form)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 400);
        let response = http
            .post(app.url("/oauth/introspect"))
            .basic_auth(CLIENT_ID, Some(TOKEN))
            .form(&[("token", TOKEN)])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 401);
        let text = logs.text();
        assert!(text.contains("unreadable JSON body"), "the capture saw the refusals:\n{text}");
        for secret in [PIN, TOKEN] {
            assert!(!text.contains(secret), "{secret} reached the log:\n{text}");
        }
    }
}

/// Every row of every table of ours, as text (the embedded core's
/// `customer_phones` is the bank's own register of numbers, left out).
async fn every_row(app: &crate::support::TestApp) -> String {
    use renkei_backend::store::Backend;
    let pool = app.store.pool();
    let tables: Vec<String> = match app.store.backend() {
        Backend::Sqlite => "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
        Backend::Postgres => "SELECT CAST(tablename AS TEXT) FROM pg_tables WHERE schemaname = current_schema()",
    }
    .pipe(|sql| sqlx::query_scalar(sql).fetch_all(pool))
    .await
    .unwrap();
    let mut text = String::new();
    for table in tables.iter().filter(|t| *t != "customer_phones") {
        let sql = match app.store.backend() {
            Backend::Postgres => format!("SELECT CAST(t AS TEXT) FROM {table} t"),
            Backend::Sqlite => {
                let columns: Vec<String> =
                    sqlx::query_scalar(&format!("SELECT name FROM pragma_table_info('{table}')"))
                        .fetch_all(pool)
                        .await
                        .unwrap();
                let cells: Vec<String> =
                    // A BLOB as hex (its bytes need not be UTF-8): secrets are
                    // searched for in hex too.
                    columns
                        .iter()
                        .map(|c| {
                            format!("COALESCE(CASE typeof(\"{c}\") WHEN 'blob' THEN hex(\"{c}\") ELSE CAST(\"{c}\" AS TEXT) END, '')")
                        })
                        .collect();
                format!("SELECT {} FROM {table}", cells.join(" || '|' || "))
            }
        };
        let rows: Vec<String> = sqlx::query_scalar(&sql).fetch_all(pool).await.unwrap();
        text.push_str(&format!("== {table} ({} rows)\n{}\n", rows.len(), rows.join("\n")));
    }
    text
}

trait Pipe: Sized {
    fn pipe<R>(self, f: impl FnOnce(Self) -> R) -> R {
        f(self)
    }
}
impl<T> Pipe for T {}

on_both_databases! {
    async fn the_whole_flow_leaves_no_secret_in_the_clear_in_the_logs_or_any_table(app) {
        use crate::bank_api::{access, read};
        use crate::grants::{RIGHTFUL, refresh};
        use crate::oauth::{answer_consent, app_starts, customer_passes_screens_one_to_five, exchange_code, query_param};
        let logs = Captured::start();
        let started = app_starts(&app).await;
        customer_passes_screens_one_to_five(&app, &started.browser).await;
        let back = answer_consent(&app, &started.browser, "allow").await;
        let code = query_param(&back, "code").unwrap();
        let tokens: serde_json::Value =
            exchange_code(&app, &code, started.verifier.secret()).await.json().await.unwrap();
        let (status, _, _) = read(&app, &access(&tokens), "/api/personal/v1/accounts/balances").await;
        assert_eq!(status, 200);
        let (status, renewed) = refresh(&app, RIGHTFUL, tokens["refresh_token"].as_str().unwrap()).await;
        assert_eq!(status, 200, "{renewed}");

        let mut secrets = vec![code.clone()];
        for set in [&tokens, &renewed] {
            secrets.push(set["access_token"].as_str().unwrap().to_owned());
            secrets.push(set["refresh_token"].as_str().unwrap().to_owned());
        }
        // Yamada's registered mobile, in each way it is written.
        secrets.extend(["+819012345678", "09012345678", "090-1234-5678"].map(str::to_owned));
        // The PIN (1234) as a value would be written; bare, four digits are
        // in account numbers and timestamps.
        secrets.extend(["\"1234\"", "pin=1234", "pin: 1234"].map(str::to_owned));

        let logged = logs.text();
        assert!(!logged.is_empty(), "the capture saw the flow");
        let stored = every_row(&app).await;
        assert!(stored.contains("== tokens (") && stored.contains("== call_attempts ("), "every table read:\n{stored}");
        assert!(stored.contains("090-****-5678"), "the call attempt is there, its caller masked:\n{stored}");
        for secret in &secrets {
            assert!(!logged.contains(secret.as_str()), "{secret} reached the log:\n{logged}");
            assert!(!stored.contains(secret.as_str()), "{secret} is stored in the clear:\n{stored}");
            let hex: String = secret.bytes().map(|b| format!("{b:02X}")).collect();
            assert!(!stored.contains(&hex), "{secret} is stored in a blob:\n{stored}");
        }
    }
}
