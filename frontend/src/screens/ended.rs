//! The page a flow ends on when it cannot go back to the app: an invalid
//! request from the app, or a failure after the customer answered ⑥.

use crate::components::{ErrorBanner, LeaveButton};
use crate::lang::t;
use leptos::prelude::*;
use renkei_common::api::ContactDesk;
use renkei_common::catalogue::{ApiError, ErrorId};

#[component]
pub fn EndedScreen(error: ApiError, #[prop(into)] desk: Signal<Option<ContactDesk>>) -> impl IntoView {
    // A request the app got wrong has no flow to go back through.
    let can_leave = !matches!(error.id, ErrorId::InvalidAppRequest | ErrorId::NotFound);
    view! {
        <section class="screen" aria-labelledby="screen-title">
            <h1 class="screen__title" id="screen-title">{t().frame.service}</h1>
            {move || view! { <ErrorBanner error=error.clone() desk=desk.get() /> }}
            <p class="screen__lead">{t().frame.ended_lead}</p>
            {can_leave.then(|| view! { <LeaveButton primary=true /> })}
        </section>
    }
}
