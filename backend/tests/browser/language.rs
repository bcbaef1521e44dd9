//! English: a browser set to English reads every screen in English, the
//! server's refusals and the field errors included; the switch in the
//! header goes back to Japanese, and the choice lasts.

use crate::driver::{Browser, VIEWPORTS};
use renkei_common::Lang;
use renkei_common::catalogue::ErrorId;
use renkei_common::fields::FieldError;
use renkei_common::help::FAQ_EN;

#[tokio::test]
async fn an_english_browser_reads_the_screens_in_english_and_can_switch_to_japanese() {
    for viewport in VIEWPORTS {
        let browser = Browser::open_in(viewport, "en-US").await;
        browser.visit("/auth/account").await;
        browser.wait_for_heading("① Your account").await;
        let lang = browser.client.execute("return document.documentElement.lang", vec![]).await.unwrap();
        assert_eq!(lang, "en");
        browser.wait_for_text("Aichi Shogin Credit Union").await;

        // Field errors as the customer types, in English.
        browser.click_button("Next").await;
        browser.wait_for_text(&FieldError::BranchRequired.text(Lang::En)).await;
        browser.screenshot("en-account-errors").await;
        browser.type_into("Branch", "本店").await;
        browser.wait_for("//li[@role='option' and normalize-space(.)='001 本店営業部']").await.click().await.unwrap();
        browser.choose("Ordinary").await;
        browser.type_into("Account number", "1234567").await;
        browser.click_button("Next").await;

        // The server's refusal, worded in English from its id.
        browser.wait_for_heading("② Your details").await;
        browser.type_into("Date of birth", "1985-04-02").await;
        browser.type_into("Last 4 digits of your registered phone number", "5678").await;
        browser.type_into("Name in katakana", "ヤマダ タロウ").await;
        browser.type_into("Email address", "taro@example.jp").await;
        browser.type_into("Email address (again)", "taro@example.jp").await;
        browser.click_button("Next").await;
        let banner = browser.wait_for("//div[@role='alert' and @data-error-id='identity_mismatch']").await;
        let text = banner.text().await.unwrap();
        assert!(text.contains(ErrorId::IdentityMismatch.words(Lang::En).0), "{text}");
        assert!(text.contains("Error code A02"), "{text}");
        browser.nothing_scrolls_sideways().await;
        browser.screenshot("en-refused").await;
        let violations = browser.accessibility_violations().await;
        assert!(violations.is_empty(), "[{}] axe-core found: {violations:?}", viewport.name);

        // The help page, every answer in English.
        browser.visit("/help").await;
        browser.wait_for_heading("Frequently asked questions").await;
        browser.wait_for_text(FAQ_EN[0].question).await;

        // The switch: Japanese, kept over the browser's English.
        browser.wait_for("//a[@hreflang='ja' and normalize-space(.)='日本語']").await.click().await.unwrap();
        browser.wait_for_heading("よくあるご質問").await;
        browser.visit("/auth/account").await;
        browser.wait_for_heading("① ご利用口座情報入力").await;
        browser.wait_for("//a[@hreflang='en' and normalize-space(.)='English']").await;
        browser.close().await;
    }
}
