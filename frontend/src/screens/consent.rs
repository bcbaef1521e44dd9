//! 画面⑥ 情報連携認可: which app, which data, which account, for how long;
//! 「許可する」 or 「許可しない」. The form is a plain POST: the server answers
//! with a 303 back to the app.

use crate::components::{MailDomainNote, ScreenTitle};
use leptos::prelude::*;
use renkei_common::api::ConsentView;
use renkei_common::steps::Step;

#[component]
pub fn ConsentScreen(view: ConsentView) -> impl IntoView {
    let data = view.data.into_iter().map(|item| view! { <li>{item}</li> }).collect_view();
    view! {
        <section class="screen" aria-labelledby="screen-title">
            <ScreenTitle step=Step::Consent />
            <p class="screen__lead">"次のアプリが、お客様の口座の情報を参照することを許可しますか。"</p>
            <dl class="consent">
                <dt>"連携先アプリ"</dt>
                <dd class="consent__app">{view.app_name}</dd>
                <dt>"参照する情報"</dt>
                <dd><ul class="consent__data">{data}</ul></dd>
                <dt>"対象口座"</dt>
                <dd>{view.account}</dd>
                <dt>"有効期間"</dt>
                <dd>{format!("{}日間（{}まで）", view.days, view.until)}<span class="consent__note">"（期間が過ぎると、改めてAPI連携認証が必要です）"</span></dd>
            </dl>
            <p class="field__note">
                "アプリを削除しても、連携は有効期間の間は続きます。連携の解除はアプリまたはお取引店舗でお手続き下さい。"
            </p>
            {view.mail_domain.map(|domain| view! { <MailDomainNote domain=domain /> })}
            <form class="form consent__answers" method="post" action=view.action>
                <button class="button button--primary" type="submit" name="decision" value="allow">"許可する"</button>
                <button class="button" type="submit" name="decision" value="deny">"許可しない"</button>
            </form>
        </section>
    }
}
