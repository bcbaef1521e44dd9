//! Screen ⑤ in the browser: the shuffled keypad, a wrong PIN with the
//! tries left, then the right PIN typed on the keyboard.

use crate::driver::{Browser, VIEWPORTS};

#[tokio::test]
async fn a_wrong_pin_on_the_keypad_then_the_right_one_reaches_consent() {
    for viewport in VIEWPORTS {
        let browser = Browser::open(viewport).await;
        browser.visit("/auth/account").await;
        browser.wait_for_heading("ご利用口座情報入力").await;
        browser.type_into("お取引店舗", "001").await;
        browser
            .wait_for("//li[@role='option' and normalize-space(.)='001 本店営業部']")
            .await
            .click()
            .await
            .unwrap();
        browser.type_into("口座番号", "1234567").await;
        browser.click_button("次へ").await;
        browser.wait_for_heading("② お客様情報入力").await;
        browser.type_into("生年月日", "1985-04-01").await;
        browser.type_into("お届け出電話番号の下4桁", "5678").await;
        browser.type_into("カナ氏名", "ヤマダ タロウ").await;
        browser.type_into("メールアドレス", "taro@example.jp").await;
        browser
            .type_into("メールアドレス（確認用）", "taro@example.jp")
            .await;
        browser.click_button("次へ").await;
        browser.wait_for_heading("③ 電話番号の確認").await;
        browser.click_button("次へ").await;
        browser.wait_for_heading("④ 電話番号認証").await;
        browser.click_button("お届け出電話番号から発信").await;
        browser.wait_for_text("認証を受け付けました。").await;
        browser.click_button("確定する").await;

        browser
            .wait_for_heading("⑤ キャッシュカード暗証番号認証")
            .await;
        let pin = browser.field("暗証番号").await;
        assert_eq!(
            pin.attr("type").await.unwrap().as_deref(),
            Some("password"),
            "digits are masked"
        );
        for _ in 0..4 {
            browser.click_button("0").await;
        }
        browser.screenshot("pin-keypad").await;
        browser.click_button("次へ").await;
        let banner = browser
            .wait_for("//div[@role='alert' and @data-error-id='pin_mismatch']")
            .await;
        assert!(
            banner
                .text()
                .await
                .unwrap()
                .contains("暗証番号が誤っています。")
        );
        browser
            .wait_for_text("あと2回誤るとAPI連携認証がお取扱いできなくなります。")
            .await;
        browser.screenshot("pin-wrong").await;
        let cleared = browser
            .field("暗証番号")
            .await
            .prop("value")
            .await
            .unwrap()
            .unwrap_or_default();
        assert_eq!(cleared, "", "a new attempt starts empty");

        browser.type_into("暗証番号", "1234").await;
        browser.click_button("次へ").await;
        browser.wait_for_heading("⑥ 情報連携認可").await;
        browser.close().await;
    }
}
