//! Screen ① in the browser: the empty-form errors, the branch search, and
//! the flow moving on to screen ②.

use crate::driver::{Browser, VIEWPORTS};

#[tokio::test]
async fn screen_one_shows_field_errors_then_moves_on_to_screen_two() {
    for viewport in VIEWPORTS {
        let browser = Browser::open(viewport).await;
        browser.visit("/").await;
        browser.wait_for_heading("① ご利用口座情報入力").await;
        assert_eq!(browser.inner_width().await, u64::from(viewport.width), "viewport width");
        assert_eq!(browser.path().await, "/auth/account", "the start page redirects to screen ①");
        browser.wait_for_text("信用組合愛知商銀").await;
        browser.wait_for_text("052-451-3128").await;
        browser.screenshot("account-empty").await;

        // Sent empty: every field says what is missing, nothing is sent.
        browser.click_button("次へ").await;
        browser.wait_for_text("お取引店舗を選択して下さい。").await;
        browser.wait_for_text("口座番号を入力して下さい。").await;
        browser.screenshot("account-errors").await;

        // A number too long for an account, typed full width.
        browser.type_into("口座番号", "１２３４５６７８").await;
        browser.wait_for_text("口座番号は7桁以内の数字で入力して下さい。").await;

        // Search the branch by name and pick it from the list.
        browser.type_into("お取引店舗", "本店").await;
        browser.wait_for("//li[@role='option' and normalize-space(.)='001 本店営業部']").await.click().await.unwrap();
        browser.choose("普通").await;
        browser.type_into("口座番号", "1234567").await;
        browser.screenshot("account-filled").await;
        browser.click_button("次へ").await;

        browser.wait_for_heading("② お客様情報入力").await;
        assert_eq!(browser.path().await, "/auth/customer");
        let current = browser.wait_for("//li[@aria-current='step']").await.text().await.unwrap();
        assert!(current.contains('②'), "the step bar marks ②, not {current:?}");
        browser.screenshot("customer").await;
        browser.close().await;
    }
}

#[tokio::test]
async fn a_branch_number_typed_alone_selects_that_branch() {
    for viewport in VIEWPORTS {
        let browser = Browser::open(viewport).await;
        browser.visit("/auth/account").await;
        browser.wait_for_heading("ご利用口座情報入力").await;
        browser.type_into("お取引店舗", "０１１").await;
        browser.choose("貯蓄").await; // leaving the search box with one match selects it
        let shown = browser.field("お取引店舗").await.prop("value").await.unwrap().unwrap_or_default();
        assert_eq!(shown, "011 一宮支店");
        browser.close().await;
    }
}

#[tokio::test]
async fn screen_one_warns_before_maintenance_and_says_when_it_reopens() {
    for viewport in VIEWPORTS {
        let browser = Browser::open(viewport).await;
        browser.app.clock.set(time::macros::datetime!(2026-11-26 03:50:00 +9));
        browser.visit("/auth/account").await;
        browser.wait_for_text("4:00からメンテナンスのためサービスを停止いたします。").await;
        browser.screenshot("account-maintenance-soon").await;

        browser.app.clock.set(time::macros::datetime!(2026-11-26 04:02:00 +9));
        browser.visit("/auth/account").await;
        browser.wait_for("//div[@role='alert' and @data-error-id='out_of_hours']").await;
        browser.wait_for_text("4:05から再開いたします。").await;
        browser.screenshot("account-out-of-hours").await;
        browser.close().await;
    }
}
