//! 画面② お客様情報入力. This first version confirms that screen ①'s
//! account was taken; the identity fields arrive with step 1 (issue 4).

use crate::components::ScreenTitle;
use leptos::prelude::*;
use renkei_common::steps::Step;

#[component]
pub fn CustomerScreen() -> impl IntoView {
    view! {
        <section class="screen" aria-labelledby="screen-title">
            <ScreenTitle step=Step::Customer />
            <p class="screen__lead">"口座情報を受け付けました。続いてお客様情報を入力して下さい。"</p>
        </section>
    }
}
