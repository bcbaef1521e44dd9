//! The SPA's files as a phone receives them: the form the browser accepts
//! (brotli, then gzip, then plain), written at build time and sent as is;
//! hashed files cached for good, the page itself always revalidated.

use crate::support::{Db, TestApp};
use reqwest::header::{ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING, CONTENT_TYPE, VARY};

/// A built SPA in miniature: each file and its two precompressed forms,
/// told apart by their bytes.
fn dist() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, body) in [("index.html", "<!doctype html><title>API連携認証</title>"), ("app-1a2b3c.wasm", "\0asm")]
    {
        std::fs::write(dir.path().join(name), body).unwrap();
        std::fs::write(dir.path().join(format!("{name}.br")), format!("brotli of {name}")).unwrap();
        std::fs::write(dir.path().join(format!("{name}.gz")), format!("gzip of {name}")).unwrap();
    }
    dir
}

async fn fetch(app: &TestApp, path: &str, accept: Option<&str>) -> reqwest::Response {
    let mut request = reqwest::Client::new().get(app.url(path));
    if let Some(accept) = accept {
        request = request.header(ACCEPT_ENCODING, accept);
    }
    request.send().await.unwrap()
}

fn header<'a>(response: &'a reqwest::Response, name: reqwest::header::HeaderName) -> &'a str {
    response.headers().get(&name).map(|v| v.to_str().unwrap()).unwrap_or_default()
}

#[tokio::test]
async fn each_file_goes_out_in_the_encoding_the_browser_accepts() {
    let dist = dist();
    let path = dist.path().to_path_buf();
    let app = TestApp::spawn_with(Db::Sqlite, |config| config.spa_dir = path).await;

    let wasm = fetch(&app, "/app-1a2b3c.wasm", Some("gzip, deflate, br, zstd")).await;
    assert_eq!(wasm.status(), 200);
    assert_eq!(header(&wasm, CONTENT_ENCODING), "br");
    assert_eq!(header(&wasm, CONTENT_TYPE), "application/wasm");
    assert!(header(&wasm, VARY).to_ascii_lowercase().contains("accept-encoding"), "caches keep the forms apart");
    assert_eq!(header(&wasm, CACHE_CONTROL), "public, max-age=31536000, immutable", "hashed: cached for good");
    assert_eq!(wasm.text().await.unwrap(), "brotli of app-1a2b3c.wasm");

    let gzip = fetch(&app, "/app-1a2b3c.wasm", Some("gzip")).await;
    assert_eq!(header(&gzip, CONTENT_ENCODING), "gzip");
    assert_eq!(gzip.text().await.unwrap(), "gzip of app-1a2b3c.wasm");

    let plain = fetch(&app, "/app-1a2b3c.wasm", None).await;
    assert_eq!(header(&plain, CONTENT_ENCODING), "", "no encoding asked, none sent");
    assert_eq!(plain.text().await.unwrap(), "\0asm");

    // Every route of the SPA is its page, compressed too, never cached stale.
    let page = fetch(&app, "/auth/account", Some("br")).await;
    assert_eq!(page.status(), 200);
    assert_eq!(header(&page, CONTENT_ENCODING), "br");
    assert!(header(&page, CONTENT_TYPE).starts_with("text/html"));
    assert_eq!(header(&page, CACHE_CONTROL), "no-cache");
    assert!(header(&page, VARY).to_ascii_lowercase().contains("accept-encoding"));
    assert!(!header(&page, reqwest::header::CONTENT_SECURITY_POLICY).is_empty());
    assert_eq!(page.text().await.unwrap(), "brotli of index.html");
}
