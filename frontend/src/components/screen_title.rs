//! A screen's heading as the manual numbers it: 「① ご利用口座情報入力」.

use crate::lang::t;
use leptos::prelude::*;
use renkei_common::steps::Step;

#[component]
pub fn ScreenTitle(step: Step) -> impl IntoView {
    view! {
        <h1 class="screen__title" id="screen-title">
            <span class="screen__mark">{step.mark().to_string()}</span>
            " "
            <span>{t().title(step)}</span>
        </h1>
    }
}
