//! The page the server sends for each screen: Trunk's `index.html` with the
//! screen's frame painted in it (header, step bar, title, lead, a loading
//! line, footer) and the union's profile as a JSON data block, so a phone
//! shows the screen while the SPA is still on its way. The SPA reads the
//! profile, removes the frame and draws the same one (`common::page`).
//!
//! Each page is built once at start-up, in each language, from the union's
//! configuration, and kept in its three encodings (brotli 11, gzip 9,
//! plain): no request pays for compressing. `<html lang>` says the
//! language; the SPA reads it there.

use axum::body::Bytes;
use axum::http::header::{ACCEPT_ENCODING, CONTENT_ENCODING, CONTENT_TYPE, VARY};
use axum::http::{HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use renkei_common::Lang;
use renkei_common::api::UnionProfile;
use renkei_common::page::HELP_PATH;
use renkei_common::steps::Step;
use std::collections::HashMap;
use std::io::Write as _;

mod consent;
mod frame;

pub use frame::NO_SCRIPT_CSS;
use frame::{Frame, page};

/// One page in the encodings a browser may accept.
struct Encoded {
    plain: Bytes,
    brotli: Bytes,
    gzip: Bytes,
}

/// The pages of one language.
struct Localized {
    by_path: HashMap<&'static str, Encoded>,
    other: Encoded,
    /// For the pages built per request (screen ⑥ with its question): the
    /// template in this language with the brand's style in it already.
    template: String,
    union: UnionProfile,
}

pub struct Pages {
    japanese: Localized,
    english: Localized,
}

impl Pages {
    /// The pages of `template` for the union (`profile` gives its profile
    /// in each language), in its colours: `brand_css` goes into each
    /// page's head (the CSP allows it by hash).
    pub fn build(template: &str, profile: impl Fn(Lang) -> UnionProfile, brand_css: &str) -> Pages {
        let branded = frame::with_style(&frame::without_noscript(template), brand_css);
        let localized = |lang: Lang| {
            let template = frame::in_language(&branded, lang);
            let union = profile(lang);
            let mut routes: Vec<(&'static str, Frame)> =
                Step::ALL.iter().map(|step| (step.path(), Frame::Step(*step))).collect();
            routes.extend([("/", Frame::Step(Step::Account)), (HELP_PATH, Frame::WithoutSteps)]);
            routes.push((Step::Links.path(), Frame::WithoutSteps));
            let by_path = routes
                .into_iter()
                .map(|(path, frame)| (path, encode(page(&template, &union, frame, lang), BUILT_ONCE)))
                .collect();
            Localized {
                by_path,
                other: encode(page(&template, &union, Frame::Other, lang), BUILT_ONCE),
                template,
                union,
            }
        };
        Pages { japanese: localized(Lang::Ja), english: localized(Lang::En) }
    }

    fn of(&self, lang: Lang) -> &Localized {
        match lang {
            Lang::Ja => &self.japanese,
            Lang::En => &self.english,
        }
    }

    /// The page for `path` in `lang`, in the best encoding `headers`
    /// accept. A missing file (a name with an extension, e.g.
    /// `/favicon.ico`) is a plain 404, not a page.
    pub fn respond(&self, path: &str, headers: &HeaderMap, lang: Lang) -> Response {
        let pages = self.of(lang);
        let last = path.rsplit('/').next().unwrap_or_default();
        if !pages.by_path.contains_key(path) && last.contains('.') {
            return axum::http::StatusCode::NOT_FOUND.into_response();
        }
        respond_encoded(pages.by_path.get(path).unwrap_or(&pages.other), headers)
    }
}

/// Brotli's quality for pages built once (the best), and per request
/// (quick: a few KB, compressed while the customer waits).
const BUILT_ONCE: u32 = 11;
const PER_REQUEST: u32 = 5;

/// `page` in the best encoding `headers` accept. It varies by language
/// too (the cookie or the browser's): no shared cache may mix them up.
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
    headers.insert(VARY, HeaderValue::from_static("accept-encoding, accept-language, cookie"));
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
}
