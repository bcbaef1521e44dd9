//! Bad input at the door: a body too large, the wrong content type,
//! broken UTF-8, a huge query string or header: each a clear 4xx, read no
//! further than needed, and the server goes on.

use crate::on_both_databases;
use crate::support::TestApp;

async fn post_raw(app: &TestApp, path: &str, content_type: &str, body: Vec<u8>) -> reqwest::Response {
    app.client.post(app.url(path)).header("content-type", content_type).body(body).send().await.unwrap()
}

/// A 4xx, or the connection closed on a request too large to read.
fn refused(status: &Result<u16, reqwest::Error>) -> bool {
    match status {
        Ok(status) => (400..500).contains(status),
        Err(_) => true,
    }
}

on_both_databases! {
    async fn oversized_mistyped_and_broken_bodies_get_a_clear_4xx(app) {
        let huge = vec![b'a'; 1024 * 1024];
        for path in ["/api/flow/account", "/oauth/token", "/oauth/par", "/telephony/twilio/voice"] {
            let status = post_raw(&app, path, "application/json", huge.clone()).await.status();
            assert_eq!(status, 413, "{path}: a megabyte is refused before it is read");
        }
        let wrong_type = post_raw(&app, "/api/flow/account", "text/plain", b"{}".to_vec()).await;
        assert!(wrong_type.status().is_client_error(), "{}", wrong_type.status());
        let broken = post_raw(&app, "/api/flow/account", "application/json", b"{\"branch_code\":\"\xff\xfe\"}".to_vec()).await;
        assert_eq!(broken.status(), 422, "broken UTF-8 is bad input");
        let broken_form = post_raw(&app, "/oauth/token", "application/x-www-form-urlencoded", b"grant_type=\xff".to_vec()).await;
        assert!(broken_form.status().is_client_error(), "{}", broken_form.status());

        let long_query = format!("/api/union?{}", "q=1&".repeat(40_000));
        let status = app.client.get(app.url(&long_query)).send().await.map(|r| r.status().as_u16());
        assert!(refused(&status), "a huge query string: {status:?}");
        let huge_header = "x".repeat(200_000);
        let status =
            app.client.get(app.url("/api/union")).header("x-filler", huge_header).send().await.map(|r| r.status().as_u16());
        assert_eq!(status.as_ref().ok(), Some(&431), "a huge header: {status:?}");

        assert_eq!(app.get("/api/union").await.status(), 200, "and the server goes on");
    }
}

async fn with_a_short_header_deadline(db: crate::support::Db) -> TestApp {
    TestApp::spawn_with(db, |config| config.header_read_timeout = std::time::Duration::from_millis(500)).await
}

on_both_databases! {
    setup = with_a_short_header_deadline;
    async fn a_client_that_trickles_its_headers_is_cut_off_and_the_others_are_served(app) {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let address = app.address.trim_start_matches("http://").to_owned();
        let mut slow = tokio::net::TcpStream::connect(&address).await.unwrap();
        let started = std::time::Instant::now();
        // Headers begun and never finished (slowloris).
        slow.write_all(b"GET /api/union HTTP/1.1\r\nHost: renkei\r\nX-Slow: ").await.unwrap();
        let mut answer = Vec::new();
        let closed = tokio::time::timeout(std::time::Duration::from_secs(5), slow.read_to_end(&mut answer)).await;
        assert!(closed.is_ok(), "the server closes the connection by its deadline");
        assert!(started.elapsed() >= std::time::Duration::from_millis(400), "not before it");
        let answer = String::from_utf8_lossy(&answer);
        assert!(answer.is_empty() || answer.starts_with("HTTP/1.1 408"), "closed, or told why: {answer}");
        assert_eq!(app.get("/api/union").await.status(), 200, "and everyone else is served");
    }
}
