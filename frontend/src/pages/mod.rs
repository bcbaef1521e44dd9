//! Route containers: they fetch, hold the request state, navigate, and
//! hand plain data to the screens.

mod help;
mod links;
mod phone;

pub use help::HelpPage;
pub use links::LinksPage;
pub use phone::{CallPage, ConsentPage, EndedPage, PhoneConfirmPage, PinPage};

use crate::api::{self, Endpoint};
use crate::app::UnionContext;
use crate::components::{ErrorBanner, LeaveButton, LoadingScreen};
use crate::lang::t;
use crate::screens::{AccountScreen, CustomerScreen};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use renkei_common::api::ContactDesk;
use renkei_common::catalogue::{ApiError, ErrorId};
use renkei_common::steps::Step;
use serde::Serialize;
use serde::de::DeserializeOwned;

pub(crate) fn desk() -> Signal<Option<ContactDesk>> {
    let UnionContext(union) = expect_context();
    Signal::derive(move || union.get().map(|u| u.desk))
}

/// The domain the completion notice comes from, once the profile is loaded.
pub(crate) fn mail_domain() -> Signal<Option<String>> {
    let UnionContext(union) = expect_context();
    Signal::derive(move || union.get().map(|u| u.mail_domain).filter(|d| !d.is_empty()))
}

/// What a GET of `endpoint` brought; `None` while it is on its way. A plain
/// signal filled by a task rather than a `LocalResource`: nothing here ever
/// refetches, and every resource type would cost the wasm its own copy of
/// Leptos's async-derived machinery. Only the decoding is generic.
pub(crate) fn load<T>(endpoint: Endpoint<T>) -> ReadSignal<Option<Result<T, ApiError>>>
where
    T: DeserializeOwned + Send + Sync + 'static,
{
    let (value, set_value) = signal(None);
    get_then(endpoint.0, Box::new(move |text| set_value.set(Some(api::decode(text)))));
    value
}

/// The untyped half of [`load`]: one task for every GET.
fn get_then(path: &'static str, then: Box<dyn FnOnce(Result<String, ApiError>)>) {
    spawn_local(async move { then(api::exchange_get(path).await) });
}

/// What a screen's button does: send the request to `endpoint`, wait
/// (`busy`), then go to the step the flow moved to, or show the refusal
/// (`error`). Only the encoding is generic.
pub(crate) fn submitter<R>(
    busy: RwSignal<bool>,
    error: RwSignal<Option<ApiError>>,
    endpoint: Endpoint<R>,
) -> Callback<R>
where
    R: Serialize + 'static,
{
    let send = step_sender(busy, error);
    Callback::new(move |request: R| send.run((endpoint.0, api::json(&request))))
}

/// The untyped half of [`submitter`]: one copy for every screen.
fn step_sender(
    busy: RwSignal<bool>,
    error: RwSignal<Option<ApiError>>,
) -> Callback<(&'static str, Result<String, ApiError>)> {
    let navigate = use_navigate();
    Callback::new(move |(path, body): (&'static str, Result<String, ApiError>)| {
        busy.set(true);
        error.set(None);
        let navigate = navigate.clone();
        spawn_local(async move {
            let outcome = api::post_step(path, body).await;
            busy.set(false);
            match outcome {
                Ok(progress) => navigate(progress.step.path(), Default::default()),
                Err(refusal) => error.set(Some(refusal)),
            }
        });
    })
}

#[component]
pub fn AccountPage() -> impl IntoView {
    let desk = desk();
    let branches = load(api::BRANCHES);
    let status = load(api::SERVICE_STATUS);
    let service = Signal::derive(move || status.get().and_then(Result::ok));
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let on_submit = submitter(busy, error, api::ACCOUNT);
    move || match branches.get() {
        None => view! { <LoadingScreen step=Step::Account /> }.into_any(),
        Some(Err(refusal)) => view! { <ErrorBanner error=refusal desk=desk.get() /> }.into_any(),
        Some(Ok(list)) => view! {
            <AccountScreen
                branches=list.branches
                busy=busy
                error=error
                service=service
                desk=desk
                on_submit=on_submit
            />
        }
        .into_any(),
    }
}

/// Shows a step's screen only when the flow stands at that step: a reload
/// stays put, a bookmark or the back button is sent to where the flow
/// really is, and an expired flow says so with the way back to ①.
#[component]
pub(crate) fn StepGate(step: Step, children: ChildrenFn) -> impl IntoView {
    let desk = desk();
    let progress = load(api::FLOW);
    let navigate = use_navigate();
    move || match progress.get() {
        None => view! { <LoadingScreen step=step /> }.into_any(),
        Some(Ok(at)) if at.step == step => children().into_any(),
        Some(Ok(at)) => {
            navigate(at.step.path(), Default::default());
            ().into_any()
        }
        Some(Err(refusal)) => view! {
            <section class="screen">
                <ErrorBanner error=refusal desk=desk.get() />
                <div class="actions">
                    <LeaveButton primary=true />
                    <a class="button" href=Step::Account.path()>{t().frame.back_to_start}</a>
                </div>
            </section>
        }
        .into_any(),
    }
}

/// Today in Japan, by the browser's clock.
fn jst_today() -> time::Date {
    let seconds = (js_sys::Date::now() / 1000.0) as i64;
    let now = time::OffsetDateTime::from_unix_timestamp(seconds).unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    renkei_common::calendar::jst(now).date()
}

#[component]
pub fn CustomerPage() -> impl IntoView {
    let desk = desk();
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let on_submit = submitter(busy, error, api::CUSTOMER);
    view! {
        <StepGate step=Step::Customer>
            <CustomerScreen
                today=jst_today()
                busy=busy
                error=error
                desk=desk
                mail_domain=mail_domain()
                on_submit=on_submit
            />
        </StepGate>
    }
}

#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <section class="screen">
            <ErrorBanner error=ApiError::new(ErrorId::NotFound) desk=None />
            <a class="button" href=Step::Account.path()>{t().frame.back_to_start}</a>
        </section>
    }
}
