//! Where the completion notice comes from, said wherever the customer gives
//! or relies on their address, so they can let it through their mail
//! filters (the manual's FAQ 2.Q3: a notice that never arrived was most
//! often filtered).

use crate::lang::t;
use leptos::prelude::*;

#[component]
pub fn MailDomainNote(domain: String) -> impl IntoView {
    view! { <p class="field__note mail-domain">{(t().frame.mail_domain_note)(&domain)}</p> }
}
