//! What a screen shows while its data is on the way: its own title and
//! lead, then a calm loading line. The page the server sends before the
//! SPA starts has the same frame (`backend/src/web/shell.rs`), so taking
//! over from it, and then showing the loaded screen, moves nothing.

use super::ScreenTitle;
use crate::lang::t;
use leptos::prelude::*;
use renkei_common::steps::Step;

#[component]
pub fn LoadingScreen(step: Step) -> impl IntoView {
    view! {
        <section class="screen" aria-labelledby="screen-title">
            <ScreenTitle step=step />
            {t().lead(step).map(|lead| view! { <p class="screen__lead">{lead}</p> })}
            <p class="loading" role="status">{t().frame.loading}</p>
        </section>
    }
}
