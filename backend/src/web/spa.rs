//! Serves the built SPA (Trunk's `dist/`): files by path, and for every
//! other path the page of its screen (`shell`), so the SPA's router can
//! take it. The build writes each
//! file's brotli and gzip forms beside it (`cargo xtask`); the one the
//! browser accepts is sent as is, with `Vary: Accept-Encoding`, and the
//! plain file otherwise.

use super::flow::consent;
use super::flow::current::CurrentFlow;
use super::lang::RequestLang;
use super::shell::{NO_SCRIPT_CSS, Pages};
use crate::domain::error::DomainError;
use crate::state::AppState;
use axum::extract::State;
use axum::handler::HandlerWithoutStateExt;
use axum::http::{HeaderMap, HeaderValue, Response, Uri, header};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Extension, Router};
use base64::Engine;
use renkei_common::steps::Step;
use sha2::{Digest, Sha256};
use std::sync::Arc;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

pub fn router(state: &AppState) -> Router {
    let spa_dir = &state.config.spa_dir;
    let template = std::fs::read_to_string(spa_dir.join("index.html")).unwrap_or_default();
    let brand = state.config.brand.css();
    let csp = content_security_policy(&template, &[&brand, NO_SCRIPT_CSS], &state.config.frame_ancestors);
    let csp = HeaderValue::from_str(&csp).unwrap_or_else(|_| HeaderValue::from_static("default-src 'self'"));
    let pages = Arc::new(Pages::build(&template, |lang| state.config.union_profile(lang), &brand));
    let secure = state.config.is_production();
    let page = {
        let pages = pages.clone();
        move |uri: Uri, headers: HeaderMap| {
            let pages = pages.clone();
            async move {
                let lang = RequestLang::of(uri.query(), &headers);
                let page = pages.respond(uri.path(), &headers, lang.lang);
                (lang.jar(secure), page).into_response()
            }
        }
    };
    let files = ServeDir::new(spa_dir).precompressed_br().precompressed_gzip().fallback(page.clone().into_service());
    Router::new()
        .route("/", get(page))
        .route(Step::Consent.path(), get(consent_page))
        .fallback_service(files)
        .layer(Extension(pages))
        .layer(SetResponseHeaderLayer::if_not_present(header::VARY, HeaderValue::from_static("accept-encoding")))
        .layer(SetResponseHeaderLayer::overriding(header::CONTENT_SECURITY_POLICY, csp))
        .layer(SetResponseHeaderLayer::if_not_present(header::CACHE_CONTROL, cache_control))
        .with_state(state.clone())
}

/// Screen ⑥ with its question when the browser's flow stands there;
/// otherwise ⑥'s frame, and the SPA says what is wrong.
async fn consent_page(
    State(state): State<AppState>,
    Extension(pages): Extension<Arc<Pages>>,
    current: Result<CurrentFlow, DomainError>,
    lang: RequestLang,
    headers: HeaderMap,
) -> Response<axum::body::Body> {
    let question = match current {
        Ok(current) => consent::question(&state, current, lang.lang).await.ok(),
        Err(_) => None,
    };
    let page = match question {
        Some(question) => pages.consent(&question, &headers, lang.lang),
        None => pages.respond(Step::Consent.path(), &headers, lang.lang),
    };
    (lang.jar(state.config.is_production()), page).into_response()
}

/// Trunk names assets by content hash, so they may be cached for good;
/// the page itself must be revalidated to pick up a new build.
fn cache_control<B>(response: &Response<B>) -> Option<HeaderValue> {
    let is_html = response.headers().get(header::CONTENT_TYPE).is_some_and(|t| t.as_bytes().starts_with(b"text/html"));
    Some(HeaderValue::from_static(if is_html { "no-cache" } else { "public, max-age=31536000, immutable" }))
}

/// The page's policy: only our own files, and by hash the one inline
/// bootstrap script Trunk writes into `index.html` and the union's
/// colours the server writes into each page (`inline_styles`). No `form-action`:
/// browsers apply it to the 303 that follows screen ⑥'s form, which goes
/// to the app's registered redirect URI (any origin, or an app scheme).
/// `frame_ancestors`: the app providers' origins that may frame the pages
/// (`RENKEI_FRAME_ANCESTORS`); none by default.
pub fn content_security_policy(index_html: &str, inline_styles: &[&str], frame_ancestors: &[String]) -> String {
    let hash = |text: &str| {
        format!(" 'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(Sha256::digest(text.as_bytes())))
    };
    let hashes: String = inline_scripts(index_html).map(hash).collect();
    let styles: String = inline_styles.iter().map(|style| hash(style)).collect();
    let ancestors = if frame_ancestors.is_empty() { "'none'".to_owned() } else { frame_ancestors.join(" ") };
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self'{styles}; \
         img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; \
         frame-ancestors {ancestors}"
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
        let csp = content_security_policy(html, &[":root{--color-brand:#6b2d7a}"], &[]);
        assert!(csp.ends_with("frame-ancestors 'none'"), "{csp}");
        let framed = content_security_policy(html, &[], &["https://app.example.jp".into()]);
        assert!(framed.ends_with("frame-ancestors https://app.example.jp"), "{framed}");
        let expected = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(b"import init from '/a.js';"));
        assert!(csp.contains(&format!("'sha256-{expected}'")), "{csp}");
        assert_eq!(csp.matches("sha256-").count(), 2, "the script and the style");
        let style = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(b":root{--color-brand:#6b2d7a}"));
        assert!(csp.contains(&format!("style-src 'self' 'sha256-{style}'")), "{csp}");
        assert!(!csp.contains("unsafe-inline"));
    }
}
