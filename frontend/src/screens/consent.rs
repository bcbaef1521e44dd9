//! 画面⑥ 情報連携認可. This first version marks the place the flow reaches
//! after the PIN; the consent and the OAuth server arrive with issue 6.

use crate::components::ScreenTitle;
use leptos::prelude::*;
use renkei_common::steps::Step;

#[component]
pub fn ConsentScreen() -> impl IntoView {
    view! {
        <section class="screen" aria-labelledby="screen-title">
            <ScreenTitle step=Step::Consent />
            <p class="screen__lead">"暗証番号による本人確認が完了しました。"</p>
        </section>
    }
}
