//! 画面⑥ 情報連携認可: which app, which data, which account, for how long;
//! 「許可する」 or 「許可しない」. The form is a plain POST: the server answers
//! with a 303 back to the app. The server's page of ⑥ draws the same
//! markup (`backend/src/web/shell/consent.rs`), so the question stands, and
//! can be answered, before the SPA has started.

use crate::components::{MailDomainNote, ScreenTitle};
use crate::lang::t;
use leptos::prelude::*;
use renkei_common::api::ConsentView;
use renkei_common::steps::Step;

#[component]
pub fn ConsentScreen(view: ConsentView) -> impl IntoView {
    let c = &t().consent;
    let data = view.data.into_iter().map(|item| view! { <li>{item}</li> }).collect_view();
    view! {
        <section class="screen" aria-labelledby="screen-title">
            <ScreenTitle step=Step::Consent />
            <p class="screen__lead">{t().lead(Step::Consent)}</p>
            <dl class="consent">
                <dt>{c.app}</dt>
                <dd class="consent__app">{view.app_name}</dd>
                <dt>{c.data}</dt>
                <dd><ul class="consent__data">{data}</ul></dd>
                <dt>{c.account}</dt>
                <dd>{view.account}</dd>
                <dt>{c.period}</dt>
                <dd>{(c.lasts)(view.days, &view.until)}<span class="consent__note">{c.period_note}</span></dd>
            </dl>
            <p class="field__note">{c.after_uninstall}</p>
            {view.mail_domain.map(|domain| view! { <MailDomainNote domain=domain /> })}
            <form class="form consent__answers" method="post" action=view.action>
                <button class="button button--primary" type="submit" name="decision" value="allow">{c.allow}</button>
                <button class="button" type="submit" name="decision" value="deny">{c.deny}</button>
            </form>
        </section>
    }
}
