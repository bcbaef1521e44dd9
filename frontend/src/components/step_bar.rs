//! The step indicator ①–⑥: where the customer is in API authentication.

use crate::lang::t;
use leptos::prelude::*;
use renkei_common::steps::Step;

#[component]
pub fn StepBar(#[prop(into)] current: Signal<Option<Step>>) -> impl IntoView {
    view! {
        <nav class="step-bar" aria-label=t().frame.step_bar>
            <ol>
                {Step::ALL
                    .into_iter()
                    .map(|step| {
                        let state = move || match current.get() {
                            Some(now) if now == step => "step-bar__item step-bar__item--current",
                            Some(now) if now > step => "step-bar__item step-bar__item--done",
                            _ => "step-bar__item",
                        };
                        let aria_current = move || (current.get() == Some(step)).then_some("step");
                        view! {
                            <li class=state aria-current=aria_current>
                                <span class="step-bar__mark">{step.mark().to_string()}</span>
                                <span class="step-bar__label">{t().step_label(step)}</span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </nav>
    }
}
