//! The help page (よくあるご質問) in the browser: the manual's twelve
//! questions with the union's sending domain, the calendar's hours and the
//! contact desk, on a direct load; and the ways to it, from every screen's
//! footer and from a message that sends the customer to the desk.

use crate::driver::{Browser, DESKTOP, NARROW, PHONE, VIEWPORTS};
use renkei_common::calendar::Rule;
use renkei_common::help::FAQ;

/// Brings an element into view for the next screenshot (screenshots show
/// only the viewport).
async fn scroll_to(browser: &Browser, css: &str) {
    let script = format!("document.querySelector('{css}').scrollIntoView()");
    browser.client.execute(&script, vec![]).await.unwrap();
}

#[tokio::test]
async fn the_help_page_answers_the_manuals_twelve_questions_and_names_the_desk() {
    for viewport in [PHONE, DESKTOP, NARROW] {
        let browser = Browser::open(viewport).await;
        // A direct load: the server answers the SPA's page for its route.
        browser.visit("/help").await;
        browser.wait_for_heading("よくあるご質問").await;
        assert_eq!(browser.all("//h1").await.len(), 1, "one main heading");
        assert!(browser.all("//nav[@aria-label='手続きの進み具合']").await.is_empty(), "no step bar: no step");

        // Each question is a heading of its own, numbered as the manual.
        let questions = browser.all("//main//div[@class='faq__item']/h2").await;
        assert_eq!(questions.len(), 12);
        for (n, faq) in FAQ.iter().enumerate() {
            let heading = questions[n].text().await.unwrap();
            assert!(heading.starts_with(&format!("Q{}", n + 1)) && heading.contains(faq.question), "{heading}");
        }
        browser.wait_for_text("お届けの電話番号がわかりません").await;

        // FAQ 4 names the union's configured sending domain.
        browser.wait_for_text("「@webcenter.example.jp」からのメールを受信できるよう設定して下さい。").await;
        // FAQ 7 lists the calendar's rules, each in its own words.
        let hours = "//h2[contains(., 'サービスの利用時間')]/following-sibling::div[@class='faq__answer']";
        browser.wait_for(&format!("{hours}//li[normalize-space(.)='1月1日〜3日 0:00〜8:00、19:00〜24:00']")).await;
        let listed = browser.all(&format!("{hours}//li")).await;
        assert_eq!(listed.len(), Rule::ALL.len());
        for (item, rule) in listed.iter().zip(Rule::ALL) {
            assert_eq!(item.text().await.unwrap(), rule.description(renkei_common::Lang::Ja));
        }
        browser.wait_for_text("事前にお知らせする臨時のシステムメンテナンス").await;
        // FAQ 10 keeps the manual's example.
        browser.wait_for_text("011-111111から022-2222222に変わった場合").await;

        // The desk closes the page: phone and mail as links, and its hours.
        let desk = "//section[@aria-labelledby='help-desk-title']";
        browser.wait_for(&format!("{desk}//h2[normalize-space(.)='本サービスのお問合せ窓口']")).await;
        browser.wait_for(&format!("{desk}//a[@href='tel:052-451-3128' and normalize-space(.)='052-451-3128']")).await;
        browser.wait_for(&format!("{desk}//a[@href='mailto:jimubu@a-sg.jp']")).await;
        browser.wait_for(&format!("{desk}//dd[contains(., '信用組合愛知商銀') and contains(., '本部事務部')]")).await;
        browser.wait_for(&format!("{desk}//dd[normalize-space(.)='平日 9:00〜17:00']")).await;

        browser.nothing_scrolls_sideways().await;
        browser.screenshot("help").await;
        scroll_to(&browser, ".faq__item:nth-child(7)").await;
        browser.screenshot("help-hours").await;
        scroll_to(&browser, ".help-desk").await;
        browser.screenshot("help-desk").await;
        browser.close().await;
    }
}

#[tokio::test]
async fn the_footer_and_every_message_naming_the_desk_lead_to_the_help_page() {
    for viewport in VIEWPORTS {
        let browser = Browser::open(viewport).await;
        browser.visit("/auth/account").await;
        browser.wait_for_heading("① ご利用口座情報入力").await;
        let link = browser.wait_for("//footer//a[normalize-space(.)='よくあるご質問']").await;
        assert_eq!(link.attr("target").await.unwrap(), None, "the same tab");
        link.click().await.unwrap();
        browser.wait_for_heading("よくあるご質問").await;
        assert_eq!(browser.path().await, "/help");
        // The browser's back button is the way back.
        browser.client.back().await.unwrap();
        browser.wait_for_heading("① ご利用口座情報入力").await;

        // A message that sends the customer to the desk offers the page too.
        browser.visit("/auth/ended?error=system_error").await;
        let banner = "//div[@role='alert' and @data-error-id='system_error']";
        browser.wait_for(&format!("{banner}//a[contains(., '052-451-3128')]")).await;
        let link = browser.wait_for(&format!("{banner}//a[normalize-space(.)='よくあるご質問']")).await;
        browser.screenshot("help-link-in-banner").await;
        link.click().await.unwrap();
        browser.wait_for_heading("よくあるご質問").await;
        assert_eq!(browser.path().await, "/help");

        // One that does not name the desk has neither.
        browser.visit("/auth/ended?error=busy").await;
        browser.wait_for("//div[@role='alert' and @data-error-id='busy']").await;
        assert!(browser.all("//div[@role='alert']//a").await.is_empty());
        browser.close().await;
    }
}
