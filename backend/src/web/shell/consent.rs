//! Screen ⑥'s page with the question itself: the app, the data, the
//! account and the period, and the form that answers it. ⑥ is a native
//! form post, so the page works before the SPA has started (or where it
//! cannot start at all). Built per request from the flow, never cached;
//! the SPA takes the question from its data block and draws the same
//! markup (`frontend/src/screens/consent.rs`).

use super::frame::{Frame, data_block, escape, page_with, title_and_lead};
use super::{PER_REQUEST, Pages, encode, respond_encoded};
use axum::http::header::CACHE_CONTROL;
use axum::http::{HeaderMap, HeaderValue};
use axum::response::Response;
use renkei_common::Lang;
use renkei_common::api::ConsentView;
use renkei_common::page::CONSENT_DATA_ID;
use renkei_common::steps::Step;
use std::fmt::Write as _;

impl Pages {
    pub fn consent(&self, view: &ConsentView, headers: &HeaderMap, lang: Lang) -> Response {
        let pages = self.of(lang);
        let frame = Frame::Step(Step::Consent);
        let data = Some(data_block(CONSENT_DATA_ID, view));
        let html = page_with(&pages.template, &pages.union, frame, lang, &screen(view, lang), data);
        let mut response = respond_encoded(&encode(html, PER_REQUEST), headers);
        // It names the customer's account: no cache keeps it.
        response.headers_mut().insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
        response
    }
}

/// The markup of `screens::ConsentScreen`.
fn screen(view: &ConsentView, lang: Lang) -> String {
    let t = lang.texts();
    let c = &t.consent;
    let mut html =
        format!(r#"<section class="screen" aria-labelledby="screen-title">{}"#, title_and_lead(Step::Consent, t));
    let data: String = view.data.iter().map(|item| format!("<li>{}</li>", escape(item))).collect();
    let _ = write!(
        html,
        r#"<dl class="consent"><dt>{}</dt><dd class="consent__app">{}</dd><dt>{}</dt><dd><ul class="consent__data">{data}</ul></dd><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}<span class="consent__note">{}</span></dd></dl>"#,
        c.app,
        escape(&view.app_name),
        c.data,
        c.account,
        escape(&view.account),
        c.period,
        escape(&(c.lasts)(view.days, &view.until)),
        c.period_note,
    );
    let _ = write!(html, r#"<p class="field__note">{}</p>"#, c.after_uninstall);
    if let Some(domain) = &view.mail_domain {
        let _ =
            write!(html, r#"<p class="field__note mail-domain">{}</p>"#, escape(&(t.frame.mail_domain_note)(domain)));
    }
    let _ = write!(
        html,
        r#"<form class="form consent__answers" method="post" action="{}"><button class="button button--primary" type="submit" name="decision" value="allow">{}</button><button class="button" type="submit" name="decision" value="deny">{}</button></form></section>"#,
        escape(&view.action),
        c.allow,
        c.deny
    );
    html
}
