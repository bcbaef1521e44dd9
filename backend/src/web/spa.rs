//! Serves the built SPA (Trunk's `dist/`): files by path, `index.html` for
//! every other path so the SPA's router can take it. The build writes each
//! file's brotli and gzip forms beside it (`cargo xtask`); the one the
//! browser accepts is sent as is, with `Vary: Accept-Encoding`, and the
//! plain file otherwise.

use axum::Router;
use axum::http::{HeaderValue, Response, header};
use base64::Engine;
use sha2::{Digest, Sha256};
use std::path::Path;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;

pub fn router(spa_dir: &Path) -> Router {
    let index = spa_dir.join("index.html");
    let csp = content_security_policy(&std::fs::read_to_string(&index).unwrap_or_default());
    let csp = HeaderValue::from_str(&csp).unwrap_or_else(|_| HeaderValue::from_static("default-src 'self'"));
    let index = ServeFile::new(index).precompressed_br().precompressed_gzip();
    let files = ServeDir::new(spa_dir).precompressed_br().precompressed_gzip().fallback(index);
    Router::new()
        .fallback_service(files)
        .layer(SetResponseHeaderLayer::if_not_present(header::VARY, HeaderValue::from_static("accept-encoding")))
        .layer(SetResponseHeaderLayer::overriding(header::CONTENT_SECURITY_POLICY, csp))
        .layer(SetResponseHeaderLayer::overriding(header::CACHE_CONTROL, cache_control))
}

/// Trunk names assets by content hash, so they may be cached for good;
/// the page itself must be revalidated to pick up a new build.
fn cache_control<B>(response: &Response<B>) -> Option<HeaderValue> {
    let is_html = response.headers().get(header::CONTENT_TYPE).is_some_and(|t| t.as_bytes().starts_with(b"text/html"));
    Some(HeaderValue::from_static(if is_html { "no-cache" } else { "public, max-age=31536000, immutable" }))
}

/// The page's policy: only our own files, and by hash the one inline
/// bootstrap script Trunk writes into `index.html`. No `form-action`:
/// browsers apply it to the 303 that follows screen ⑥'s form, which goes
/// to the app's registered redirect URI (any origin, or an app scheme).
pub fn content_security_policy(index_html: &str) -> String {
    let hashes: String = inline_scripts(index_html)
        .map(|script| {
            let digest = Sha256::digest(script.as_bytes());
            format!(" 'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(digest))
        })
        .collect();
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; \
         frame-ancestors 'none'"
    )
}

/// The bodies of `<script>` elements without a `src`.
fn inline_scripts(html: &str) -> impl Iterator<Item = &str> {
    html.split("<script").skip(1).filter_map(|rest| {
        let (attributes, after) = rest.split_once('>')?;
        let (body, _) = after.split_once("</script>")?;
        (!attributes.contains("src=") && !body.trim().is_empty()).then_some(body)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_bootstrap_scripts_are_allowed_by_hash_only() {
        let html =
            r#"<head><script type="module">import init from '/a.js';</script><script src="/b.js"></script></head>"#;
        let csp = content_security_policy(html);
        let expected = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(b"import init from '/a.js';"));
        assert!(csp.contains(&format!("'sha256-{expected}'")), "{csp}");
        assert_eq!(csp.matches("sha256-").count(), 1);
        assert!(!csp.contains("unsafe-inline"));
    }
}
