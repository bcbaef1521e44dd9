//! The catalogue word for word, and its codes stable.

use super::*;
use std::collections::HashSet;

#[test]
fn reason_codes_and_ids_are_unique() {
    let codes: HashSet<_> = ErrorId::ALL.iter().map(|id| id.entry().reason_code).collect();
    let names: HashSet<_> = ErrorId::ALL.iter().map(|id| id.as_str()).collect();
    assert_eq!(codes.len(), ErrorId::ALL.len());
    assert_eq!(names.len(), ErrorId::ALL.len());
}

#[test]
fn locked_carries_the_manuals_reason_code_b84_in_its_message() {
    let entry = ErrorId::Locked.entry();
    assert_eq!(entry.reason_code, "B84");
    assert!(entry.message.ends_with("理由コードはB84です。"));
    assert!(entry.shows_contact);
}

#[test]
fn manual_messages_are_word_for_word() {
    // messages.md, its first two tables and the phone expiry, as the
    // manual words them; the desk goes with every お問合せ窓口 message.
    let manual = [
        (ErrorId::AccountNotHandled, "ご指定の口座は、本サービスではお取り扱いできません。"),
        (ErrorId::IdentityMismatch, "本人認証情報が誤っています。本人認証項目をご確認のうえ、再度入力して下さい。"),
        (ErrorId::LockedNow, "お取扱いができなくなりました。詳しくは本サービスのお問合せ窓口へご照会下さい。"),
        (
            ErrorId::Locked,
            "ただ今お取扱いできません。詳しくは本サービスのお問合せ窓口へご照会下さい。理由コードはB84です。",
        ),
        (ErrorId::OutOfHours, "ただ今の時間はサービスを行っておりません。ご了承下さい。"),
        (ErrorId::Busy, "ただ今受付が混雑しておりますので、しばらくしてからご利用下さい。"),
        (
            ErrorId::SystemError,
            "調整のため連絡ができなくなりました。なお、お急ぎの場合は本サービスのお問合せ窓口へご照会下さい。",
        ),
        (
            ErrorId::ServiceUnavailable,
            "ご指定のサービスはただ今お取扱いできません。なお、お急ぎの場合は本サービスのお問合せ窓口へご照会下さい。",
        ),
    ];
    for (id, message) in manual {
        let entry = id.entry();
        assert_eq!(entry.message, message, "{id:?}");
        assert_eq!(entry.shows_contact, message.contains("お問合せ窓口"), "{id:?} shows the desk");
    }
    assert!(
        ErrorId::PhoneExpired.entry().message.contains("無効となります。API連携認証の最初に戻って操作してください。")
    );
    assert_eq!((ErrorId::OutOfHours.entry().status, ErrorId::Busy.entry().status), (503, 503));
}

#[test]
fn throttled_is_its_own_entry_with_a_stable_code_and_429() {
    let entry = ErrorId::Throttled.entry();
    assert_eq!((ErrorId::Throttled.as_str(), entry.reason_code, entry.status), ("throttled", "S05", 429));
    assert!(entry.message.contains("ただ今お取扱いできません。") && !entry.shows_contact);
}

#[test]
fn an_ambiguous_call_sends_the_customer_back_to_the_start_like_the_expiry() {
    let entry = ErrorId::CallAmbiguous.entry();
    assert_eq!((entry.reason_code, entry.status), ("P03", ErrorId::PhoneExpired.entry().status));
    assert!(entry.message.ends_with("API連携認証の最初に戻って操作してください。"));
    // Without another screen of their own, someone else has their
    // details: the desk is named and shown.
    assert!(entry.remedy.contains("お問合せ窓口") && entry.shows_contact);
}

#[test]
fn serde_name_matches_as_str_for_every_id() {
    for id in ErrorId::ALL {
        let json = serde_json::to_string(&id).unwrap();
        assert_eq!(json, format!("\"{}\"", id.as_str()));
    }
}

#[test]
fn error_body_round_trips_and_omits_empty_fields() {
    let body = ErrorBody { error: ApiError::new(ErrorId::Locked) };
    let json = serde_json::to_string(&body).unwrap();
    assert!(json.contains("\"reason_code\":\"B84\""));
    assert!(!json.contains("fields"));
    let back: ErrorBody = serde_json::from_str(&json).unwrap();
    assert_eq!(back, body);
}

/// Kana, kanji, Japanese punctuation and full-width forms: none belongs in
/// an English text.
fn japanese_in(text: &str) -> Option<char> {
    text.chars().find(|c| {
        matches!(c, '\u{3000}'..='\u{303F}' | '\u{3040}'..='\u{30FF}' | '\u{4E00}'..='\u{9FFF}' | '\u{FF00}'..='\u{FFEF}')
    })
}

#[test]
fn every_entry_is_written_in_english_too() {
    for id in ErrorId::ALL {
        let (message, remedy) = id.words(Lang::En);
        for text in [message, remedy] {
            assert!(!text.trim().is_empty(), "{id:?}");
            assert_eq!(japanese_in(text), None, "{id:?}: {text}");
        }
    }
}

#[test]
fn english_messages_are_as_distinct_as_the_japanese() {
    for (i, a) in ErrorId::ALL.iter().enumerate() {
        for b in &ErrorId::ALL[i + 1..] {
            if a.entry().message != b.entry().message {
                assert_ne!(a.words(Lang::En).0, b.words(Lang::En).0, "{a:?} and {b:?}");
            }
        }
    }
}

#[test]
fn japanese_words_are_the_catalogues_and_b84_stays_in_english() {
    for id in ErrorId::ALL {
        let entry = id.entry();
        assert_eq!(id.words(Lang::Ja), (entry.message, entry.remedy), "{id:?}");
    }
    assert!(ErrorId::Locked.words(Lang::En).0.ends_with("Reason code: B84."));
    // The desk flag is shared: an English message sending the customer to
    // the desk names it as the Japanese does.
    for id in ErrorId::ALL {
        let (message, remedy) = id.words(Lang::En);
        let names_desk = message.contains("our contact desk") || remedy.contains("our contact desk");
        let japanese_names_desk =
            id.entry().message.contains("お問合せ窓口") || id.entry().remedy.contains("お問合せ窓口");
        assert_eq!(names_desk, japanese_names_desk, "{id:?}");
    }
}
