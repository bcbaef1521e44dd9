//! 画面① ご利用口座情報入力: お取引店舗, 科目, 口座番号.

use crate::components::{BranchPicker, ErrorBanner, FieldHint, FormErrors, ScreenTitle, TextField};
use leptos::prelude::*;
use renkei_common::api::{AccountRequest, Branch, ContactDesk, ServiceStatus};
use renkei_common::catalogue::{ApiError, ErrorId};
use renkei_common::fields::{AccountNumber, AccountType, BranchCode, FieldError};
use renkei_common::steps::Step;

#[component]
pub fn AccountScreen(
    branches: Vec<Branch>,
    /// A request is on its way: the button waits.
    #[prop(into)]
    busy: Signal<bool>,
    /// What the last submission was refused with.
    #[prop(into)]
    error: Signal<Option<ApiError>>,
    #[prop(into)] service: Signal<Option<ServiceStatus>>,
    #[prop(into)] desk: Signal<Option<ContactDesk>>,
    #[prop(into)] on_submit: Callback<AccountRequest>,
) -> impl IntoView {
    let branch = RwSignal::new(None::<Branch>);
    let account_type = RwSignal::new(AccountType::Ordinary);
    let number = RwSignal::new(String::new());
    let touched_branch = RwSignal::new(false);
    let touched_number = RwSignal::new(false);
    let form = FormErrors::new(error);

    let request = move || AccountRequest {
        branch_code: branch.get().map(|b| b.code).unwrap_or_default(),
        account_type: account_type.get().as_str().to_owned(),
        account_number: number.get(),
    };
    let message = |result: Result<(), FieldError>| result.err().map(|e| e.to_string());
    let branch_error = form.for_field(AccountRequest::BRANCH_CODE, touched_branch, move || {
        message(BranchCode::parse(&branch.get().map(|b| b.code).unwrap_or_default()).map(drop))
    });
    let number_error = form.for_field(AccountRequest::ACCOUNT_NUMBER, touched_number, move || {
        message(AccountNumber::parse(&number.get()).map(drop))
    });
    let type_error = form.for_field(AccountRequest::ACCOUNT_TYPE, RwSignal::new(false), || None);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.mark_submitted();
        let request = request();
        if request.parse().is_ok() && !busy.get_untracked() {
            on_submit.run(request);
        }
    };

    view! {
        <section class="screen" aria-labelledby="screen-title">
            <ScreenTitle step=Step::Account />
            <ServiceNotice service=service desk=desk />
            <p class="screen__lead">{Step::Account.lead()}</p>
            {move || form.banner().get().map(|e| view! { <ErrorBanner error=e desk=desk.get() /> })}
            <form class="form" novalidate on:submit=submit>
                <BranchPicker
                    branches=branches
                    selected=branch
                    error=branch_error
                    on_blur=move || touched_branch.set(true)
                />
                <fieldset class="field choice" aria-describedby="account_type-error">
                    <legend class="field__label">"科目"</legend>
                    <div class="choice__options">
                        {AccountType::ALL
                            .into_iter()
                            .map(|kind| {
                                let id = format!("account_type-{}", kind.as_str());
                                let label_for = id.clone();
                                view! {
                                    <label class="choice__option" for=label_for>
                                        <input
                                            type="radio"
                                            id=id
                                            name="account_type"
                                            value=kind.as_str()
                                            prop:checked=move || account_type.get() == kind
                                            on:change=move |_| account_type.set(kind)
                                        />
                                        <span>{kind.label()}</span>
                                    </label>
                                }
                            })
                            .collect_view()}
                    </div>
                    <FieldHint id="account_type-error".to_owned() message=type_error />
                </fieldset>
                <TextField
                    id="account_number"
                    label="口座番号"
                    note="7桁未満の場合はそのまま入力して下さい（先頭に0を補います）。"
                    inputmode="numeric"
                    placeholder="例：1234567"
                    maxlength=14
                    value=number
                    on_blur=move || touched_number.set(true)
                    error=number_error
                />
                <button class="button button--primary" type="submit" disabled=move || busy.get() aria-busy=move || busy.get().to_string()>
                    "次へ"
                </button>
            </form>
        </section>
    }
}

/// Closed now, or closing within 15 minutes: say so before the customer
/// types anything.
#[component]
fn ServiceNotice(
    #[prop(into)] service: Signal<Option<ServiceStatus>>,
    #[prop(into)] desk: Signal<Option<ContactDesk>>,
) -> impl IntoView {
    move || {
        let status = service.get()?;
        if !status.open {
            let reopens = status.reopens_at.map(|t| format!("{t}から再開いたします。"));
            return Some(
                view! {
                    <ErrorBanner error=ApiError::new(ErrorId::OutOfHours) desk=desk.get() />
                    <p class="notice">{reopens}</p>
                }
                .into_any(),
            );
        }
        status.closes_soon_at.map(|at| {
            view! {
                <p class="notice notice--warning" role="status">
                    {format!("{at}からメンテナンスのためサービスを停止いたします。お手続きが途中で終わらない場合があります。")}
                </p>
            }
            .into_any()
        })
    }
}
