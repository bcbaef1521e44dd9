//! The frame around every screen: who is asking (the union), whom to call
//! (its contact desk) and where the answers to common questions are.

use super::HelpLink;
use leptos::prelude::*;
use renkei_common::api::UnionProfile;
use renkei_common::page::DESK_HEADING;

#[component]
pub fn Header(#[prop(into)] union: Signal<Option<UnionProfile>>) -> impl IntoView {
    view! {
        <header class="site-header">
            <p class="site-header__union">{move || union.get().map(|u| u.name).unwrap_or_default()}</p>
            <p class="site-header__service">"API連携認証"</p>
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
                            <p class="site-footer__title">{DESK_HEADING}</p>
                            <p>{u.name} " " {u.desk.name}</p>
                            <p>
                                "電話 " <a href=tel>{u.desk.phone.clone()}</a> " （" {u.desk.hours} "）"
                            </p>
                            <p>"メール " <a href=mail>{u.desk.email.clone()}</a></p>
                        }
                    })
            }}
        </footer>
    }
}
