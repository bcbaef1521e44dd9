//! 連携管理: the customer's own view of the apps linked to their account.
//! Before the list, the way in (API authentication ①–⑤ again); then each
//! app with what it reads and since and until when, and a button that
//! ends its link once the customer confirms it on the spot (no pop-up: an
//! in-app webview may block one).

use crate::components::{ErrorBanner, HelpLink};
use crate::lang::t;
use leptos::prelude::*;
use renkei_common::api::{ContactDesk, LinkList, LinkView};
use renkei_common::catalogue::ApiError;
use renkei_common::steps::Step;

#[component]
fn LinksTitle() -> impl IntoView {
    view! { <h1 class="screen__title" id="screen-title">{t().title(Step::Links)}</h1> }
}

/// The way in: what will be asked, and the button that begins it.
#[component]
pub fn LinksIntroScreen(
    busy: RwSignal<bool>,
    error: RwSignal<Option<ApiError>>,
    #[prop(into)] desk: Signal<Option<ContactDesk>>,
    on_start: Callback<()>,
) -> impl IntoView {
    view! {
        <section class="screen" aria-labelledby="screen-title">
            <LinksTitle />
            <p class="screen__lead">{t().links.intro_lead}</p>
            <p>{t().links.intro}</p>
            {move || error.get().map(|refusal| view! { <ErrorBanner error=refusal desk=desk.get() /> })}
            <div class="actions">
                <button
                    class="button button--primary"
                    type="button"
                    disabled=move || busy.get()
                    on:click=move |_| on_start.run(())
                >
                    {t().links.start}
                </button>
            </div>
            <p class="field__note">{t().frame.see_help.before} <HelpLink /> {t().frame.see_help.after}</p>
        </section>
    }
}

/// The list, after ①–⑤.
#[component]
pub fn LinksScreen(
    list: LinkList,
    busy: RwSignal<bool>,
    error: RwSignal<Option<ApiError>>,
    #[prop(into)] desk: Signal<Option<ContactDesk>>,
    on_end: Callback<i64>,
) -> impl IntoView {
    // The link whose 「解除する」 was pressed once and awaits confirmation.
    let confirming = RwSignal::new(None::<i64>);
    let ended = list.ended.map(|app| {
        view! { <p class="notice notice--success" role="status">{(t().links.ended)(&app)}</p> }
    });
    let items = if list.links.is_empty() {
        view! { <p class="links__empty">{t().links.none}</p> }.into_any()
    } else {
        let cards = list
            .links
            .into_iter()
            .map(|link| view! { <LinkCard link=link busy=busy confirming=confirming on_end=on_end /> })
            .collect_view();
        view! { <ul class="links">{cards}</ul> }.into_any()
    };
    view! {
        <section class="screen" aria-labelledby="screen-title">
            <LinksTitle />
            <p class="screen__lead">{(t().links.list_lead)(&list.account)}</p>
            {ended}
            {move || error.get().map(|refusal| view! { <ErrorBanner error=refusal desk=desk.get() /> })}
            {items}
            <p class="field__note">
                {t().links.end_note}
            </p>
        </section>
    }
}

#[component]
fn LinkCard(
    link: LinkView,
    busy: RwSignal<bool>,
    confirming: RwSignal<Option<i64>>,
    on_end: Callback<i64>,
) -> impl IntoView {
    let id = link.id;
    let app = link.app_name.clone();
    let data = link.data.into_iter().map(|item| view! { <li>{item}</li> }).collect_view();
    let answer = move || {
        if confirming.get() == Some(id) {
            view! {
                <p class="link__confirm" role="alert">{(t().links.confirm)(&app)}</p>
                <div class="actions">
                    <button
                        class="button button--danger"
                        type="button"
                        disabled=move || busy.get()
                        on:click=move |_| on_end.run(id)
                    >
                        {t().links.end_confirmed}
                    </button>
                    <button class="button" type="button" on:click=move |_| confirming.set(None)>{t().links.cancel}</button>
                </div>
            }
            .into_any()
        } else {
            view! {
                <button class="button" type="button" on:click=move |_| confirming.set(Some(id))>
                    {t().links.end}
                </button>
            }
            .into_any()
        }
    };
    view! {
        <li class="link">
            <h2 class="link__app">{link.app_name}</h2>
            <dl class="link__facts">
                <dt>{t().links.data}</dt>
                <dd><ul class="consent__data">{data}</ul></dd>
                <dt>{t().links.since}</dt>
                <dd>{link.since}</dd>
                <dt>{t().links.until}</dt>
                <dd>{link.until}</dd>
            </dl>
            <div class="link__answer">{answer}</div>
        </li>
    }
}
