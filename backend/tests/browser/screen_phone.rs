//! Screens ③④ in the browser: one and two registered phones, the number
//! to call, the call simulator, the waiting state, and the expiry.

use crate::driver::{Browser, VIEWPORTS};
use time::Duration;

/// ① and ② filled in, from ① as shown (in this browser's flow: an app's,
/// if the app started one); stops on ③.
pub(crate) async fn fill_screens_one_and_two(
    browser: &Browser,
    search: &str,
    branch: &str,
    number: &str,
    birth: &str,
    last4: &str,
) {
    // Also lets a redirect from the app finish (it sets the flow cookie)
    // before anything is typed.
    browser.wait_for_heading("ご利用口座情報入力").await;
    browser.type_into("お取引店舗", search).await;
    browser.wait_for(&format!("//li[@role='option' and normalize-space(.)='{branch}']")).await.click().await.unwrap();
    browser.type_into("口座番号", number).await;
    browser.click_button("次へ").await;
    browser.wait_for_heading("② お客様情報入力").await;
    browser.type_into("生年月日", birth).await;
    browser.type_into("お届け出電話番号の下4桁", last4).await;
    browser.type_into("カナ氏名", "テスト タロウ").await;
    browser.type_into("メールアドレス", "test@example.jp").await;
    browser.type_into("メールアドレス（確認用）", "test@example.jp").await;
    browser.click_button("次へ").await;
    browser.wait_for_heading("③ 電話番号の確認").await;
}

#[tokio::test]
async fn one_phone_then_a_simulated_call_after_confirm_moves_on_by_itself() {
    for viewport in VIEWPORTS {
        let browser = Browser::open(viewport).await;
        browser.visit("/auth/account").await;
        fill_screens_one_and_two(&browser, "本店", "001 本店営業部", "1234567", "1985-04-01", "5678").await;
        browser.wait_for_text("090-****-5678").await;
        browser.screenshot("phone-confirm-one").await;
        browser.click_button("次へ").await;

        browser.wait_for_heading("④ API連携認証(電話番号認証)").await;
        browser.wait_for_text("電話番号での認証を行います。お届け出電話番号から認証先電話番号にお電話ください。").await;
        let number = browser.wait_for("//a[starts-with(@href, 'tel:+81')]").await;
        let shown = number.text().await.unwrap();
        assert!(shown.starts_with("0120-") || shown.starts_with("052-"), "{shown}");
        browser.wait_for("//*[@role='timer']").await;
        browser.screenshot("phone-call").await;

        // 「確定する」 before the call: the screen waits…
        browser.click_button("確定する").await;
        browser.wait_for_text("認証中(認証着信待ち)").await;
        browser.screenshot("phone-call-waiting").await;
        // …a withheld call is refused, then the registered phone calls.
        browser.click_button("非通知で発信").await;
        browser.wait_for_text("おかけになった電話では認証を受け付けることができませんでした。").await;
        browser.click_button("お届け出電話番号から発信").await;
        // …and the screen moves on by itself.
        browser.wait_for_heading("⑤ キャッシュカード暗証番号認証").await;
        assert_eq!(browser.path().await, "/auth/pin");
        browser.close().await;
    }
}

#[tokio::test]
async fn two_phones_offer_a_choice_and_the_expiry_sends_the_customer_back() {
    for viewport in VIEWPORTS {
        let browser = Browser::open(viewport).await;
        browser.visit("/auth/account").await;
        fill_screens_one_and_two(&browser, "名駅", "002 名駅支店", "2345678", "1990-12-24", "0000").await;
        browser.wait_for_text("090-****-6789").await;
        browser.wait_for_text("052-***-0000").await;
        browser.choose("052-***-0000").await;
        browser.screenshot("phone-confirm-two").await;
        browser.click_button("次へ").await;
        browser.wait_for_heading("④ API連携認証(電話番号認証)").await;
        browser.wait_for_text("052-***-0000").await;
        // The 120 seconds pass without a call.
        browser.app.clock.advance(Duration::seconds(121));
        browser.click_button("確定する").await;
        browser.wait_for_text("120秒経過後の架電、「確定する」ボタン選択は無効となります。").await;
        browser.screenshot("phone-call-expired").await;
        browser.wait_for("//a[normalize-space(.)='API連携認証の最初に戻る']").await.click().await.unwrap();
        browser.wait_for_heading("① ご利用口座情報入力").await;
        browser.close().await;
    }
}
