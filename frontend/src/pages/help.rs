//! `/help`: the FAQ with the union's sending domain and contact desk,
//! once the union's profile is loaded.

use crate::app::UnionContext;
use crate::lang::t;
use crate::screens::HelpScreen;
use leptos::prelude::*;
use renkei_common::help;

#[component]
pub fn HelpPage() -> impl IntoView {
    let UnionContext(union) = expect_context();
    move || {
        match union.get() {
        None => view! { <p class="loading" role="status">{t().frame.loading}</p> }.into_any(),
        Some(union) => view! {
            <HelpScreen entries=help::entries(&union.mail_domain, crate::lang::lang()) union_name=union.name desk=union.desk />
        }
        .into_any(),
    }
    }
}
