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
