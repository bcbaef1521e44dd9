//! The page the server sends for each screen: Trunk's `index.html` with the
//! screen's frame painted in it (header, step bar, title, lead, a loading
//! line, footer) and the union's profile as a JSON data block, so a phone
//! shows the screen while the SPA is still on its way. The SPA reads the
//! profile, removes the frame and draws the same one (`common::page`).
//!
//! Each page is built once at start-up, from the union's configuration,
//! and kept in its three encodings (brotli 11, gzip 9, plain): no request
//! pays for compressing.

use axum::body::Bytes;
use axum::http::header::{ACCEPT_ENCODING, CONTENT_ENCODING, CONTENT_TYPE, VARY};
use axum::http::{HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use renkei_common::api::UnionProfile;
use renkei_common::catalogue::ErrorId;

mod consent;
use renkei_common::page::{DESK_HEADING, HELP_LABEL, HELP_PATH, LOADING, SHELL_ID, STEP_BAR_LABEL, UNION_DATA_ID};
use renkei_common::steps::Step;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::Write as _;

/// What a route's page shows before the SPA starts.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Frame {
    /// A step of the procedure: the step bar and the screen's frame.
    Step(Step),
    /// The help page and 連携管理: no step bar.
    WithoutSteps,
    /// Any other path (the ended page, an unknown address): the step bar
    /// with no step current, as the SPA draws it.
    Other,
}

/// One page in the encodings a browser may accept.
struct Encoded {
    plain: Bytes,
    brotli: Bytes,
    gzip: Bytes,
}

pub struct Pages {
    by_path: HashMap<&'static str, Encoded>,
    other: Encoded,
    /// For the pages built per request (screen ⑥ with its question): the
    /// template with the brand's style in it already.
    template: String,
    union: UnionProfile,
}

impl Pages {
    /// The pages of `template` for `union`, in its colours: `brand_css`
    /// goes into each page's head (the CSP allows it by hash).
    pub fn build(template: &str, union: &UnionProfile, brand_css: &str) -> Pages {
        let branded = with_style(&without_noscript(template), brand_css);
        let template = branded.as_str();
        let mut routes: Vec<(&'static str, Frame)> =
            Step::ALL.iter().map(|step| (step.path(), Frame::Step(*step))).collect();
        routes.extend([("/", Frame::Step(Step::Account)), (HELP_PATH, Frame::WithoutSteps)]);
        routes.push((Step::Links.path(), Frame::WithoutSteps));
        let by_path =
            routes.into_iter().map(|(path, frame)| (path, encode(page(template, union, frame), BUILT_ONCE))).collect();
        Pages {
            by_path,
            other: encode(page(template, union, Frame::Other), BUILT_ONCE),
            template: template.to_owned(),
            union: union.clone(),
        }
    }

    /// The page for `path` in the best encoding `headers` accept. A
    /// missing file (a name with an extension, e.g. `/favicon.ico`) is a
    /// plain 404, not a page.
    pub fn respond(&self, path: &str, headers: &HeaderMap) -> Response {
        let last = path.rsplit('/').next().unwrap_or_default();
        if !self.by_path.contains_key(path) && last.contains('.') {
            return axum::http::StatusCode::NOT_FOUND.into_response();
        }
        respond_encoded(self.by_path.get(path).unwrap_or(&self.other), headers)
    }
}

/// Brotli's quality for pages built once (the best), and per request
/// (quick: a few KB, compressed while the customer waits).
const BUILT_ONCE: u32 = 11;
const PER_REQUEST: u32 = 5;

/// `page` in the best encoding `headers` accept.
fn respond_encoded(page: &Encoded, headers: &HeaderMap) -> Response {
    let accepted = headers.get(ACCEPT_ENCODING).and_then(|v| v.to_str().ok()).unwrap_or_default();
    let (body, encoding) = if accepts(accepted, "br") {
        (page.brotli.clone(), Some("br"))
    } else if accepts(accepted, "gzip") {
        (page.gzip.clone(), Some("gzip"))
    } else {
        (page.plain.clone(), None)
    };
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    headers.insert(VARY, HeaderValue::from_static("accept-encoding"));
    if let Some(encoding) = encoding {
        headers.insert(CONTENT_ENCODING, HeaderValue::from_static(encoding));
    }
    response
}

/// Whether an `Accept-Encoding` value allows `coding` (`q=0` refuses it).
fn accepts(header: &str, coding: &str) -> bool {
    header.split(',').any(|item| {
        let mut parts = item.split(';').map(str::trim);
        let name = parts.next().unwrap_or_default();
        let weight = parts.find_map(|p| p.strip_prefix("q=")).map(|q| q.trim().parse::<f32>().unwrap_or(0.0));
        name.eq_ignore_ascii_case(coding) && weight.is_none_or(|q| q > 0.0)
    })
}

fn encode(html: String, brotli_quality: u32) -> Encoded {
    let plain = html.into_bytes();
    let mut brotli = Vec::new();
    {
        let mut writer = brotli::CompressorWriter::new(&mut brotli, 4096, brotli_quality, 22);
        // Writing into memory cannot fail.
        let _ = writer.write_all(&plain);
    }
    let level = if brotli_quality == BUILT_ONCE { flate2::Compression::best() } else { flate2::Compression::fast() };
    let mut gzip = flate2::write::GzEncoder::new(Vec::new(), level);
    let _ = gzip.write_all(&plain);
    let gzip = gzip.finish().unwrap_or_default();
    Encoded { plain: plain.into(), brotli: brotli.into(), gzip: gzip.into() }
}

/// The template with the data blocks and the frame right after `<body>`.
fn page(template: &str, union: &UnionProfile, frame: Frame) -> String {
    page_with(template, union, frame, &loading_main(frame), None)
}

/// `css` as a `<style>` at the end of the head, after the stylesheet, so
/// its custom properties win.
fn with_style(template: &str, css: &str) -> String {
    match template.find("</head>") {
        Some(at) => format!("{}<style>{css}</style>{}", &template[..at], &template[at..]),
        None => template.to_owned(),
    }
}

/// A data block for the SPA: JSON, never executed; `<` escaped so no text
/// closes the block.
fn data_block(id: &str, value: &impl serde::Serialize) -> String {
    let json = serde_json::to_string(value).unwrap_or_default().replace('<', "\\u003c");
    format!(r#"<script type="application/json" id="{id}">{json}</script>"#)
}

fn page_with(template: &str, union: &UnionProfile, frame: Frame, main: &str, data: Option<String>) -> String {
    let mut inserted = data_block(UNION_DATA_ID, union);
    inserted.push_str(&data.unwrap_or_default());
    let _ = write!(inserted, r#"<div id="{SHELL_ID}">{}</div>"#, shell(union, frame, main));
    match template.find("<body>") {
        Some(at) => {
            let at = at + "<body>".len();
            format!("{}{inserted}{}", &template[..at], &template[at..])
        }
        None => template.to_owned(),
    }
}

/// The frame as the SPA's components draw it (`components::frame`,
/// `step_bar`, `loading`).
fn shell(union: &UnionProfile, frame: Frame, main: &str) -> String {
    let mut html = format!(
        r#"<header class="site-header"><p class="site-header__union">{}</p><p class="site-header__service">API連携認証</p></header>"#,
        escape(&union.name)
    );
    if frame != Frame::WithoutSteps {
        html.push_str(&step_bar(match frame {
            Frame::Step(step) => Some(step),
            _ => None,
        }));
    }
    let _ = write!(html, r#"<main class="page">{main}</main>"#);
    let desk = &union.desk;
    let _ = write!(
        html,
        r#"<footer class="site-footer"><p class="site-footer__help"><a href="{HELP_PATH}">{HELP_LABEL}</a></p><p class="site-footer__title">{DESK_HEADING}</p><p>{} {}</p><p>電話 <a href="tel:{}">{}</a> （{}）</p><p>メール <a href="mailto:{}">{}</a></p></footer>"#,
        escape(&union.name),
        escape(&desk.name),
        escape(&desk.phone),
        escape(&desk.phone),
        escape(&desk.hours),
        escape(&desk.email),
        escape(&desk.email),
    );
    html
}

/// The screen's title and lead, as `components::ScreenTitle` draws them.
fn title_and_lead(step: Step) -> String {
    let mut html = format!(
        r#"<h1 class="screen__title" id="screen-title"><span class="screen__mark">{}</span> <span>{}</span></h1>"#,
        step.mark(),
        step.title()
    );
    if let Some(lead) = step.lead() {
        let _ = write!(html, r#"<p class="screen__lead">{lead}</p>"#);
    }
    html
}

/// What `main` holds while the SPA loads: a step's title and lead and the
/// loading line (`components::LoadingScreen`), or the line alone. Where
/// the browser runs no script, the catalogue's W02 says so first.
fn loading_main(frame: Frame) -> String {
    let line = format!(r#"{}<p class="loading" role="status">{LOADING}</p>"#, no_script_banner());
    match frame {
        Frame::Step(step) => {
            format!(
                r#"<section class="screen" aria-labelledby="screen-title">{}{line}</section>"#,
                title_and_lead(step)
            )
        }
        _ => line,
    }
}

/// Without script nothing is loading: the line goes (allowed by hash in
/// the CSP, like the brand's colours).
pub const NO_SCRIPT_CSS: &str = ".loading{display:none}";

/// The catalogue's W02 as `components::ErrorBanner` draws an entry, shown
/// only by a browser that runs no script.
fn no_script_banner() -> String {
    let entry = ErrorId::ScriptBlocked.entry();
    format!(
        r#"<noscript><style>{NO_SCRIPT_CSS}</style><div class="error-banner" role="alert" data-error-id="{}"><p class="error-banner__message">{}</p><p class="error-banner__remedy">{}</p><p class="error-banner__code">エラーコード {}</p></div></noscript>"#,
        ErrorId::ScriptBlocked.as_str(),
        entry.message,
        entry.remedy,
        entry.reason_code
    )
}

/// The template's own `<noscript>` (for a static host) goes: our pages
/// say it where the customer looks, in the screen (`no_script_banner`).
fn without_noscript(template: &str) -> String {
    match (template.find("<noscript>"), template.find("</noscript>")) {
        (Some(start), Some(end)) if start < end => {
            format!("{}{}", &template[..start], &template[end + "</noscript>".len()..])
        }
        _ => template.to_owned(),
    }
}

fn step_bar(current: Option<Step>) -> String {
    let mut html = format!(r#"<nav class="step-bar" aria-label="{STEP_BAR_LABEL}"><ol>"#);
    for step in Step::ALL {
        let (class, aria) = match current {
            Some(now) if now == step => ("step-bar__item step-bar__item--current", r#" aria-current="step""#),
            Some(now) if now > step => ("step-bar__item step-bar__item--done", ""),
            _ => ("step-bar__item", ""),
        };
        let _ = write!(
            html,
            r#"<li class="{class}"{aria}><span class="step-bar__mark">{}</span><span class="step-bar__label">{}</span></li>"#,
            step.mark(),
            step.short_label()
        );
    }
    html.push_str("</ol></nav>");
    html
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_are_chosen_as_the_header_allows() {
        assert!(accepts("gzip, deflate, br, zstd", "br"));
        assert!(accepts("gzip;q=0.8, br", "br"));
        assert!(!accepts("br;q=0, gzip", "br"));
        assert!(!accepts("br; q=0.0", "br"));
        assert!(accepts("br;q=0.5", "br"));
        assert!(!accepts("identity", "gzip"));
        assert!(!accepts("", "br"));
    }

    #[test]
    fn the_frame_goes_right_after_body_with_the_profile_escaped() {
        let mut union = crate::config::Config::for_tests("sqlite::memory:").union;
        union.name = "</script><b>組合".into();
        let html = page("<html><body><noscript>x</noscript></body></html>", &union, Frame::Step(Step::Consent));
        assert!(html.starts_with(r#"<html><body><script type="application/json" id="renkei-union">"#), "{html}");
        assert!(!html.contains("</script><b>"), "no text of the profile closes the data block or opens markup");
        assert!(html.contains("&lt;/script&gt;&lt;b&gt;組合"), "escaped in the header");
        assert!(html.contains(r#"aria-current="step"><span class="step-bar__mark">⑥</span>"#));
        assert!(html.contains(Step::Consent.lead().unwrap()));
        assert!(html.ends_with("<noscript>x</noscript></body></html>"));
    }
}
