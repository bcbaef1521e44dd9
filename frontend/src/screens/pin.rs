//! 画面⑤ キャッシュカード暗証番号認証. This first version marks the place
//! the flow reaches after the phone check; the PIN keypad and the OAuth
//! server arrive with step 3 (issue 6).

use crate::components::ScreenTitle;
use leptos::prelude::*;
use renkei_common::steps::Step;

#[component]
pub fn PinScreen() -> impl IntoView {
    view! {
        <section class="screen" aria-labelledby="screen-title">
            <ScreenTitle step=Step::Pin />
            <p class="screen__lead">"電話番号による本人確認が完了しました。続いてキャッシュカードの暗証番号で本人確認を行います。"</p>
        </section>
    }
}
