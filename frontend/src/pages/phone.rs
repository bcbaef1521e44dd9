//! Screens ③④ (and the place ⑤ is reached): fetching, the countdown, and
//! waiting for the call.

use super::{StepGate, desk, load, submitter};
use crate::api;
use crate::components::{ErrorBanner, LoadingScreen};
use crate::components::{LeaveButton, shuffled_digits};
use crate::lang::t;
use crate::screens::{ConsentScreen, EndedScreen, PhoneCallScreen, PhoneConfirmScreen, PinScreen};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use renkei_common::api::{CallInstructions, ConsentView, PhoneChoice, PhoneChoices, PinRequest, SimulatedCaller};
use renkei_common::catalogue::{ApiError, ErrorId};
use renkei_common::page::CONSENT_DATA_ID;
use renkei_common::steps::Step;
use std::time::Duration;

// A screen's data is asked for together with the gate's check, not after
// it: one round trip instead of two before the screen shows (on a phone's
// link, a round trip is most of the wait). Off its step, the answer is a
// refusal nobody shows: the gate has gone elsewhere.

#[component]
pub fn PhoneConfirmPage() -> impl IntoView {
    let choices = load(api::PHONES);
    view! {
        <StepGate step=Step::PhoneConfirm>
            <PhoneChoicesLoaded choices=choices />
        </StepGate>
    }
}

#[component]
fn PhoneChoicesLoaded(choices: ReadSignal<Option<Result<PhoneChoices, ApiError>>>) -> impl IntoView {
    let desk = desk();
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let choose = submitter(busy, error, api::CHOOSE_PHONE);
    let on_submit = Callback::new(move |index: usize| choose.run(PhoneChoice { index }));
    move || match choices.get() {
        None => view! { <LoadingScreen step=Step::PhoneConfirm /> }.into_any(),
        Some(Err(refusal)) => view! {
            <section class="screen">
                <ErrorBanner error=refusal desk=desk.get() />
            </section>
        }
        .into_any(),
        Some(Ok(list)) => view! {
            <PhoneConfirmScreen phones=list.phones busy=busy error=error desk=desk on_submit=on_submit />
        }
        .into_any(),
    }
}

#[component]
pub fn CallPage() -> impl IntoView {
    view! {
        <StepGate step=Step::PhoneCall>
            <CallLoaded />
        </StepGate>
    }
}

/// How often screen ④ asks whether the call has arrived.
const POLL: Duration = Duration::from_secs(2);

#[component]
fn CallLoaded() -> impl IntoView {
    let desk = desk();
    let instructions = load(api::CALL);
    let seconds_left = RwSignal::new(0_i64);
    let verified = RwSignal::new(false);
    let waiting = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let heard = RwSignal::new(None::<String>);
    let navigate = use_navigate();

    let apply = move |call: &CallInstructions| {
        seconds_left.set(call.seconds_left);
        verified.set(call.verified);
    };
    Effect::new(move |_| {
        if let Some(Ok(call)) = instructions.get() {
            apply(&call);
        }
    });

    // 「確定する」, pressed by the customer or, once they pressed it, by the
    // page itself when the call arrives.
    let confirm = {
        let navigate = navigate.clone();
        move || {
            let navigate = navigate.clone();
            busy.set(true);
            spawn_local(async move {
                let outcome = api::confirm_call().await;
                busy.set(false);
                match outcome {
                    Ok(progress) if progress.step != Step::PhoneCall => {
                        navigate(progress.step.path(), Default::default())
                    }
                    Ok(_) => waiting.set(true),
                    Err(refusal) => error.set(Some(refusal)),
                }
            });
        }
    };
    let on_confirm = Callback::new({
        let confirm = confirm.clone();
        move |()| confirm()
    });

    // The clock ticks every second; every two, ask about the call.
    let tick = RwSignal::new(0_u32);
    if let Ok(handle) = set_interval_with_handle(move || tick.update(|t| *t += 1), Duration::from_secs(1)) {
        on_cleanup(move || handle.clear());
    }
    Effect::new(move |_| {
        let t = tick.get();
        if t == 0 || error.get_untracked().is_some() {
            return;
        }
        seconds_left.update(|s| *s = (*s - 1).max(0));
        let due = u64::from(t) % POLL.as_secs() == 0 || seconds_left.get_untracked() == 0;
        if !due {
            return;
        }
        let confirm = confirm.clone();
        spawn_local(async move {
            match api::call_instructions().await {
                Ok(call) => {
                    apply(&call);
                    if call.verified && waiting.get_untracked() && !busy.get_untracked() {
                        confirm();
                    }
                }
                Err(refusal) => error.set(Some(refusal)),
            }
        });
    });

    let on_simulate = Callback::new(move |caller: SimulatedCaller| {
        spawn_local(async move {
            match api::simulate_call(caller).await {
                Ok(result) => heard.set(Some(result.heard)),
                Err(refusal) => heard.set(Some(refusal.message)),
            }
        });
    });

    move || match instructions.get() {
        None => view! { <LoadingScreen step=Step::PhoneCall /> }.into_any(),
        Some(Err(refusal)) => view! {
            <section class="screen">
                <ErrorBanner error=refusal desk=desk.get() />
                <div class="actions">
                    <a class="button button--primary" href=Step::Account.path()>{t().frame.back_to_start}</a>
                    <LeaveButton />
                </div>
            </section>
        }
        .into_any(),
        Some(Ok(call)) => view! {
            <PhoneCallScreen
                call=call
                seconds_left=seconds_left
                waiting=waiting
                verified=verified
                busy=busy
                error=error
                desk=desk
                on_confirm=on_confirm
                on_simulate=on_simulate
                heard=heard
            />
        }
        .into_any(),
    }
}

#[component]
pub fn PinPage() -> impl IntoView {
    let desk = desk();
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let pin = RwSignal::new(String::new());
    let layout = RwSignal::new(shuffled_digits());
    let send = submitter(busy, error, api::PIN);
    // Each attempt starts empty, and each answer brings freshly shuffled keys.
    let on_submit = Callback::new(move |request: PinRequest| {
        pin.set(String::new());
        send.run(request);
    });
    Effect::new(move |_| {
        if error.get().is_some() {
            layout.set(shuffled_digits());
        }
    });
    view! {
        <StepGate step=Step::Pin>
            <PinScreen layout=layout pin=pin busy=busy error=error desk=desk on_submit=on_submit />
        </StepGate>
    }
}

#[component]
pub fn ConsentPage() -> impl IntoView {
    // The server's page of ⑥ carries the question when the flow stands
    // there: no round trip, and no gate to pass.
    if let Some(view) = crate::app::embedded::<ConsentView>(CONSENT_DATA_ID) {
        return view! { <ConsentScreen view=view /> }.into_any();
    }
    let consent = load(api::CONSENT);
    view! {
        <StepGate step=Step::Consent>
            <ConsentLoaded consent=consent />
        </StepGate>
    }
    .into_any()
}

#[component]
fn ConsentLoaded(consent: ReadSignal<Option<Result<ConsentView, ApiError>>>) -> impl IntoView {
    let desk = desk();
    move || match consent.get() {
        None => view! { <LoadingScreen step=Step::Consent /> }.into_any(),
        Some(Err(refusal)) => view! { <EndedScreen error=refusal desk=desk /> }.into_any(),
        Some(Ok(view)) => view! { <ConsentScreen view=view /> }.into_any(),
    }
}

/// `/auth/ended?error=<id>`: where the server sends a browser it cannot
/// send back to the app.
#[component]
pub fn EndedPage() -> impl IntoView {
    let desk = desk();
    let query = leptos_router::hooks::use_query_map();
    let error = move || {
        let id = query.with(|q| q.get("error")).unwrap_or_default();
        let id = serde_json::from_value(serde_json::Value::String(id)).unwrap_or(ErrorId::NotFound);
        ApiError::new(id)
    };
    move || view! { <EndedScreen error=error() desk=desk /> }
}
