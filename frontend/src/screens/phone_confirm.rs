//! 画面③ 電話番号の確認: the registered phone(s), masked; with several the
//! customer picks the one they will call from.

use crate::components::{ErrorBanner, ScreenTitle};
use crate::lang::t;
use leptos::prelude::*;
use renkei_common::api::{ContactDesk, MaskedPhone};
use renkei_common::catalogue::ApiError;
use renkei_common::steps::Step;

#[component]
pub fn PhoneConfirmScreen(
    phones: Vec<MaskedPhone>,
    #[prop(into)] busy: Signal<bool>,
    #[prop(into)] error: Signal<Option<ApiError>>,
    #[prop(into)] desk: Signal<Option<ContactDesk>>,
    /// The index of the phone the customer will call from.
    #[prop(into)]
    on_submit: Callback<usize>,
) -> impl IntoView {
    let chosen = RwSignal::new(0_usize);
    let several = phones.len() > 1;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !busy.get_untracked() {
            on_submit.run(chosen.get_untracked());
        }
    };
    let list = if several {
        view! {
            <fieldset class="field choice choice--stacked">
                <legend class="field__label">{t().phone.choose}</legend>
                {phones
                    .into_iter()
                    .map(|phone| {
                        let id = format!("phone-{}", phone.index);
                        let label_for = id.clone();
                        let index = phone.index;
                        view! {
                            <label class="choice__option" for=label_for>
                                <input
                                    type="radio"
                                    id=id
                                    name="phone"
                                    prop:checked=move || chosen.get() == index
                                    on:change=move |_| chosen.set(index)
                                />
                                <span class="phone-number">{phone.masked}</span>
                            </label>
                        }
                    })
                    .collect_view()}
            </fieldset>
        }
        .into_any()
    } else {
        let masked = phones.into_iter().next().map(|p| p.masked).unwrap_or_default();
        view! {
            <div class="field">
                <p class="field__label">{t().phone.registered}</p>
                <p class="phone-number phone-number--shown">{masked}</p>
            </div>
        }
        .into_any()
    };
    view! {
        <section class="screen" aria-labelledby="screen-title">
            <ScreenTitle step=Step::PhoneConfirm />
            <p class="screen__lead">{t().lead(Step::PhoneConfirm)}</p>
            {move || error.get().map(|e| view! { <ErrorBanner error=e desk=desk.get() /> })}
            <form class="form" on:submit=submit>
                {list}
                <p class="notice">{t().phone.withheld_note}</p>
                <p class="field__note">
                    {t().phone.unknown_note}
                </p>
                <button class="button button--primary" type="submit" disabled=move || busy.get()>
                    {t().frame.next}
                </button>
            </form>
        </section>
    }
}
