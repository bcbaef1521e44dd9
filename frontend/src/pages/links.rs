//! `/links` (連携管理): the list if this browser's flow has passed ①–⑤
//! for it, otherwise the way in, which begins such a flow at ①.

use super::{desk, submitter};
use crate::api;
use crate::components::ErrorBanner;
use crate::lang::t;
use crate::screens::{LinksIntroScreen, LinksScreen};
use leptos::prelude::*;
use leptos::task::spawn_local;
use renkei_common::api::LinkList;
use renkei_common::catalogue::{ApiError, ErrorId};

#[component]
pub fn LinksPage() -> impl IntoView {
    let desk = desk();
    let list = RwSignal::new(None::<Result<LinkList, ApiError>>);
    spawn_local(async move { list.set(Some(api::decode(api::exchange_get(api::LINKS.0).await))) });
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let on_start = submitter(busy, error, api::START_MANAGING_LINKS);
    let on_end = Callback::new(move |id: i64| {
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            match api::end_link(id).await {
                Ok(after) => list.set(Some(Ok(after))),
                Err(refusal) => error.set(Some(refusal)),
            }
            busy.set(false);
        });
    });
    move || match list.get() {
        None => view! { <p class="loading" role="status">{t().frame.loading}</p> }.into_any(),
        Some(Ok(list)) => view! { <LinksScreen list=list busy=busy error=error desk=desk on_end=on_end /> }.into_any(),
        // No flow for it yet, or one elsewhere in the journey: the way in.
        Some(Err(refusal)) if matches!(refusal.id, ErrorId::FlowExpired | ErrorId::StepOutOfOrder) => {
            view! { <LinksIntroScreen busy=busy error=error desk=desk on_start=on_start /> }.into_any()
        }
        Some(Err(refusal)) => view! { <ErrorBanner error=refusal desk=desk.get() /> }.into_any(),
    }
}
