//! よくあるご質問: the manual's questions and answers (common::help), then
//! the contact desk. Each question is a heading, so a screen reader can
//! jump from one to the next.

use crate::lang::t;
use leptos::prelude::*;
use renkei_common::api::ContactDesk;
use renkei_common::help::{Block, Entry};
use renkei_common::steps::Step;

#[component]
pub fn HelpScreen(entries: Vec<Entry>, union_name: String, desk: ContactDesk) -> impl IntoView {
    let items = entries
        .into_iter()
        .enumerate()
        .map(|(index, entry)| {
            let answer = entry
                .answer
                .into_iter()
                .map(|block| match block {
                    Block::Paragraph(text) => view! { <p>{text}</p> }.into_any(),
                    Block::List(items) => {
                        view! { <ul>{items.into_iter().map(|item| view! { <li>{item}</li> }).collect_view()}</ul> }
                            .into_any()
                    }
                })
                .collect_view();
            view! {
                <div class="faq__item">
                    <h2 class="faq__question">
                        <span class="faq__mark">{format!("Q{}", index + 1)}</span>
                        <span>{entry.question}</span>
                    </h2>
                    <div class="faq__answer">{answer}</div>
                </div>
            }
        })
        .collect_view();
    let h = &t().help;
    let tel = format!("tel:{}", desk.phone);
    let mailto = format!("mailto:{}", desk.email);
    view! {
        <section class="screen" aria-labelledby="screen-title">
            <h1 class="screen__title" id="screen-title">{t().frame.help_label}</h1>
            <p class="screen__lead">{h.lead}</p>
            <div class="faq">{items}</div>
            <section class="help-desk" aria-labelledby="help-links-title">
                <h2 class="help-desk__title" id="help-links-title">{h.links_heading}</h2>
                <p>
                    {h.links.before}
                    <a href=Step::Links.path()>{t().title(Step::Links)}</a>
                    {h.links.after}
                </p>
            </section>
            <section class="help-desk" aria-labelledby="help-desk-title">
                <h2 class="help-desk__title" id="help-desk-title">{t().frame.desk_heading}</h2>
                <p>{h.desk_lead}</p>
                <dl class="help-desk__list">
                    <dt>{h.desk}</dt>
                    <dd>{union_name} " " {desk.name}</dd>
                    <dt>{h.phone}</dt>
                    <dd><a href=tel>{desk.phone.clone()}</a></dd>
                    <dt>{h.mail}</dt>
                    <dd><a href=mailto>{desk.email.clone()}</a></dd>
                    <dt>{h.hours}</dt>
                    <dd>{desk.hours}</dd>
                </dl>
            </section>
        </section>
    }
}
