//! The whole journey in the browser: the demo app starts the flow (PAR +
//! PKCE), the customer passes ①–⑥ (with a wrong PIN on the shuffled keypad
//! on the way), allows the link, and the app receives its tokens.

use crate::driver::{Browser, VIEWPORTS};
use crate::screen_phone::fill_screens_one_and_two;

#[tokio::test]
async fn from_the_demo_app_through_every_screen_and_back_with_tokens() {
    for viewport in VIEWPORTS {
        let browser = Browser::open(viewport).await;
        browser.visit("/demo-app").await;
        browser.click_button("口座を連携する").await;
        browser.wait_for_heading("ご利用口座情報入力").await;
        assert_eq!(browser.path().await, "/auth/account");
        screens_one_to_four(&browser).await;
        call_and_confirm(&browser).await;

        browser.wait_for_heading("⑤ キャッシュカード暗証番号認証").await;
        let pin = browser.field("暗証番号").await;
        assert_eq!(pin.attr("type").await.unwrap().as_deref(), Some("password"), "digits are masked");
        for _ in 0..4 {
            browser.click_button("0").await;
        }
        let first_layout = keypad_digits(&browser).await;
        browser.screenshot("pin-keypad").await;
        browser.click_button("次へ").await;
        let banner = browser.wait_for("//div[@role='alert' and @data-error-id='pin_mismatch']").await;
        assert!(banner.text().await.unwrap().contains("暗証番号が誤っています。"));
        browser.wait_for_text("あと2回誤るとAPI連携認証がお取扱いできなくなります。").await;
        browser.screenshot("pin-wrong").await;
        let pin = browser.field("暗証番号").await;
        assert_eq!(pin.prop("value").await.unwrap().unwrap_or_default(), "", "a new attempt starts empty");
        assert_eq!(pin.attr("aria-invalid").await.unwrap().as_deref(), Some("false"), "an emptied field is no mistake");
        // 10! orders: the same one again is a one-in-3.6-million chance.
        assert_ne!(keypad_digits(&browser).await, first_layout, "each attempt gets freshly shuffled keys");

        browser.type_into("暗証番号", "1234").await;
        browser.click_button("次へ").await;
        browser.wait_for_heading("⑥ 情報連携認可").await;
        browser.wait_for_text("しんくみ家計簿（デモアプリ）").await;
        browser.wait_for_text("残高照会").await;
        browser.wait_for_text("本店営業部 普通 ****567").await;
        browser.wait_for_text("90日間（2027年2月24日まで）").await;
        browser.wait_for_text("連携完了のお知らせは「@webcenter.example.jp」からお送りします。").await;
        browser.screenshot("consent").await;
        browser.click_button("許可する").await;

        browser.wait_for_heading("連携が完了しました").await;
        assert_eq!(browser.path().await, "/demo-app/callback");
        let token_type = browser.wait_for("//dd[@id='token-type']").await.text().await.unwrap();
        assert_eq!(token_type, "Bearer");
        let scope = browser.wait_for("//dd[@id='scope']").await.text().await.unwrap();
        assert_eq!(scope, "balance transactions");
        // With its token the app reads the bank API: balance and three months of lines.
        let balance = browser.wait_for("//strong[@id='balance']").await.text().await.unwrap();
        assert!(balance.ends_with('円') && balance.contains(','), "{balance}");
        browser.wait_for_text("入出金明細（2026-08-26〜2026-11-26").await;
        browser.wait_for_text("ｷﾕｳﾖ").await;
        browser.screenshot("demo-app-tokens").await;
        browser.close().await;
    }

    /// The keypad's digits in screen order.
    async fn keypad_digits(browser: &Browser) -> String {
        let mut digits = String::new();
        for key in browser.all("//div[@role='group']//button[not(contains(@class, 'keypad__key--action'))]").await {
            digits.push_str(&key.text().await.unwrap());
        }
        assert_eq!(digits.len(), 10, "ten digit keys: {digits}");
        digits
    }
}

/// ①–③ for the demo customer, from ① as shown (in this browser's flow: an
/// app's, if the app started one); stops on ④.
pub(crate) async fn screens_one_to_four(browser: &Browser) {
    fill_screens_one_and_two(browser, "001", "001 本店営業部", "1234567", "1985-04-01", "5678").await;
    browser.click_button("次へ").await;
    browser.wait_for_heading("④ API連携認証(電話番号認証)").await;
}

/// The demo app starts a flow and the demo customer passes ①–⑤ (PIN
/// 1234): the browser stands at ⑥.
pub(crate) async fn demo_app_to_screen_six(browser: &Browser) {
    browser.visit("/demo-app").await;
    browser.click_button("口座を連携する").await;
    screens_one_to_four(browser).await;
    call_and_confirm(browser).await;
    browser.type_into("暗証番号", "1234").await;
    browser.click_button("次へ").await;
    browser.wait_for_heading("⑥ 情報連携認可").await;
}

/// ④ passed through the simulator: the registered phone calls, 確定する.
pub(crate) async fn call_and_confirm(browser: &Browser) {
    browser.click_button("お届け出電話番号から発信").await;
    browser.wait_for_text("認証を受け付けました。").await;
    browser.click_button("確定する").await;
    browser.wait_for_heading("⑤ キャッシュカード暗証番号認証").await;
}

#[tokio::test]
async fn after_the_call_window_the_customer_starts_again_or_goes_back_to_the_app() {
    for viewport in VIEWPORTS {
        let browser = Browser::open(viewport).await;
        browser.visit("/demo-app").await;
        browser.click_button("口座を連携する").await;
        screens_one_to_four(&browser).await;
        browser.app.clock.advance(time::Duration::seconds(121));
        browser.wait_for_text("120秒経過後の架電、「確定する」ボタン選択は無効となります。").await;
        // The app's request goes on from ①…
        browser.wait_for("//a[normalize-space(.)='API連携認証の最初に戻る']").await.click().await.unwrap();
        screens_one_to_four(&browser).await;
        browser.app.clock.advance(time::Duration::seconds(121));
        browser.wait_for_text("120秒経過後の架電、「確定する」ボタン選択は無効となります。").await;
        browser.screenshot("phone-call-expired-app").await;
        // …or the customer goes back to the app, which hears access_denied.
        browser.wait_for("//a[normalize-space(.)='アプリに戻る']").await.click().await.unwrap();
        browser.wait_for_text("お客さまが連携を許可しませんでした").await;
        assert_eq!(browser.path().await, "/demo-app/callback");
        browser.wait_for_text("access_denied").await;
        browser.close().await;
    }
}

#[tokio::test]
async fn the_fapi_demo_app_gets_dpop_bound_tokens_through_every_screen() {
    for viewport in VIEWPORTS {
        let browser = Browser::open(viewport).await;
        browser.visit("/demo-app").await;
        // PAR with a private_key_jwt assertion and a DPoP proof.
        browser.click_button("FAPI 2.0で連携する").await;
        screens_one_to_four(&browser).await;
        call_and_confirm(&browser).await;
        browser.type_into("暗証番号", "1234").await;
        browser.click_button("次へ").await;
        browser.wait_for_heading("⑥ 情報連携認可").await;
        browser.wait_for_text("しんくみ家計簿 FAPI 2.0版（デモアプリ）").await;
        browser.click_button("許可する").await;
        browser.wait_for_heading("連携が完了しました").await;
        assert_eq!(browser.path().await, "/demo-app/fapi/callback");
        let token_type = browser.wait_for("//dd[@id='token-type']").await.text().await.unwrap();
        assert_eq!(token_type, "DPoP", "sender-constrained, as FAPI 2.0 asks");
        // The FAPI app reads the bank API with DPoP proofs of its bound key.
        let balance = browser.wait_for("//strong[@id='balance']").await.text().await.unwrap();
        assert!(balance.ends_with('円'), "{balance}");
        browser.wait_for_text("ｷﾕｳﾖ").await;
        browser.screenshot("demo-app-fapi-tokens").await;
        browser.close().await;
    }
}
