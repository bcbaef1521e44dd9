//! The gallery's data: what the screens would receive from the server, as
//! the demo union and its demo customer would see it.

use crate::lang::{lang, t};
use renkei_common::Lang;
use renkei_common::api::{
    AccountRequest, Branch, CallInstructions, ConsentView, ContactDesk, CustomerRequest, LinkList, LinkView,
    MaskedPhone, ServiceStatus, UnionProfile,
};
use renkei_common::catalogue::{ApiError, ErrorId, FieldProblem};
use renkei_common::fields::{AccountType, FieldError};
use renkei_common::scopes::Scope;

/// The demo union, in the gallery's language (as the server's
/// configuration gives it by default).
pub fn union() -> UnionProfile {
    let name = match lang() {
        Lang::Ja => "信用組合愛知商銀",
        Lang::En => "Aichi Shogin Credit Union",
    };
    UnionProfile { name: name.into(), desk: desk(), mail_domain: "webcenter.example.jp".into() }
}

pub fn desk() -> ContactDesk {
    let (name, hours) = match lang() {
        Lang::Ja => ("本部事務部", "平日 9:00〜17:00"),
        Lang::En => ("Operations Department, Head Office", "Weekdays 9:00–17:00"),
    };
    ContactDesk { name: name.into(), phone: "052-451-3128".into(), email: "jimubu@a-sg.jp".into(), hours: hours.into() }
}

/// What a link reads, the account and dates, as the server words them.
fn data() -> Vec<String> {
    Scope::ALL.iter().map(|scope| scope.label_in(lang()).to_owned()).collect()
}

fn account() -> String {
    format!("本店営業部 {} ****567", t().account_type(AccountType::Ordinary))
}

fn date(japanese: &'static str, english: &'static str) -> String {
    match lang() {
        Lang::Ja => japanese.into(),
        Lang::En => english.into(),
    }
}

pub fn branches() -> Vec<Branch> {
    [
        ("001", "本店営業部", "ホンテンエイギョウブ"),
        ("002", "名駅支店", "メイエキシテン"),
        ("011", "一宮支店", "イチノミヤシテン"),
    ]
    .into_iter()
    .map(|(code, name, kana)| Branch { code: code.into(), name: name.into(), kana: kana.into() })
    .collect()
}

pub fn open() -> ServiceStatus {
    ServiceStatus { open: true, reopens_at: None, closes_soon_at: None }
}

pub fn closing_soon() -> ServiceStatus {
    ServiceStatus { open: true, reopens_at: None, closes_soon_at: Some("19:00".into()) }
}

pub fn closed() -> ServiceStatus {
    ServiceStatus { open: false, reopens_at: Some("8:00".into()), closes_soon_at: None }
}

pub fn phones(count: usize) -> Vec<MaskedPhone> {
    ["090-****-5678", "052-***-0000"]
        .into_iter()
        .take(count)
        .enumerate()
        .map(|(index, masked)| MaskedPhone { index, masked: masked.into() })
        .collect()
}

pub fn call(verified: bool) -> CallInstructions {
    CallInstructions {
        destination: "0120-111-222".into(),
        tel_uri: "tel:+81120111222".into(),
        caller: "090-****-5678".into(),
        seconds_left: if verified { 64 } else { 97 },
        verified,
        call_simulator: false,
    }
}

pub fn consent(with_mail: bool) -> ConsentView {
    ConsentView {
        app_name: "しんくみ家計簿（デモアプリ）".into(),
        data: data(),
        account: account(),
        days: 90,
        until: date("2027年2月28日", "February 28, 2027"),
        action: "/api/flow/consent".into(),
        mail_domain: with_mail.then(|| "webcenter.example.jp".into()),
    }
}

pub fn links(count: usize, ended: Option<&str>) -> LinkList {
    let apps = [("しんくみ家計簿（デモアプリ）", 1), ("まとめて家計ノート", 2)];
    LinkList {
        account: account(),
        links: apps
            .into_iter()
            .take(count)
            .map(|(name, id)| LinkView {
                id,
                app_name: name.into(),
                data: data(),
                since: date("2026年11月30日", "November 30, 2026"),
                until: date("2027年2月28日", "February 28, 2027"),
            })
            .collect(),
        ended: ended.map(str::to_owned),
    }
}

pub fn refusal(id: ErrorId) -> ApiError {
    ApiError::new(id)
}

pub fn wrong_pin(attempts_left: i64) -> ApiError {
    ApiError { attempts_left: Some(attempts_left), ..ApiError::new(ErrorId::PinMismatch) }
}

pub fn field_errors() -> ApiError {
    ApiError::invalid_fields(vec![
        FieldProblem::new("birth_date", FieldError::BirthDateFormat),
        FieldProblem::new("phone_last4", FieldError::PhoneLast4Format),
        FieldProblem::new("email_confirmation", FieldError::EmailMismatch),
    ])
}

pub fn account_request() -> AccountRequest {
    AccountRequest { branch_code: "001".into(), account_type: "ordinary".into(), account_number: "1234567".into() }
}

pub fn customer_request() -> CustomerRequest {
    CustomerRequest {
        birth_date: "1985-04-01".into(),
        phone_last4: "5678".into(),
        kana_name: "ヤマダ タロウ".into(),
        email: "taro@example.jp".into(),
        email_confirmation: "taro@example.jp".into(),
    }
}

/// What the simulated caller heard (the provider's voice guidance).
pub fn heard() -> String {
    match lang() {
        Lang::Ja => "認証を受け付けました。画面に戻って「確定する」を押してください。".into(),
        Lang::En => "Your call has been accepted. Go back to the screen and press \"Confirm\".".into(),
    }
}
