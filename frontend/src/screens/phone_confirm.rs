//! 画面③ 電話番号の確認: the registered phone(s), masked; with several the
//! customer picks the one they will call from.

use crate::components::{ErrorBanner, ScreenTitle};
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
                <legend class="field__label">"発信に使う電話番号"</legend>
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
                <p class="field__label">"お届け出電話番号"</p>
                <p class="phone-number phone-number--shown">{masked}</p>
            </div>
        }
        .into_any()
    };
    view! {
        <section class="screen" aria-labelledby="screen-title">
            <ScreenTitle step=Step::PhoneConfirm />
            <p class="screen__lead">{Step::PhoneConfirm.lead()}</p>
            {move || error.get().map(|e| view! { <ErrorBanner error=e desk=desk.get() /> })}
            <form class="form" on:submit=submit>
                {list}
                <p class="notice">"番号を非通知に設定している場合は認証できません。番号を通知してお電話下さい。"</p>
                <p class="field__note">
                    "どの電話番号をお届けいただいているかご不明な場合は、口座のあるお取引店舗へお問い合わせ下さい。"
                </p>
                <button class="button button--primary" type="submit" disabled=move || busy.get()>
                    "次へ"
                </button>
            </form>
        </section>
    }
}
