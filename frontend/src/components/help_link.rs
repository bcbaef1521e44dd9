//! 「よくあるご質問」: the way to the help page, from the footer and from
//! every message that sends the customer to the contact desk. A plain link
//! in the same tab; the browser's back button brings the customer back.

use crate::lang::t;
use leptos::prelude::*;

/// The help page's route.
pub use renkei_common::page::HELP_PATH;

#[component]
pub fn HelpLink() -> impl IntoView {
    view! { <a href=HELP_PATH>{t().frame.help_label}</a> }
}
