//! The frame's markup, as the SPA's components draw it
//! (`components::frame`, `step_bar`, `loading`, `error_banner`), in the
//! page's language.

use super::*;
use renkei_common::catalogue::ErrorId;
use renkei_common::page::{SHELL_ID, UNION_DATA_ID};
use renkei_common::texts::Texts;
use std::fmt::Write as _;

/// What a route's page shows before the SPA starts.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Frame {
    /// A step of the procedure: the step bar and the screen's frame.
    Step(Step),
    /// The help page and 連携管理: no step bar.
    WithoutSteps,
    /// Any other path (the ended page, an unknown address): the step bar
    /// with no step current, as the SPA draws it.
    Other,
}

/// The template with the data blocks and the frame right after `<body>`.
pub(super) fn page(template: &str, union: &UnionProfile, frame: Frame, lang: Lang) -> String {
    page_with(template, union, frame, lang, &loading_main(frame, lang), None)
}

/// The template in `lang`: `<html lang>` (where the SPA reads it), the
/// title and the description.
pub(super) fn in_language(template: &str, lang: Lang) -> String {
    let ja = Lang::Ja.texts();
    let t = lang.texts();
    // Trunk's minifier may drop the quotes: `<html lang=ja>`.
    let tag = lang.tag();
    template
        .replacen(r#"<html lang="ja">"#, &format!(r#"<html lang="{tag}">"#), 1)
        .replacen("<html lang=ja>", &format!("<html lang={tag}>"), 1)
        .replacen(&format!("<title>{}</title>", ja.frame.service), &format!("<title>{}</title>", t.frame.service), 1)
        .replacen(ja.frame.description, t.frame.description, 1)
}

/// `css` as a `<style>` at the end of the head, after the stylesheet, so
/// its custom properties win.
pub(super) fn with_style(template: &str, css: &str) -> String {
    match template.find("</head>") {
        Some(at) => format!("{}<style>{css}</style>{}", &template[..at], &template[at..]),
        None => template.to_owned(),
    }
}

/// A data block for the SPA: JSON, never executed; `<` escaped so no text
/// closes the block.
pub(super) fn data_block(id: &str, value: &impl serde::Serialize) -> String {
    let json = serde_json::to_string(value).unwrap_or_default().replace('<', "\\u003c");
    format!(r#"<script type="application/json" id="{id}">{json}</script>"#)
}

pub(super) fn page_with(
    template: &str,
    union: &UnionProfile,
    frame: Frame,
    lang: Lang,
    main: &str,
    data: Option<String>,
) -> String {
    let mut inserted = data_block(UNION_DATA_ID, union);
    inserted.push_str(&data.unwrap_or_default());
    let _ = write!(inserted, r#"<div id="{SHELL_ID}">{}</div>"#, shell(union, frame, lang, main));
    match template.find("<body>") {
        Some(at) => {
            let at = at + "<body>".len();
            format!("{}{inserted}{}", &template[..at], &template[at..])
        }
        None => template.to_owned(),
    }
}

/// The header's switch to the other language (`components::LanguageSwitch`):
/// a plain link, so it works before the SPA starts; the server keeps the
/// choice in a cookie.
pub(super) fn language_switch(lang: Lang) -> String {
    let other = lang.other();
    format!(
        r#"<a class="site-header__lang" href="?{}={}" hreflang="{}" lang="{}" rel="external" aria-label="{} / {}">{}</a>"#,
        Lang::QUERY,
        other.tag(),
        other.tag(),
        other.tag(),
        other.texts().frame.language,
        other.own_name(),
        other.own_name()
    )
}

fn shell(union: &UnionProfile, frame: Frame, lang: Lang, main: &str) -> String {
    let t = lang.texts();
    let mut html = format!(
        r#"<header class="site-header"><p class="site-header__union">{}</p><p class="site-header__service">{}</p>{}</header>"#,
        escape(&union.name),
        t.frame.service,
        language_switch(lang)
    );
    if frame != Frame::WithoutSteps {
        html.push_str(&step_bar(
            match frame {
                Frame::Step(step) => Some(step),
                _ => None,
            },
            t,
        ));
    }
    let _ = write!(html, r#"<main class="page">{main}</main>"#);
    let desk = &union.desk;
    let _ = write!(
        html,
        r#"<footer class="site-footer"><p class="site-footer__help"><a href="{HELP_PATH}">{}</a></p><p class="site-footer__title">{}</p><p>{} {}</p><p>{} <a href="tel:{}">{}</a>{}</p><p>{} <a href="mailto:{}">{}</a></p></footer>"#,
        t.frame.help_label,
        t.frame.desk_heading,
        escape(&union.name),
        escape(&desk.name),
        t.frame.phone,
        escape(&desk.phone),
        escape(&desk.phone),
        escape(&(t.frame.desk_hours)(&desk.hours)),
        t.frame.mail,
        escape(&desk.email),
        escape(&desk.email),
    );
    html
}

/// The screen's title and lead, as `components::ScreenTitle` draws them.
pub(super) fn title_and_lead(step: Step, t: &Texts) -> String {
    let mut html = format!(
        r#"<h1 class="screen__title" id="screen-title"><span class="screen__mark">{}</span> <span>{}</span></h1>"#,
        step.mark(),
        t.title(step)
    );
    if let Some(lead) = t.lead(step) {
        let _ = write!(html, r#"<p class="screen__lead">{lead}</p>"#);
    }
    html
}

/// What `main` holds while the SPA loads: a step's title and lead and the
/// loading line (`components::LoadingScreen`), or the line alone. Where
/// the browser runs no script, the catalogue's W02 says so first.
fn loading_main(frame: Frame, lang: Lang) -> String {
    let t = lang.texts();
    let line = format!(r#"{}<p class="loading" role="status">{}</p>"#, no_script_banner(lang), t.frame.loading);
    match frame {
        Frame::Step(step) => {
            format!(
                r#"<section class="screen" aria-labelledby="screen-title">{}{line}</section>"#,
                title_and_lead(step, t)
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
fn no_script_banner(lang: Lang) -> String {
    let id = ErrorId::ScriptBlocked;
    let (message, remedy) = id.words(lang);
    format!(
        r#"<noscript><style>{NO_SCRIPT_CSS}</style><div class="error-banner" role="alert" data-error-id="{}"><p class="error-banner__message">{message}</p><p class="error-banner__remedy">{remedy}</p><p class="error-banner__code">{} {}</p></div></noscript>"#,
        id.as_str(),
        lang.texts().frame.error_code,
        id.entry().reason_code
    )
}

/// The template's own `<noscript>` (for a static host) goes: our pages
/// say it where the customer looks, in the screen (`no_script_banner`).
pub(super) fn without_noscript(template: &str) -> String {
    match (template.find("<noscript>"), template.find("</noscript>")) {
        (Some(start), Some(end)) if start < end => {
            format!("{}{}", &template[..start], &template[end + "</noscript>".len()..])
        }
        _ => template.to_owned(),
    }
}

fn step_bar(current: Option<Step>, t: &Texts) -> String {
    let mut html = format!(r#"<nav class="step-bar" aria-label="{}"><ol>"#, t.frame.step_bar);
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
            t.step_label(step)
        );
    }
    html.push_str("</ol></nav>");
    html
}

pub(super) fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_frame_goes_right_after_body_with_the_profile_escaped() {
        let mut union = crate::config::Config::for_tests("sqlite::memory:").union;
        union.name = "</script><b>組合".into();
        let html =
            page("<html><body><noscript>x</noscript></body></html>", &union, Frame::Step(Step::Consent), Lang::Ja);
        assert!(html.starts_with(r#"<html><body><script type="application/json" id="renkei-union">"#), "{html}");
        assert!(!html.contains("</script><b>"), "no text of the profile closes the data block or opens markup");
        assert!(html.contains("&lt;/script&gt;&lt;b&gt;組合"), "escaped in the header");
        assert!(html.contains(r#"aria-current="step"><span class="step-bar__mark">⑥</span>"#));
        assert!(html.contains(Lang::Ja.texts().lead(Step::Consent).unwrap()));
        assert!(html.ends_with("<noscript>x</noscript></body></html>"));
    }

    #[test]
    fn an_english_page_says_so_and_offers_japanese() {
        let minified = "<!doctype html><html lang=ja><title>API連携認証</title><body>";
        assert!(
            in_language(minified, Lang::En)
                .starts_with("<!doctype html><html lang=en><title>API Linkage Authentication")
        );
        let template = r#"<html lang="ja"><head><title>API連携認証</title></head><body></body></html>"#;
        let union = crate::config::Config::for_tests("sqlite::memory:").union;
        let html = page(&in_language(template, Lang::En), &union, Frame::Step(Step::Account), Lang::En);
        assert!(html.starts_with(r#"<html lang="en"><head><title>API Linkage Authentication</title>"#), "{html}");
        assert!(html.contains(Lang::En.texts().title(Step::Account)));
        assert!(html.contains(r#"href="?lang=ja" hreflang="ja" lang="ja""#), "{html}");
        assert!(!html.contains(Lang::Ja.texts().title(Step::Account)));
    }
}
