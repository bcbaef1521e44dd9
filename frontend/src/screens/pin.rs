//! 画面⑤ キャッシュカード暗証番号認証: four digits on a shuffled keypad (a
//! physical keyboard works too); digits are masked, nothing is remembered
//! or pasted.

use crate::components::{ErrorBanner, FormErrors, Keypad, LeaveButton, ScreenTitle, TextField};
use crate::lang::{lang, t};
use leptos::prelude::*;
use renkei_common::api::{ContactDesk, PinRequest};
use renkei_common::catalogue::{ApiError, ErrorId};
use renkei_common::fields::Pin;
use renkei_common::steps::Step;

#[component]
pub fn PinScreen(
    /// The keypad's digit order for this attempt.
    #[prop(into)]
    layout: Signal<[u8; 10]>,
    /// The PIN typed so far (cleared by the page after each attempt).
    pin: RwSignal<String>,
    #[prop(into)] busy: Signal<bool>,
    #[prop(into)] error: Signal<Option<ApiError>>,
    #[prop(into)] desk: Signal<Option<ContactDesk>>,
    #[prop(into)] on_submit: Callback<PinRequest>,
) -> impl IntoView {
    let touched = RwSignal::new(false);
    let form = FormErrors::new(error);
    let pin_error = form.for_field("pin", touched, move || Pin::parse(&pin.get()).err().map(|e| e.text(lang())));
    let attempts_left = move || error.get().and_then(|e| e.attempts_left).map(t().pin.attempts_left);
    // Locked until 0:00: no keypad invites a try that can only say B84.
    let locked = move || error.get().is_some_and(|e| matches!(e.id, ErrorId::LockedNow | ErrorId::Locked));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let request = PinRequest { pin: pin.get_untracked() };
        if Pin::parse(&request.pin).is_err() {
            form.mark_submitted();
        } else if !busy.get_untracked() {
            form.reset();
            touched.set(false);
            on_submit.run(request);
        }
    };
    view! {
        <section class="screen" aria-labelledby="screen-title">
            <ScreenTitle step=Step::Pin />
            <p class="screen__lead">{t().lead(Step::Pin)}</p>
            {move || form.banner().get().map(|e| view! { <ErrorBanner error=e desk=desk.get() /> })}
            <Show
                when=move || !locked()
                fallback=|| {
                    view! {
                        <p class="notice">
                            {t().pin.locked_note}
                        </p>
                        <LeaveButton primary=true />
                    }
                }
            >
                <p class="notice notice--warning">{attempts_left}</p>
                <form class="form" novalidate on:submit=submit>
                    <TextField
                        id="pin"
                        label=t().pin.pin
                        input_type="password"
                        inputmode="numeric"
                        autocomplete="off"
                        maxlength=4
                        no_paste=true
                        value=pin
                        on_blur=move || touched.set(true)
                        error=pin_error
                    />
                    <Keypad layout=layout value=pin disabled=busy />
                    <p class="field__note">
                        {t().pin.note}
                    </p>
                    <button class="button button--primary" type="submit" disabled=move || busy.get()>
                        {t().frame.next}
                    </button>
                </form>
            </Show>
        </section>
    }
}
