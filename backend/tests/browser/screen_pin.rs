//! Screen ⑤ in the browser: wrong PINs count down, the third locks API
//! authentication (locked_now, with the desk), and any later try says B84.

use crate::driver::{Browser, VIEWPORTS};
use crate::full_flow::{call_and_confirm, screens_one_to_four};

/// Types `pin` on the keyboard and presses 次へ; waits for the banner of
/// catalogue error `id`.
async fn wrong_pin(browser: &Browser, pin: &str, id: &str) -> String {
    browser.type_into("暗証番号", pin).await;
    browser.click_button("次へ").await;
    let banner = browser.wait_for(&format!("//div[@role='alert' and @data-error-id='{id}']")).await;
    let text = banner.text().await.unwrap();
    // The screen has its answer once the button works again (or is gone).
    browser.wait_for("//button[normalize-space(.)='次へ' and not(@disabled)] | //p[@class='notice']").await;
    text
}

#[tokio::test]
async fn the_third_wrong_pin_locks_and_then_every_try_shows_b84() {
    for viewport in VIEWPORTS {
        let browser = Browser::open(viewport).await;
        browser.visit("/auth/account").await;
        screens_one_to_four(&browser).await;
        call_and_confirm(&browser).await;

        wrong_pin(&browser, "0000", "pin_mismatch").await;
        browser.wait_for_text("あと2回誤るとAPI連携認証がお取扱いできなくなります。").await;
        wrong_pin(&browser, "1111", "pin_mismatch").await;
        browser.wait_for_text("あと1回誤るとAPI連携認証がお取扱いできなくなります。").await;
        let locked_now = wrong_pin(&browser, "2222", "locked_now").await;
        assert!(locked_now.contains("お取扱いができなくなりました。"), "{locked_now}");
        browser.wait_for("//div[@role='alert']//a[contains(., '052-451-3128')]").await;
        browser.wait_for("//div[@role='alert']//a[@href='/help' and normalize-space(.)='よくあるご質問']").await;
        browser.wait_for_text("停止したのはAPI連携認証のみです。").await;
        assert!(browser.all("//input[@type='password']").await.is_empty(), "no keypad invites another try");
        browser.screenshot("pin-locked_now").await;
        // Back on ⑤ (a reload), even the right PIN says B84 until 0:00.
        browser.visit("/auth/pin").await;
        browser.wait_for_heading("⑤ キャッシュカード暗証番号認証").await;
        let locked = wrong_pin(&browser, "1234", "locked").await;
        assert!(locked.contains("理由コードはB84です。"), "{locked}");
        browser.screenshot("pin-locked-B84").await;
        browser.close().await;
    }
}
