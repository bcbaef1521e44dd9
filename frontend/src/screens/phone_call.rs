//! 画面④ 電話番号認証 (API連携認証(電話番号認証)): the authentication number
//! as a `tel:` link, the 120-second countdown, 「確定する」, the waiting
//! state, the expiry, and in development the call simulator.

use crate::components::{ErrorBanner, LeaveButton, ScreenTitle};
use leptos::prelude::*;
use renkei_common::api::{CallInstructions, ContactDesk, SimulatedCaller};
use renkei_common::catalogue::{ApiError, ErrorId};
use renkei_common::steps::Step;

/// The manual's instructions, word for word (messages.md).
pub const INSTRUCTIONS: &str = "電話番号での認証を行います。お届け出電話番号から認証先電話番号にお電話ください。電話番号認証完了後、「確定する」ボタンを押してください。";
pub const WAITING: &str = "認証中(認証着信待ち)";

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
                            <a class="button button--primary" href=Step::Account.path()>"API連携認証の最初に戻る"</a>
                            <LeaveButton />
                        </div>
                    }
                }
            >
                <p class="screen__lead screen__lead--strong">{INSTRUCTIONS}</p>
                <dl class="call">
                    <dt class="call__label">"発信元（お届け出電話番号）"</dt>
                    <dd class="call__caller">{call.caller.clone()}</dd>
                    <dt class="call__label">"認証先電話番号"</dt>
                    <dd>
                        <a class="call__number" href=call.tel_uri.clone() aria-label=format!("認証先電話番号 {} に電話をかける", call.destination)>
                            {call.destination.clone()}
                        </a>
                        <span class="call__hint">
                            {if call.destination.starts_with("0120") { "タップすると電話がかかります（通話料無料）" } else { "タップすると電話がかかります" }}
                        </span>
                    </dd>
                </dl>
                <div class="countdown" role="timer" aria-label="残り時間">
                    <span class="countdown__label">"残り時間"</span>
                    <span class="countdown__time">{countdown}</span>
                    <progress class="countdown__bar" max="120" value=move || seconds_left.get().max(0)></progress>
                </div>
                <Show when=move || verified.get() && !waiting.get()>
                    <p class="notice notice--success" role="status">"着信を確認しました。「確定する」を押して下さい。"</p>
                </Show>
                <Show when=move || waiting.get()>
                    <p class="notice notice--waiting" role="status">
                        <span class="spinner" aria-hidden="true"></span>
                        {WAITING}
                    </p>
                </Show>
                <button class="button button--primary" type="button" disabled=move || busy.get() on:click=move |_| on_confirm.run(())>
                    "確定する"
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
        <aside class="simulator" aria-label="通話シミュレーター">
            <p class="simulator__title">"通話シミュレーター（開発用）"</p>
            <div class="simulator__buttons">
                {button("お届け出電話番号から発信", SimulatedCaller::Registered)}
                {button("非通知で発信", SimulatedCaller::Withheld)}
                {button("登録外の番号から発信", SimulatedCaller::Stranger)}
            </div>
            <p class="simulator__heard" aria-live="polite">
                {move || heard.get().map(|h| format!("音声案内：{h}"))}
            </p>
        </aside>
    }
}
