//! Every state of every screen, each with its own address
//! (`/gallery/<slug>`), drawn by the screens themselves from fixtures:
//! what the designer sees is what ships.

use super::fixtures as f;
use crate::screens::{
    AccountScreen, ConsentScreen, CustomerScreen, EndedScreen, HelpScreen, LinksIntroScreen, LinksScreen,
    PhoneCallScreen, PhoneConfirmScreen, PinScreen,
};
use leptos::prelude::*;
use renkei_common::api::ServiceStatus;
use renkei_common::catalogue::{ApiError, ErrorId};
use renkei_common::help;

pub struct State {
    pub slug: &'static str,
    /// The screen, as the manual names it.
    pub screen: &'static str,
    /// What is shown, e.g. 誤った暗証番号.
    pub state: &'static str,
    pub render: fn() -> AnyView,
}

const fn state(slug: &'static str, screen: &'static str, state: &'static str, render: fn() -> AnyView) -> State {
    State { slug, screen, state, render }
}

fn account(service: ServiceStatus, error: Option<ApiError>) -> AnyView {
    view! {
        <AccountScreen
            branches=f::branches()
            busy=false
            error=error
            service=Some(service)
            desk=Some(f::desk())
            on_submit=Callback::new(|_| {})
        />
    }
    .into_any()
}

fn customer(error: Option<ApiError>) -> AnyView {
    let today = time::macros::date!(2026 - 11 - 30);
    view! {
        <CustomerScreen
            today=today
            busy=false
            error=error
            desk=Some(f::desk())
            mail_domain=Some("webcenter.example.jp".to_owned())
            on_submit=Callback::new(|_| {})
        />
    }
    .into_any()
}

fn account_filled() -> AnyView {
    view! {
        <AccountScreen
            branches=f::branches()
            busy=false
            error={None::<ApiError>}
            service=Some(f::open())
            desk=Some(f::desk())
            on_submit=Callback::new(|_| {})
            filled=f::account_request()
        />
    }
    .into_any()
}

fn customer_filled() -> AnyView {
    view! {
        <CustomerScreen
            today=time::macros::date!(2026 - 11 - 30)
            busy=false
            error={None::<ApiError>}
            desk=Some(f::desk())
            mail_domain=Some("webcenter.example.jp".to_owned())
            on_submit=Callback::new(|_| {})
            filled=f::customer_request()
        />
    }
    .into_any()
}

fn customer_refused(id: ErrorId) -> AnyView {
    customer(Some(f::refusal(id)))
}

fn phone_confirm(count: usize) -> AnyView {
    view! {
        <PhoneConfirmScreen
            phones=f::phones(count)
            busy=false
            error={None::<ApiError>}
            desk=Some(f::desk())
            on_submit=Callback::new(|_| {})
        />
    }
    .into_any()
}

fn phone_call(verified: bool, error: Option<ApiError>) -> AnyView {
    let call = f::call(verified);
    let seconds = call.seconds_left;
    view! {
        <PhoneCallScreen
            call=call
            seconds_left=seconds
            waiting=!verified && error.is_none()
            verified=verified
            busy=false
            error=error
            desk=Some(f::desk())
            on_confirm=Callback::new(|_| {})
        />
    }
    .into_any()
}

fn pin(error: Option<ApiError>) -> AnyView {
    pin_typed("", error)
}

fn pin_typed(typed: &str, error: Option<ApiError>) -> AnyView {
    view! {
        <PinScreen
            layout=[3, 8, 1, 0, 6, 4, 9, 2, 7, 5]
            pin=RwSignal::new(typed.to_owned())
            busy=false
            error=error
            desk=Some(f::desk())
            on_submit=Callback::new(|_| {})
        />
    }
    .into_any()
}

/// ④ as the demo app's flow shows it in development: the call simulator
/// under the screen stands in for the customer's phone.
fn phone_call_in_app_flow() -> AnyView {
    let call = renkei_common::api::CallInstructions { call_simulator: true, ..f::call(false) };
    let seconds = call.seconds_left;
    view! {
        <PhoneCallScreen
            call=call
            seconds_left=seconds
            waiting=false
            verified=false
            busy=false
            error={None::<ApiError>}
            desk=Some(f::desk())
            on_confirm=Callback::new(|_| {})
            on_simulate=Callback::new(|_| {})
            heard=Some(f::heard())
        />
    }
    .into_any()
}

fn ended(id: ErrorId) -> AnyView {
    view! { <EndedScreen error=f::refusal(id) desk=Some(f::desk()) /> }.into_any()
}

fn links(count: usize, ended: Option<&str>) -> AnyView {
    view! {
        <LinksScreen
            list=f::links(count, ended)
            busy=RwSignal::new(false)
            error=RwSignal::new(None)
            desk=Some(f::desk())
            on_end=Callback::new(|_| {})
        />
    }
    .into_any()
}

pub const STATES: &[State] = &[
    state("account", "① ご利用口座情報入力", "入力前", || account(f::open(), None)),
    state("account-filled", "① ご利用口座情報入力", "入力済み", account_filled),
    state(
        "account-maintenance-soon",
        "① ご利用口座情報入力",
        "メンテナンス開始前の予告",
        || account(f::closing_soon(), None),
    ),
    state("account-out-of-hours", "① ご利用口座情報入力", "サービス時間外", || {
        account(f::closed(), None)
    }),
    state("account-busy", "① ご利用口座情報入力", "混雑（busy）", || {
        account(f::open(), Some(f::refusal(ErrorId::Busy)))
    }),
    state("customer", "② お客様情報入力", "入力前", || customer(None)),
    state("customer-filled", "② お客様情報入力", "入力済み", customer_filled),
    state("customer-field-errors", "② お客様情報入力", "項目ごとの誤り", || {
        customer(Some(f::field_errors()))
    }),
    state("customer-account-not-handled", "② お客様情報入力", "account_not_handled", || {
        customer_refused(ErrorId::AccountNotHandled)
    }),
    state("customer-identity-mismatch", "② お客様情報入力", "identity_mismatch", || {
        customer_refused(ErrorId::IdentityMismatch)
    }),
    state("customer-locked-now", "② お客様情報入力", "locked_now", || customer_refused(ErrorId::LockedNow)),
    state("customer-locked", "② お客様情報入力", "locked（B84）", || customer_refused(ErrorId::Locked)),
    state("customer-out-of-hours", "② お客様情報入力", "out_of_hours", || {
        customer_refused(ErrorId::OutOfHours)
    }),
    state("customer-busy", "② お客様情報入力", "busy", || customer_refused(ErrorId::Busy)),
    state("customer-system-error", "② お客様情報入力", "system_error", || {
        customer_refused(ErrorId::SystemError)
    }),
    state("customer-service-unavailable", "② お客様情報入力", "service_unavailable", || {
        customer_refused(ErrorId::ServiceUnavailable)
    }),
    state("customer-flow-expired", "② お客様情報入力", "flow_expired", || {
        customer_refused(ErrorId::FlowExpired)
    }),
    state("phone-confirm-one", "③ 電話番号の確認", "登録電話番号が1件", || phone_confirm(1)),
    state("phone-confirm-two", "③ 電話番号の確認", "登録電話番号が2件", || phone_confirm(2)),
    state("phone-call-waiting", "④ API連携認証(電話番号認証)", "認証着信待ち", || {
        phone_call(false, None)
    }),
    state("phone-call-verified", "④ API連携認証(電話番号認証)", "認証済み", || phone_call(true, None)),
    state(
        "phone-call-in-app-flow",
        "④ API連携認証(電話番号認証)",
        "デモアプリからの手続き（通話シミュレーター）",
        phone_call_in_app_flow,
    ),
    state("phone-call-expired", "④ API連携認証(電話番号認証)", "120秒経過", || {
        phone_call(false, Some(f::refusal(ErrorId::PhoneExpired)))
    }),
    state("pin", "⑤ キャッシュカード暗証番号認証", "入力前", || pin(None)),
    state("pin-filled", "⑤ キャッシュカード暗証番号認証", "4桁入力済み", || {
        pin_typed("1234", None)
    }),
    state("pin-wrong", "⑤ キャッシュカード暗証番号認証", "誤った暗証番号（あと2回）", || pin(Some(f::wrong_pin(2)))),
    state("pin-locked-now", "⑤ キャッシュカード暗証番号認証", "locked_now", || {
        pin(Some(f::refusal(ErrorId::LockedNow)))
    }),
    state("pin-locked", "⑤ キャッシュカード暗証番号認証", "locked（B84）", || {
        pin(Some(f::refusal(ErrorId::Locked)))
    }),
    state("consent", "⑥ 情報連携認可", "メール通知あり", || {
        view! { <ConsentScreen view=f::consent(true) /> }.into_any()
    }),
    state("consent-without-mail", "⑥ 情報連携認可", "メール通知なし", || {
        view! { <ConsentScreen view=f::consent(false) /> }.into_any()
    }),
    state("ended-invalid-app-request", "終了画面", "アプリからの依頼の誤り", || {
        ended(ErrorId::InvalidAppRequest)
    }),
    state("ended-flow-expired", "終了画面", "有効期限切れ", || ended(ErrorId::FlowExpired)),
    state("ended-system-error", "終了画面", "system_error", || ended(ErrorId::SystemError)),
    state("help", "よくあるご質問", "全12問", || {
        let union = f::union();
        view! { <HelpScreen entries=help::entries(&union.mail_domain, crate::lang::lang()) union_name=union.name desk=union.desk /> }
            .into_any()
    }),
    state("links-intro", "連携管理", "本人確認の前", || {
        view! {
            <LinksIntroScreen busy=RwSignal::new(false) error=RwSignal::new(None) desk=Some(f::desk()) on_start=Callback::new(|_| {}) />
        }
        .into_any()
    }),
    state("links-list", "連携管理", "連携中のアプリが2件", || links(2, None)),
    state("links-ended", "連携管理", "解除の直後", || links(1, Some("まとめて家計ノート"))),
    state("links-empty", "連携管理", "連携なし", || links(0, None)),
];
