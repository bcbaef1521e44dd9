//! In-app browsers set to refuse what the flow needs: the customer is
//! told what is wrong and what to do (the catalogue's W01 and W02), on the
//! screen, instead of a screen that never loads or an "expired" at ②.

use crate::driver::{Browser, Refuses, VIEWPORTS};

#[tokio::test]
async fn a_browser_that_keeps_no_cookies_or_runs_no_script_is_told_so() {
    for viewport in VIEWPORTS {
        let browser = Browser::open_refusing(viewport, Refuses::Cookies).await;
        browser.visit("/auth/account").await;
        browser.wait_for_heading("① ご利用口座情報入力").await;
        let banner = browser.wait_for("//main//div[@role='alert' and @data-error-id='cookies_blocked']").await;
        assert!(banner.text().await.unwrap().contains("Cookieが無効になっているため"));
        browser.screenshot("webview-no-cookies").await;
        browser.close().await;

        let browser = Browser::open_refusing(viewport, Refuses::JavaScript).await;
        browser.visit("/auth/account").await;
        let banner = browser.wait_for("//main//div[@role='alert' and @data-error-id='script_blocked']").await;
        assert!(banner.text().await.unwrap().contains("JavaScriptが無効になっているため"));
        // The screen's frame is there all the same: the customer knows where they are.
        browser.wait_for_heading("① ご利用口座情報入力").await;
        assert!(!browser.wait_for("//p[@class='loading']").await.is_displayed().await.unwrap(), "nothing is loading");
        browser.screenshot("webview-no-script").await;
        browser.close().await;
    }
}

#[tokio::test]
async fn a_browser_that_keeps_cookies_sees_no_such_warning() {
    let browser = Browser::open(VIEWPORTS[0]).await;
    browser.visit("/auth/account").await;
    browser.wait_for("//input").await;
    assert!(browser.all("//div[@data-error-id='cookies_blocked']").await.is_empty());
    browser.close().await;
}
