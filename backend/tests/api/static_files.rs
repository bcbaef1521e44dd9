//! The SPA's files as a phone receives them: the form the browser accepts
//! (brotli, then gzip, then plain), written at build time and sent as is;
//! hashed files cached for good, the page itself always revalidated.

use crate::support::{Db, TestApp};
use reqwest::header::{ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING, CONTENT_TYPE, VARY};
use std::io::Read;

/// A built SPA in miniature: each file and its two precompressed forms,
/// told apart by their bytes.
fn dist() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, body) in [
        ("index.html", "<!doctype html><head><title>API連携認証</title></head><body></body>"),
        ("app-1a2b3c.wasm", "\0asm"),
    ] {
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

fn header(response: &reqwest::Response, name: reqwest::header::HeaderName) -> &str {
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

    // Every route of the SPA is its screen's page, compressed too, never
    // cached stale.
    let page = fetch(&app, "/auth/account", Some("gzip, br")).await;
    assert_eq!(page.status(), 200);
    assert_eq!(header(&page, CONTENT_ENCODING), "br");
    assert!(header(&page, CONTENT_TYPE).starts_with("text/html"));
    assert_eq!(header(&page, CACHE_CONTROL), "no-cache");
    assert!(header(&page, VARY).to_ascii_lowercase().contains("accept-encoding"));
    assert!(!header(&page, reqwest::header::CONTENT_SECURITY_POLICY).is_empty());
    let mut html = String::new();
    brotli::Decompressor::new(&page.bytes().await.unwrap()[..], 4096).read_to_string(&mut html).unwrap();
    assert!(html.starts_with("<!doctype html><head><title>API連携認証</title>"), "Trunk's page, with…\n{html}");
    assert!(html.contains(r#"<div id="renkei-shell">"#), "…the screen's frame painted in it");
    let plain = fetch(&app, "/auth/account", None).await.text().await.unwrap();
    assert_eq!(plain, html, "the same page in every encoding");
}

/// Each screen's page paints that screen's frame before the SPA starts:
/// the union from the configuration, the step bar at its step, the title
/// and the lead; other pages the frame without a screen.
#[tokio::test]
async fn each_screens_page_paints_its_frame_and_carries_the_unions_profile() {
    let dist = dist();
    let path = dist.path().to_path_buf();
    let app = TestApp::spawn_with(Db::Sqlite, |config| config.spa_dir = path).await;
    let union = &app.state.config.union;
    let texts = renkei_common::Lang::Ja.texts();
    for step in renkei_common::steps::Step::ALL {
        let html = fetch(&app, step.path(), None).await.text().await.unwrap();
        assert!(html.contains(&format!(r#"<p class="site-header__union">{}</p>"#, union.name)), "{html}");
        let current = format!(r#"aria-current="step"><span class="step-bar__mark">{}</span>"#, step.mark());
        assert!(html.contains(&current), "{} current in the step bar", step.path());
        assert!(html.contains(&format!("<span>{}</span></h1>", texts.title(step))));
        if let Some(lead) = texts.lead(step) {
            assert!(html.contains(lead));
        }
        assert!(html.contains(&format!("tel:{}", union.desk.phone)), "the desk in the footer");
        let data = html.split(r#"<script type="application/json" id="renkei-union">"#).nth(1).unwrap();
        let profile: renkei_common::api::UnionProfile =
            serde_json::from_str(data.split("</script>").next().unwrap()).unwrap();
        assert_eq!(&profile, union, "the SPA needs no round trip for header and footer");
    }
    let root = fetch(&app, "/", None).await.text().await.unwrap();
    assert!(root.contains(texts.lead(renkei_common::steps::Step::Account).unwrap()), "/ is screen ①");
    let help = fetch(&app, "/help", None).await.text().await.unwrap();
    assert!(!help.contains("step-bar"), "the help page has no step bar");
    assert_eq!(fetch(&app, "/favicon.ico", None).await.status(), 404, "a missing file is no page");
    let unknown = fetch(&app, "/no/such/page", None).await.text().await.unwrap();
    assert!(unknown.contains("step-bar") && !unknown.contains("aria-current"), "no step is current");
}

/// Screen ⑥'s page carries the question itself when the browser's flow
/// stands there: answerable before the SPA starts, and never cached.
#[tokio::test]
async fn screen_sixs_page_asks_the_question_itself_and_is_never_cached() {
    let dist = dist();
    let path = dist.path().to_path_buf();
    let app = TestApp::spawn_with(Db::Sqlite, |config| config.spa_dir = path).await;
    let started = crate::oauth::app_starts(&app).await;
    let early = started.browser.get(app.url("/auth/consent")).send().await.unwrap();
    assert_eq!(header(&early, CACHE_CONTROL), "no-cache");
    let early = early.text().await.unwrap();
    assert!(early.contains(r#"<p class="loading""#) && !early.contains("<form"), "before ⑥: its frame only");

    crate::oauth::customer_passes_screens_one_to_five(&app, &started.browser).await;
    let page = started.browser.get(app.url("/auth/consent")).send().await.unwrap();
    assert_eq!(page.status(), 200);
    assert_eq!(header(&page, CACHE_CONTROL), "no-store", "it names the customer's account");
    let html = page.text().await.unwrap();
    for expected in [
        "しんくみ家計簿（デモアプリ）",
        "本店営業部 普通 ****567",
        r#"<form class="form consent__answers" method="post" action="/api/flow/consent">"#,
        r#"value="allow">許可する</button>"#,
        r#"<script type="application/json" id="renkei-consent">"#,
    ] {
        assert!(html.contains(expected), "{expected} missing from\n{html}");
    }
    // The form works as it stands: the answer goes back to the app.
    let back = crate::oauth::answer_consent(&app, &started.browser, "allow").await;
    assert!(crate::oauth::query_param(&back, "code").is_some(), "{back}");
}

/// Another union's colours come from its configuration alone: the pages
/// carry them as the stylesheet's custom properties, allowed by hash.
#[tokio::test]
async fn the_unions_colours_come_from_configuration() {
    use renkei_backend::config::brand::{Brand, Color};
    let dist = dist();
    let path = dist.path().to_path_buf();
    let app = TestApp::spawn_with(Db::Sqlite, |config| {
        config.spa_dir = path;
        config.brand = Brand { color: Color::parse("#6b2d7a").unwrap(), color_dark: Color::parse("#4a1f55").unwrap() };
    })
    .await;
    let page = fetch(&app, "/auth/account", None).await;
    let csp = header(&page, reqwest::header::CONTENT_SECURITY_POLICY).to_owned();
    let html = page.text().await.unwrap();
    let style =
        ":root{--color-brand:#6b2d7a;--color-brand-dark:#4a1f55;--color-brand-tint:#f3eef4;--color-brand-line:#dacbde}";
    assert!(html.contains(&format!("<style>{style}</style></head>")), "{html}");
    use base64::Engine;
    use sha2::Digest;
    let hash = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(style.as_bytes()));
    assert!(csp.contains(&format!("style-src 'self' 'sha256-{hash}'")), "the CSP allows exactly that style: {csp}");
    assert!(!csp.contains("unsafe-inline"));
}
