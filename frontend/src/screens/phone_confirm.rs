//! 画面③ 電話番号の確認. This first version marks the place the flow
//! reaches after screens ①②; the phone steps arrive with step 2 (issue 5).

use crate::components::ScreenTitle;
use leptos::prelude::*;
use renkei_common::steps::Step;

#[component]
pub fn PhoneConfirmScreen() -> impl IntoView {
    view! {
        <section class="screen" aria-labelledby="screen-title">
            <ScreenTitle step=Step::PhoneConfirm />
            <p class="screen__lead">"口座情報とお客様情報を確認しました。続いて、お届け出電話番号からの発信で本人確認を行います。"</p>
        </section>
    }
}
