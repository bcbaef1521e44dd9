//! 画面① ご利用口座情報入力: お取引店舗, 科目, 口座番号.

use crate::components::{BranchPicker, ErrorBanner, FieldHint, FormErrors, ScreenTitle, TextField};
use crate::lang::{lang, t};
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
    /// What the form starts with (the gallery's filled state).
    #[prop(optional)]
    filled: Option<AccountRequest>,
) -> impl IntoView {
    let filled = filled.unwrap_or_default();
    let branch = RwSignal::new(branches.iter().find(|b| b.code == filled.branch_code).cloned());
    let account_type = RwSignal::new(AccountType::parse(&filled.account_type).unwrap_or(AccountType::Ordinary));
    let number = RwSignal::new(filled.account_number);
    let touched_branch = RwSignal::new(false);
    let touched_number = RwSignal::new(false);
    let form = FormErrors::new(error);

    let request = move || AccountRequest {
        branch_code: branch.get().map(|b| b.code).unwrap_or_default(),
        account_type: account_type.get().as_str().to_owned(),
        account_number: number.get(),
    };
    let message = |result: Result<(), FieldError>| result.err().map(|e| e.text(lang()));
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
            <p class="screen__lead">{t().lead(Step::Account)}</p>
            {move || form.banner().get().map(|e| view! { <ErrorBanner error=e desk=desk.get() /> })}
            <form class="form" novalidate on:submit=submit>
                <BranchPicker
                    branches=branches
                    selected=branch
                    error=branch_error
                    on_blur=move || touched_branch.set(true)
                />
                <fieldset class="field choice" aria-describedby="account_type-error">
                    <legend class="field__label">{t().account.account_type}</legend>
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
                                        <span>{t().account_type(kind)}</span>
                                    </label>
                                }
                            })
                            .collect_view()}
                    </div>
                    <FieldHint id="account_type-error".to_owned() message=type_error />
                </fieldset>
                <TextField
                    id="account_number"
                    label=t().account.number
                    note=t().account.number_note
                    inputmode="numeric"
                    placeholder=t().account.number_placeholder
                    maxlength=14
                    value=number
                    on_blur=move || touched_number.set(true)
                    error=number_error
                />
                <button class="button button--primary" type="submit" disabled=move || busy.get() aria-busy=move || busy.get().to_string()>
                    {t().frame.next}
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
            let reopens = status.reopens_at.map(|at| (t().account.reopens)(&at));
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
                    {(t().account.closes_soon)(&at)}
                </p>
            }
            .into_any()
        })
    }
}
