use super::*;

/// Kana, kanji, and full-width forms: what English text must not contain.
fn is_japanese(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{30FF}' | '\u{4E00}'..='\u{9FFF}' | '\u{FF00}'..='\u{FFEF}')
}

/// Every text of a language, the functions called with sample values.
fn all_words(lang: Lang) -> String {
    let t = lang.texts();
    let samples = [
        (t.frame.mail_domain_note)("webcenter.example.jp"),
        (t.account.reopens)("8:00"),
        (t.account.closes_soon)("23:50"),
        (t.phone.call_label)("0120-000-000"),
        (t.phone.heard)("…"),
        (t.pin.attempts_left)(2),
        (t.consent.lasts)(90, "…"),
        (t.links.list_lead)("…"),
        (t.links.ended)("…"),
        (t.links.confirm)("…"),
    ];
    // Debug shows every &str of the struct (functions as addresses).
    format!("{t:?}\n{}", samples.join("\n"))
}

#[test]
fn english_has_no_japanese_but_the_examples_of_japanese_input() {
    // A branch is searched by its Japanese name, and the name field takes
    // katakana: their examples stay as the customer types them.
    let words = all_words(Lang::En).replace("本店", "").replace("ヤマダ\u{20}タロウ", "");
    let found: String = words.chars().filter(|c| is_japanese(*c)).collect();
    assert!(found.is_empty(), "Japanese left in the English texts: {found}");
}

#[test]
fn japanese_keeps_the_manuals_words() {
    let t = Lang::Ja.texts();
    assert_eq!(
        t.phone.instructions,
        "電話番号での認証を行います。お届け出電話番号から認証先電話番号にお電話ください。電話番号認証完了後、「確定する」ボタンを押してください。"
    );
    assert_eq!(t.phone.waiting, "認証中(認証着信待ち)");
    assert_eq!(t.title(Step::PhoneCall), "API連携認証(電話番号認証)");
    assert_eq!(t.title(Step::Consent), "情報連携認可");
    assert_eq!((t.consent.lasts)(90, "2027年2月24日"), "90日間（2027年2月24日まで）");
}

#[test]
fn every_step_has_a_title_and_a_label_in_both_languages() {
    for lang in Lang::ALL {
        let t = lang.texts();
        for step in Step::ALL.into_iter().chain([Step::Links]) {
            assert!(!t.title(step).is_empty() && !t.step_label(step).is_empty(), "{step:?}");
            assert_eq!(t.lead(step).is_some(), Lang::Ja.texts().lead(step).is_some(), "{step:?} in {lang:?}");
        }
    }
}

#[test]
fn a_single_attempt_left_is_said_in_the_singular() {
    assert!((Lang::En.texts().pin.attempts_left)(1).contains("1 more time,"));
    assert!((Lang::En.texts().pin.attempts_left)(2).contains("2 more times,"));
}
