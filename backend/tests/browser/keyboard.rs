//! The whole journey by keyboard alone, as someone who cannot use a
//! pointer goes through it: Tab to each control (so every one is
//! reachable, in order), type, and Enter or Space. No click anywhere.

use crate::driver::{Browser, DESKTOP};
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use serde_json::Value;

/// One key pressed and released.
async fn press(browser: &Browser, key: impl Into<char> + Copy) {
    let key: char = key.into();
    let actions =
        KeyActions::new("keyboard".into()).then(KeyAction::Down { value: key }).then(KeyAction::Up { value: key });
    browser.client.perform_actions(actions).await.unwrap();
}

/// Tab until the focused element is the one `focused` (a JS expression over
/// `e`, the active element) names; at most 40 presses.
async fn tab_to(browser: &Browser, what: &str, focused: &str) {
    let script = format!("const e = document.activeElement; return !!(e && ({focused}));");
    for _ in 0..40 {
        if browser.client.execute(&script, vec![]).await.unwrap() == Value::Bool(true) {
            return;
        }
        press(browser, Key::Tab).await;
    }
    panic!("Tab never reaches {what}");
}

async fn tab_to_field(browser: &Browser, label: &str) {
    let focused = format!("e.labels && e.labels[0] && e.labels[0].textContent.trim().startsWith('{label}')");
    tab_to(browser, label, &focused).await;
}

async fn tab_to_button(browser: &Browser, name: &str) {
    tab_to(browser, name, &format!("e.tagName === 'BUTTON' && e.textContent.trim() === '{name}'")).await;
}

/// Text into the focused control, as a keyboard (or an IME) would enter it.
async fn type_text(browser: &Browser, text: &str) {
    browser.client.active_element().await.unwrap().send_keys(text).await.unwrap();
}

#[tokio::test]
async fn the_whole_journey_works_by_keyboard_alone() {
    let browser = Browser::open(DESKTOP).await;
    browser.visit("/demo-app").await;
    tab_to_button(&browser, "口座を連携する").await;
    press(&browser, Key::Enter).await;

    browser.wait_for_heading("① ご利用口座情報入力").await;
    tab_to_field(&browser, "お取引店舗").await;
    type_text(&browser, "本店").await;
    press(&browser, Key::Down).await;
    press(&browser, Key::Enter).await;
    tab_to_field(&browser, "口座番号").await;
    type_text(&browser, "1234567").await;
    press(&browser, Key::Enter).await;

    browser.wait_for_heading("② お客様情報入力").await;
    for (label, text) in [
        ("生年月日", "1985-04-01"),
        ("お届け出電話番号の下4桁", "5678"),
        ("カナ氏名", "ヤマダ タロウ"),
        ("メールアドレス（確認用）", "taro@example.jp"),
    ] {
        tab_to_field(&browser, label).await;
        type_text(&browser, text).await;
    }
    // 「メールアドレス」 is the first field whose label starts so: fill it last.
    tab_to(
        &browser,
        "メールアドレス",
        "e.labels && e.labels[0] && e.labels[0].textContent.trim() === 'メールアドレス'",
    )
    .await;
    type_text(&browser, "taro@example.jp").await;
    tab_to_button(&browser, "次へ").await;
    press(&browser, Key::Enter).await;

    browser.wait_for_heading("③ 電話番号の確認").await;
    tab_to_button(&browser, "次へ").await;
    press(&browser, Key::Enter).await;

    browser.wait_for_heading("④ API連携認証(電話番号認証)").await;
    tab_to_button(&browser, "お届け出電話番号から発信").await;
    press(&browser, Key::Enter).await;
    browser.wait_for_text("認証を受け付けました。").await;
    tab_to_button(&browser, "確定する").await;
    press(&browser, Key::Enter).await;

    browser.wait_for_heading("⑤ キャッシュカード暗証番号認証").await;
    tab_to_field(&browser, "暗証番号").await;
    type_text(&browser, "1234").await;
    press(&browser, Key::Enter).await;

    browser.wait_for_heading("⑥ 情報連携認可").await;
    tab_to_button(&browser, "許可する").await;
    press(&browser, Key::Enter).await;
    browser.wait_for_heading("連携が完了しました").await;
    assert_eq!(browser.path().await, "/demo-app/callback");
    browser.close().await;
}
