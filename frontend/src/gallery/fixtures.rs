//! The gallery's data: what the screens would receive from the server, as
//! the demo union and its demo customer would see it.

use renkei_common::api::{
    Branch, CallInstructions, ConsentView, ContactDesk, LinkList, LinkView, MaskedPhone, ServiceStatus, UnionProfile,
};
use renkei_common::catalogue::{ApiError, ErrorId, FieldProblem};

pub fn union() -> UnionProfile {
    UnionProfile { name: "信用組合愛知商銀".into(), desk: desk(), mail_domain: "webcenter.example.jp".into() }
}

pub fn desk() -> ContactDesk {
    ContactDesk {
        name: "本部事務部".into(),
        phone: "052-451-3128".into(),
        email: "jimubu@a-sg.jp".into(),
        hours: "平日 9:00〜17:00".into(),
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
        data: vec!["残高照会".into(), "入出金明細照会（約3か月分）".into()],
        account: "本店営業部 普通 ****567".into(),
        days: 90,
        until: "2027年2月28日".into(),
        action: "/api/flow/consent".into(),
        mail_domain: with_mail.then(|| "webcenter.example.jp".into()),
    }
}

pub fn links(count: usize, ended: Option<&str>) -> LinkList {
    let apps = [("しんくみ家計簿（デモアプリ）", 1), ("まとめて家計ノート", 2)];
    LinkList {
        account: "本店営業部 普通 ****567".into(),
        links: apps
            .into_iter()
            .take(count)
            .map(|(name, id)| LinkView {
                id,
                app_name: name.into(),
                data: vec!["残高照会".into(), "入出金明細照会（約3か月分）".into()],
                since: "2026年11月30日".into(),
                until: "2027年2月28日".into(),
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
    let problem = |field: &str, message: &str| FieldProblem { field: field.into(), message: message.into() };
    ApiError::invalid_fields(vec![
        problem("birth_date", "生年月日を正しく入力して下さい。"),
        problem("phone_last4", "電話番号の下4桁を半角数字で入力して下さい。"),
        problem("email_confirmation", "確認用のメールアドレスが一致しません。"),
    ])
}
