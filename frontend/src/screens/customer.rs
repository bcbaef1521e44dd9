//! 画面② お客様情報入力: 生年月日, the last four digits of the registered
//! phone, カナ氏名 and the e-mail address (twice). Screens ①② are checked
//! together when this one is sent.

use crate::components::{ErrorBanner, FormErrors, MailDomainNote, ScreenTitle, TextField};
use crate::lang::{lang, t};
use leptos::prelude::*;
use renkei_common::api::{ContactDesk, CustomerRequest};
use renkei_common::catalogue::ApiError;
use renkei_common::fields::{BirthDate, Email, FieldError, KanaName, PhoneLast4};
use renkei_common::steps::Step;
use time::Date;

#[component]
pub fn CustomerScreen(
    /// The JST date (a date of birth must lie before it).
    today: Date,
    #[prop(into)] busy: Signal<bool>,
    #[prop(into)] error: Signal<Option<ApiError>>,
    #[prop(into)] desk: Signal<Option<ContactDesk>>,
    /// Where the completion notice comes from (FAQ 2.Q3).
    #[prop(into)]
    mail_domain: Signal<Option<String>>,
    #[prop(into)] on_submit: Callback<CustomerRequest>,
    /// What the form starts with (the gallery's filled state).
    #[prop(optional)]
    filled: Option<CustomerRequest>,
) -> impl IntoView {
    let filled = filled.unwrap_or_default();
    let birth_date = RwSignal::new(filled.birth_date);
    let phone_last4 = RwSignal::new(filled.phone_last4);
    let kana_name = RwSignal::new(filled.kana_name);
    let email = RwSignal::new(filled.email);
    let email_confirmation = RwSignal::new(filled.email_confirmation);
    let touched: [RwSignal<bool>; 5] = std::array::from_fn(|_| RwSignal::new(false));
    let form = FormErrors::new(error);

    let message = |result: Result<(), FieldError>| result.err().map(|e| e.text(lang()));
    let birth_date_error = form.for_field(CustomerRequest::BIRTH_DATE, touched[0], move || {
        message(BirthDate::parse(&birth_date.get(), today).map(drop))
    });
    let phone_error = form.for_field(CustomerRequest::PHONE_LAST4, touched[1], move || {
        message(PhoneLast4::parse(&phone_last4.get()).map(drop))
    });
    let kana_error = form.for_field(CustomerRequest::KANA_NAME, touched[2], move || {
        message(KanaName::parse(&kana_name.get()).map(drop))
    });
    let email_error =
        form.for_field(CustomerRequest::EMAIL, touched[3], move || message(Email::parse(&email.get()).map(drop)));
    let confirmation_error = form.for_field(CustomerRequest::EMAIL_CONFIRMATION, touched[4], move || {
        // Only once the address itself is right is a mismatch worth saying.
        Email::parse(&email.get()).ok()?;
        message(Email::parse_confirmed(&email.get(), &email_confirmation.get()).map(drop))
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.mark_submitted();
        let request = CustomerRequest {
            birth_date: birth_date.get_untracked(),
            phone_last4: phone_last4.get_untracked(),
            kana_name: kana_name.get_untracked(),
            email: email.get_untracked(),
            email_confirmation: email_confirmation.get_untracked(),
        };
        if request.parse(today).is_ok() && !busy.get_untracked() {
            on_submit.run(request);
        }
    };

    view! {
        <section class="screen" aria-labelledby="screen-title">
            <ScreenTitle step=Step::Customer />
            <p class="screen__lead">{t().lead(Step::Customer)}</p>
            {move || form.banner().get().map(|e| view! { <ErrorBanner error=e desk=desk.get() /> })}
            <form class="form" novalidate on:submit=submit>
                <TextField
                    id="birth_date"
                    label=t().customer.birth_date
                    note=t().customer.birth_date_note
                    inputmode="numeric"
                    autocomplete="bday"
                    placeholder=t().customer.birth_date_placeholder
                    maxlength=20
                    value=birth_date
                    on_blur=move || touched[0].set(true)
                    error=birth_date_error
                />
                <TextField
                    id="phone_last4"
                    label=t().customer.phone_last4
                    note=t().customer.phone_last4_note
                    inputmode="numeric"
                    placeholder=t().customer.phone_last4_placeholder
                    maxlength=4
                    value=phone_last4
                    on_blur=move || touched[1].set(true)
                    error=phone_error
                />
                <TextField
                    id="kana_name"
                    label=t().customer.kana
                    note=t().customer.kana_note
                    placeholder=t().customer.kana_placeholder
                    maxlength=40
                    value=kana_name
                    on_blur=move || touched[2].set(true)
                    error=kana_error
                />
                <TextField
                    id="email"
                    label=t().customer.email
                    note=t().customer.email_note
                    input_type="email"
                    inputmode="email"
                    autocomplete="email"
                    placeholder=t().customer.email_placeholder
                    maxlength=254
                    value=email
                    on_blur=move || touched[3].set(true)
                    error=email_error
                />
                {move || mail_domain.get().map(|domain| view! { <MailDomainNote domain=domain /> })}
                <TextField
                    id="email_confirmation"
                    label=t().customer.email_confirmation
                    note=t().customer.email_confirmation_note
                    input_type="email"
                    inputmode="email"
                    maxlength=254
                    value=email_confirmation
                    on_blur=move || touched[4].set(true)
                    error=confirmation_error
                />
                <button class="button button--primary" type="submit" disabled=move || busy.get() aria-busy=move || busy.get().to_string()>
                    {t().frame.next}
                </button>
            </form>
        </section>
    }
}
