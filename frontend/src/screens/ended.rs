//! The page a flow ends on when it cannot go back to the app: an invalid
//! request from the app, or a failure after the customer answered ⑥.

use crate::components::{ErrorBanner, LeaveButton};
use leptos::prelude::*;
use renkei_common::api::ContactDesk;
use renkei_common::catalogue::{ApiError, ErrorId};

#[component]
pub fn EndedScreen(error: ApiError, #[prop(into)] desk: Signal<Option<ContactDesk>>) -> impl IntoView {
    // A request the app got wrong has no flow to go back through.
    let can_leave = !matches!(error.id, ErrorId::InvalidAppRequest | ErrorId::NotFound);
    view! {
        <section class="screen" aria-labelledby="screen-title">
            <h1 class="screen__title" id="screen-title">"API連携認証"</h1>
            {move || view! { <ErrorBanner error=error.clone() desk=desk.get() /> }}
            <p class="screen__lead">"お手数ですが、ご利用のアプリに戻って、もう一度お手続き下さい。"</p>
            {can_leave.then(|| view! { <LeaveButton primary=true /> })}
        </section>
    }
}
