//! 連携管理: the customer's own view of the apps linked to their account.
//! Before the list, the way in (API authentication ①–⑤ again); then each
//! app with what it reads and since and until when, and a button that
//! ends its link once the customer confirms it on the spot (no pop-up: an
//! in-app webview may block one).

use crate::components::{ErrorBanner, HelpLink};
use leptos::prelude::*;
use renkei_common::api::{ContactDesk, LinkList, LinkView};
use renkei_common::catalogue::ApiError;
use renkei_common::steps::Step;

#[component]
fn LinksTitle() -> impl IntoView {
    view! { <h1 class="screen__title" id="screen-title">{Step::Links.title()}</h1> }
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
            <p class="screen__lead">
                "お客様の口座と連携しているアプリを確認し、連携を解除できます。"
            </p>
            <p>
                "ご本人確認のため、口座情報・お客様情報の入力、登録電話番号からの発信、"
                "キャッシュカード暗証番号の入力（API連携認証の①〜⑤）を行っていただいた後、連携中のアプリを表示します。"
            </p>
            {move || error.get().map(|refusal| view! { <ErrorBanner error=refusal desk=desk.get() /> })}
            <div class="actions">
                <button
                    class="button button--primary"
                    type="button"
                    disabled=move || busy.get()
                    on:click=move |_| on_start.run(())
                >
                    "本人確認に進む"
                </button>
            </div>
            <p class="field__note"><HelpLink /> "もあわせてご覧下さい。"</p>
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
        view! { <p class="notice notice--success" role="status">{format!("「{app}」との連携を解除しました。")}</p> }
    });
    let items = if list.links.is_empty() {
        view! { <p class="links__empty">"現在、この口座と連携しているアプリはありません。"</p> }.into_any()
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
            <p class="screen__lead">{format!("{} と連携しているアプリです。", list.account)}</p>
            {ended}
            {move || error.get().map(|refusal| view! { <ErrorBanner error=refusal desk=desk.get() /> })}
            {items}
            <p class="field__note">
                "連携を解除すると、そのアプリは直ちに口座の情報を参照できなくなります。"
                "再び利用する場合は、アプリから改めてAPI連携認証を行って下さい。"
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
                <p class="link__confirm" role="alert">{format!("「{app}」との連携を解除しますか。")}</p>
                <div class="actions">
                    <button
                        class="button button--danger"
                        type="button"
                        disabled=move || busy.get()
                        on:click=move |_| on_end.run(id)
                    >
                        "解除する"
                    </button>
                    <button class="button" type="button" on:click=move |_| confirming.set(None)>"やめる"</button>
                </div>
            }
            .into_any()
        } else {
            view! {
                <button class="button" type="button" on:click=move |_| confirming.set(Some(id))>
                    "連携を解除する"
                </button>
            }
            .into_any()
        }
    };
    view! {
        <li class="link">
            <h2 class="link__app">{link.app_name}</h2>
            <dl class="link__facts">
                <dt>"参照する情報"</dt>
                <dd><ul class="consent__data">{data}</ul></dd>
                <dt>"連携日"</dt>
                <dd>{link.since}</dd>
                <dt>"有効期限"</dt>
                <dd>{link.until}</dd>
            </dl>
            <div class="link__answer">{answer}</div>
        </li>
    }
}
