//! 連携管理 in the browser: from the help page the customer passes ①–⑤
//! again, sees the app linked to the account, and ends the link after
//! confirming it in place; the app's link is over at once.

use crate::driver::{Browser, VIEWPORTS};
use crate::full_flow::{call_and_confirm, demo_app_to_screen_six, screens_one_to_four};

/// The demo app linked to Yamada's account through every screen.
async fn the_demo_app_is_linked(browser: &Browser) {
    demo_app_to_screen_six(browser).await;
    browser.click_button("許可する").await;
    browser.wait_for_heading("連携が完了しました").await;
}

#[tokio::test]
async fn the_customer_sees_the_linked_app_after_screens_one_to_five_and_ends_the_link() {
    for viewport in VIEWPORTS {
        let browser = Browser::open(viewport).await;
        the_demo_app_is_linked(&browser).await;

        browser.visit("/help").await;
        browser.wait_for("//a[@href='/links' and normalize-space(.)='連携管理']").await.click().await.unwrap();
        browser.wait_for_heading("連携管理").await;
        browser.wait_for_text("お客様の口座と連携しているアプリを確認し、連携を解除できます。").await;
        assert!(browser.all("//nav[@aria-label='手続きの進み具合']").await.is_empty(), "no step bar yet");
        browser.screenshot("links-intro").await;
        browser.click_button("本人確認に進む").await;

        browser.wait_for_heading("ご利用口座情報入力").await;
        screens_one_to_four(&browser).await;
        call_and_confirm(&browser).await;
        browser.type_into("暗証番号", "1234").await;
        browser.click_button("次へ").await;

        browser.wait_for_heading("連携管理").await;
        assert_eq!(browser.path().await, "/links");
        browser.wait_for_text("本店営業部 普通 ****567 と連携しているアプリです。").await;
        let card = "//ul[@class='links']/li[h2[normalize-space(.)='しんくみ家計簿（デモアプリ）']]";
        browser.wait_for(&format!("{card}//dd[contains(., '残高照会')]")).await;
        browser.wait_for(&format!("{card}//dt[normalize-space(.)='有効期限']")).await;
        browser.nothing_scrolls_sideways().await;
        browser.screenshot("links-list").await;

        browser.click_button("連携を解除する").await;
        browser.wait_for_text("「しんくみ家計簿（デモアプリ）」との連携を解除しますか。").await;
        browser.screenshot("links-confirm").await;
        browser.click_button("やめる").await;
        browser.click_button("連携を解除する").await;
        browser.click_button("解除する").await;
        browser
            .wait_for(
                "//p[@role='status' and normalize-space(.)='「しんくみ家計簿（デモアプリ）」との連携を解除しました。']",
            )
            .await;
        browser.wait_for_text("現在、この口座と連携しているアプリはありません。").await;
        browser.nothing_scrolls_sideways().await;
        browser.screenshot("links-ended").await;

        let standing: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM consents WHERE revoked_at IS NULL")
            .fetch_one(browser.app.store.pool())
            .await
            .unwrap();
        assert_eq!(standing, 0, "the app's link is over");
        let by: String =
            sqlx::query_scalar("SELECT revoked_by FROM consents").fetch_one(browser.app.store.pool()).await.unwrap();
        assert_eq!(by, "customer");
        browser.close().await;
    }
}
