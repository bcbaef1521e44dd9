//! Screen ⑥'s page with the question itself: the app, the data, the
//! account and the period, and the form that answers it. ⑥ is a native
//! form post, so the page works before the SPA has started (or where it
//! cannot start at all). Built per request from the flow, never cached;
//! the SPA takes the question from its data block and draws the same
//! markup (`frontend/src/screens/consent.rs`).

use super::{Frame, PER_REQUEST, Pages, data_block, encode, escape, page_with, respond_encoded, title_and_lead};
use axum::http::header::CACHE_CONTROL;
use axum::http::{HeaderMap, HeaderValue};
use axum::response::Response;
use renkei_common::api::ConsentView;
use renkei_common::page::consent::{ACCOUNT, AFTER_UNINSTALL, ALLOW, APP, DATA, DENY, PERIOD, PERIOD_NOTE, period};
use renkei_common::page::{CONSENT_DATA_ID, mail_domain_note};
use renkei_common::steps::Step;
use std::fmt::Write as _;

impl Pages {
    pub fn consent(&self, view: &ConsentView, headers: &HeaderMap) -> Response {
        let frame = Frame::Step(Step::Consent);
        let data = Some(data_block(CONSENT_DATA_ID, view));
        let html = page_with(&self.template, &self.union, frame, &screen(view), data);
        let mut response = respond_encoded(&encode(html, PER_REQUEST), headers);
        // It names the customer's account: no cache keeps it.
        response.headers_mut().insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
        response
    }
}

/// The markup of `screens::ConsentScreen`.
fn screen(view: &ConsentView) -> String {
    let mut html =
        format!(r#"<section class="screen" aria-labelledby="screen-title">{}"#, title_and_lead(Step::Consent));
    let data: String = view.data.iter().map(|item| format!("<li>{}</li>", escape(item))).collect();
    let _ = write!(
        html,
        r#"<dl class="consent"><dt>{APP}</dt><dd class="consent__app">{}</dd><dt>{DATA}</dt><dd><ul class="consent__data">{data}</ul></dd><dt>{ACCOUNT}</dt><dd>{}</dd><dt>{PERIOD}</dt><dd>{}<span class="consent__note">{PERIOD_NOTE}</span></dd></dl>"#,
        escape(&view.app_name),
        escape(&view.account),
        escape(&period(view.days, &view.until)),
    );
    let _ = write!(html, r#"<p class="field__note">{AFTER_UNINSTALL}</p>"#);
    if let Some(domain) = &view.mail_domain {
        let _ = write!(html, r#"<p class="field__note mail-domain">{}</p>"#, escape(&mail_domain_note(domain)));
    }
    let _ = write!(
        html,
        r#"<form class="form consent__answers" method="post" action="{}"><button class="button button--primary" type="submit" name="decision" value="allow">{ALLOW}</button><button class="button" type="submit" name="decision" value="deny">{DENY}</button></form></section>"#,
        escape(&view.action)
    );
    html
}
