//! A catalogue error as the customer reads it: the manual's message, what
//! to do, the reason code, and the contact desk (with the help page beside
//! it) where the message sends the customer to it.

use super::HelpLink;
use crate::lang::{lang, t};
use leptos::prelude::*;
use renkei_common::Lang;
use renkei_common::api::ContactDesk;
use renkei_common::catalogue::ApiError;

#[component]
pub fn ErrorBanner(error: ApiError, desk: Option<ContactDesk>) -> impl IntoView {
    // Japanese as the server sent it (the manual's words); another
    // language from the catalogue, by the refusal's id.
    let (message, remedy) = match lang() {
        Lang::Ja => (error.message, error.remedy),
        other => {
            let (message, remedy) = error.id.words(other);
            (message.to_owned(), remedy.to_owned())
        }
    };
    let desk = desk.filter(|_| error.shows_contact).map(|desk| {
        let tel = format!("tel:{}", desk.phone);
        let mailto = format!("mailto:{}", desk.email);
        view! {
            <p class="error-banner__desk">
                {t().frame.desk_prefix} {desk.name} " " {t().frame.phone} " " <a href=tel>{desk.phone.clone()}</a>
                {(t().frame.desk_hours)(&desk.hours)} " " {t().frame.mail} " " <a href=mailto>{desk.email.clone()}</a>
            </p>
            <p class="error-banner__help">
                {t().frame.see_help.before}
                <HelpLink />
                {t().frame.see_help.after}
            </p>
        }
    });
    // On a phone the button is far below: bring the message into view, but
    // only as far as needed (a banner already in view stays put).
    let node = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if let Some(element) = node.get() {
            let options = web_sys::ScrollIntoViewOptions::new();
            options.set_block(web_sys::ScrollLogicalPosition::Nearest);
            element.scroll_into_view_with_scroll_into_view_options(&options);
        }
    });
    view! {
        <div class="error-banner" role="alert" data-error-id=error.id.as_str() node_ref=node>
            <p class="error-banner__message">{message}</p>
            <p class="error-banner__remedy">{remedy}</p>
            {desk}
            <p class="error-banner__code">{t().frame.error_code} " " {error.reason_code}</p>
        </div>
    }
}
