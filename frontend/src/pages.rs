//! Route containers: they fetch, hold the request state, navigate, and
//! hand plain data to the screens.

use crate::api;
use crate::app::UnionContext;
use crate::components::ErrorBanner;
use crate::screens::{AccountScreen, CustomerScreen};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use renkei_common::api::{AccountRequest, ContactDesk};
use renkei_common::catalogue::{ApiError, ErrorId};
use renkei_common::steps::Step;

fn desk() -> Signal<Option<ContactDesk>> {
    let UnionContext(union) = expect_context();
    Signal::derive(move || union.get().map(|u| u.desk))
}

#[component]
pub fn AccountPage() -> impl IntoView {
    let desk = desk();
    let branches = LocalResource::new(api::branches);
    let status = LocalResource::new(api::service_status);
    let service = Signal::derive(move || status.get().and_then(Result::ok));
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let navigate = use_navigate();
    let on_submit = Callback::new(move |request: AccountRequest| {
        busy.set(true);
        error.set(None);
        let navigate = navigate.clone();
        spawn_local(async move {
            let outcome = api::submit_account(request).await;
            busy.set(false);
            match outcome {
                Ok(progress) => navigate(progress.step.path(), Default::default()),
                Err(refusal) => error.set(Some(refusal)),
            }
        });
    });
    move || match branches.get() {
        None => view! { <p class="loading" role="status">"読み込み中です…"</p> }.into_any(),
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

#[component]
pub fn CustomerPage() -> impl IntoView {
    view! { <CustomerScreen /> }
}

#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <section class="screen">
            <ErrorBanner error=ApiError::new(ErrorId::NotFound) desk=None />
            <a class="button" href=Step::Account.path()>"API連携認証の最初に戻る"</a>
        </section>
    }
}
