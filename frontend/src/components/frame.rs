//! The frame around every screen: who is asking (the union), whom to call
//! (its contact desk) and where the answers to common questions are.

use super::HelpLink;
use crate::lang::{lang, t};
use leptos::prelude::*;
use renkei_common::Lang;
use renkei_common::api::UnionProfile;

#[component]
pub fn Header(#[prop(into)] union: Signal<Option<UnionProfile>>) -> impl IntoView {
    view! {
        <header class="site-header">
            <p class="site-header__union">{move || union.get().map(|u| u.name).unwrap_or_default()}</p>
            <p class="site-header__service">{t().frame.service}</p>
            <LanguageSwitch />
        </header>
    }
}

#[component]
pub fn Footer(#[prop(into)] union: Signal<Option<UnionProfile>>) -> impl IntoView {
    view! {
        <footer class="site-footer">
            <p class="site-footer__help">
                <HelpLink />
            </p>
            {move || {
                union
                    .get()
                    .map(|u| {
                        let tel = format!("tel:{}", u.desk.phone);
                        let mail = format!("mailto:{}", u.desk.email);
                        view! {
                            <p class="site-footer__title">{t().frame.desk_heading}</p>
                            <p>{u.name} " " {u.desk.name}</p>
                            <p>{t().frame.phone} " " <a href=tel>{u.desk.phone.clone()}</a> {(t().frame.desk_hours)(&u.desk.hours)}</p>
                            <p>{t().frame.mail} " " <a href=mail>{u.desk.email.clone()}</a></p>
                        }
                    })
            }}
        </footer>
    }
}

/// The other language, as a plain link: the server answers the page in it
/// and keeps the choice (`backend/src/web/lang.rs`). Named in its own
/// language and marked so (`lang`), so a screen reader says it rightly.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let other = lang().other();
    let label = format!("{} / {}", other.texts().frame.language, other.own_name());
    // rel=external: the router must let the browser load it.
    view! {
        <a
            class="site-header__lang"
            href=format!("?{}={}", Lang::QUERY, other.tag())
            hreflang=other.tag()
            lang=other.tag()
            rel="external"
            aria-label=label
        >
            {other.own_name()}
        </a>
    }
}
