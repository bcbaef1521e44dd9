//! 画面④ 電話番号認証 (API連携認証(電話番号認証)): the authentication number
//! as a `tel:` link, the 120-second countdown, 「確定する」, the waiting
//! state, the expiry, and in development the call simulator.

use crate::components::{ErrorBanner, LeaveButton, ScreenTitle};
use crate::lang::t;
use leptos::prelude::*;
use renkei_common::api::{CallInstructions, ContactDesk, SimulatedCaller};
use renkei_common::catalogue::{ApiError, ErrorId};
use renkei_common::steps::Step;

#[component]
pub fn PhoneCallScreen(
    call: CallInstructions,
    #[prop(into)] seconds_left: Signal<i64>,
    /// 「確定する」 was pressed before the call arrived.
    #[prop(into)]
    waiting: Signal<bool>,
    #[prop(into)] verified: Signal<bool>,
    #[prop(into)] busy: Signal<bool>,
    #[prop(into)] error: Signal<Option<ApiError>>,
    #[prop(into)] desk: Signal<Option<ContactDesk>>,
    #[prop(into)] on_confirm: Callback<()>,
    /// Development only: place a simulated call.
    #[prop(optional, into)]
    on_simulate: Option<Callback<SimulatedCaller>>,
    #[prop(optional, into)] heard: Signal<Option<String>>,
) -> impl IntoView {
    // The attempt is void (120 s passed, or a call fitted another attempt
    // too): only the way back to ① is offered.
    let expired = Signal::derive(move || {
        error
            .get()
            .is_some_and(|e| matches!(e.id, ErrorId::PhoneExpired | ErrorId::CallAmbiguous | ErrorId::FlowExpired))
    });
    let countdown = move || {
        let s = seconds_left.get().max(0);
        format!("{}:{:02}", s / 60, s % 60)
    };
    let simulate = on_simulate.filter(|_| call.call_simulator);
    view! {
        <section class="screen" aria-labelledby="screen-title">
            <ScreenTitle step=Step::PhoneCall />
            {move || error.get().map(|e| view! { <ErrorBanner error=e desk=desk.get() /> })}
            <Show
                when=move || !expired.get()
                fallback=|| {
                    view! {
                        <div class="actions">
                            <a class="button button--primary" href=Step::Account.path()>{t().frame.back_to_start}</a>
                            <LeaveButton />
                        </div>
                    }
                }
            >
                <p class="screen__lead screen__lead--strong">{t().phone.instructions}</p>
                <dl class="call">
                    <dt class="call__label">{t().phone.caller}</dt>
                    <dd class="call__caller">{call.caller.clone()}</dd>
                    <dt class="call__label">{t().phone.destination}</dt>
                    <dd>
                        <a class="call__number" href=call.tel_uri.clone() aria-label=(t().phone.call_label)(&call.destination)>
                            {call.destination.clone()}
                        </a>
                        <span class="call__hint">
                            {if call.destination.starts_with("0120") { t().phone.tap_to_call_free } else { t().phone.tap_to_call }}
                        </span>
                    </dd>
                </dl>
                <div class="countdown" role="timer" aria-label=t().phone.time_left>
                    <span class="countdown__label">{t().phone.time_left}</span>
                    <span class="countdown__time">{countdown}</span>
                    <progress class="countdown__bar" max="120" value=move || seconds_left.get().max(0)></progress>
                </div>
                <Show when=move || verified.get() && !waiting.get()>
                    <p class="notice notice--success" role="status">{t().phone.verified}</p>
                </Show>
                <Show when=move || waiting.get()>
                    <p class="notice notice--waiting" role="status">
                        <span class="spinner" aria-hidden="true"></span>
                        {t().phone.waiting}
                    </p>
                </Show>
                <button class="button button--primary" type="button" disabled=move || busy.get() on:click=move |_| on_confirm.run(())>
                    {t().phone.confirm}
                </button>
                {simulate.map(|on_simulate| view! { <CallSimulator on_simulate=on_simulate heard=heard /> })}
            </Show>
        </section>
    }
}

/// Development only: "call" from the registered phone, a withheld number
/// or a stranger's, and hear what the caller would hear.
#[component]
fn CallSimulator(on_simulate: Callback<SimulatedCaller>, #[prop(into)] heard: Signal<Option<String>>) -> impl IntoView {
    let button = move |label: &'static str, caller: SimulatedCaller| {
        view! { <button class="button button--small" type="button" on:click=move |_| on_simulate.run(caller)>{label}</button> }
    };
    view! {
        <aside class="simulator" aria-label=t().phone.simulator>
            <p class="simulator__title">{t().phone.simulator}</p>
            <div class="simulator__buttons">
                {button(t().phone.simulate_registered, SimulatedCaller::Registered)}
                {button(t().phone.simulate_withheld, SimulatedCaller::Withheld)}
                {button(t().phone.simulate_stranger, SimulatedCaller::Stranger)}
            </div>
            <p class="simulator__heard" aria-live="polite">
                {move || heard.get().map(|h| (t().phone.heard)(&h))}
            </p>
        </aside>
    }
}
