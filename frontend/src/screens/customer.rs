//! 画面② お客様情報入力: 生年月日, the last four digits of the registered
//! phone, カナ氏名 and the e-mail address (twice). Screens ①② are checked
//! together when this one is sent.

use crate::components::{ErrorBanner, FormErrors, MailDomainNote, ScreenTitle, TextField};
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
) -> impl IntoView {
    let birth_date = RwSignal::new(String::new());
    let phone_last4 = RwSignal::new(String::new());
    let kana_name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let email_confirmation = RwSignal::new(String::new());
    let touched: [RwSignal<bool>; 5] = std::array::from_fn(|_| RwSignal::new(false));
    let form = FormErrors::new(error);

    let message = |result: Result<(), FieldError>| result.err().map(|e| e.to_string());
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
            <p class="screen__lead">{Step::Customer.lead()}</p>
            {move || form.banner().get().map(|e| view! { <ErrorBanner error=e desk=desk.get() /> })}
            <form class="form" novalidate on:submit=submit>
                <TextField
                    id="birth_date"
                    label="生年月日"
                    note="西暦で入力して下さい。"
                    inputmode="numeric"
                    autocomplete="bday"
                    placeholder="例：1985-04-01"
                    maxlength=20
                    value=birth_date
                    on_blur=move || touched[0].set(true)
                    error=birth_date_error
                />
                <TextField
                    id="phone_last4"
                    label="お届け出電話番号の下4桁"
                    note="当組合にお届けの電話番号（携帯電話・固定電話）の下4桁です。お届けの電話番号がご不明な場合は、口座のあるお取引店舗へお問い合わせ下さい。"
                    inputmode="numeric"
                    placeholder="例：5678"
                    maxlength=4
                    value=phone_last4
                    on_blur=move || touched[1].set(true)
                    error=phone_error
                />
                <TextField
                    id="kana_name"
                    label="カナ氏名"
                    note="全角カタカナで、姓と名の間に空白を入れて下さい。"
                    placeholder="例：ヤマダ タロウ"
                    maxlength=40
                    value=kana_name
                    on_blur=move || touched[2].set(true)
                    error=kana_error
                />
                <TextField
                    id="email"
                    label="メールアドレス"
                    note="連携完了のお知らせをお送りします。"
                    input_type="email"
                    inputmode="email"
                    autocomplete="email"
                    placeholder="例：taro@example.jp"
                    maxlength=254
                    value=email
                    on_blur=move || touched[3].set(true)
                    error=email_error
                />
                {move || mail_domain.get().map(|domain| view! { <MailDomainNote domain=domain /> })}
                <TextField
                    id="email_confirmation"
                    label="メールアドレス（確認用）"
                    note="確認のため、もう一度入力して下さい。"
                    input_type="email"
                    inputmode="email"
                    maxlength=254
                    value=email_confirmation
                    on_blur=move || touched[4].set(true)
                    error=confirmation_error
                />
                <button class="button button--primary" type="submit" disabled=move || busy.get() aria-busy=move || busy.get().to_string()>
                    "次へ"
                </button>
            </form>
        </section>
    }
}
