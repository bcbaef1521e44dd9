//! Screen ② in the browser: the form's own errors, every refusal of
//! messages.md's first two tables in the state that triggers it, and the
//! flow moving on to screen ③.

use crate::driver::{Browser, VIEWPORTS};
use renkei_backend::core::AccountId;
use renkei_backend::domain::lockout::FailureKind;
use std::time::Duration;
use time::Duration as Span;

/// Screen ① filled as a customer does, ending on screen ②.
async fn through_screen_one(browser: &Browser, search: &str, branch: &str, kind: &str, number: &str) {
    browser.visit("/auth/account").await;
    browser.wait_for_heading("ご利用口座情報入力").await;
    browser.type_into("お取引店舗", search).await;
    browser.wait_for(&format!("//li[@role='option' and normalize-space(.)='{branch}']")).await.click().await.unwrap();
    browser.choose(kind).await;
    browser.type_into("口座番号", number).await;
    browser.click_button("次へ").await;
    browser.wait_for_heading("② お客様情報入力").await;
}

async fn fill_screen_two(browser: &Browser, birth_date: &str, last4: &str) {
    browser.type_into("生年月日", birth_date).await;
    browser.type_into("お届け出電話番号の下4桁", last4).await;
    browser.type_into("カナ氏名", "ﾔﾏﾀﾞ ﾀﾛｳ").await;
    browser.type_into("メールアドレス", "taro@example.jp").await;
    browser.type_into("メールアドレス（確認用）", "taro@example.jp").await;
}

/// Presses 次へ and waits for the banner of catalogue error `id`.
async fn refused_with(browser: &Browser, id: &str, message: &str) {
    browser.click_button("次へ").await;
    let banner = browser.wait_for(&format!("//div[@role='alert' and @data-error-id='{id}']")).await;
    let text = banner.text().await.unwrap();
    assert!(text.contains(message), "[{}] {id}: {text}", browser.viewport.name);
}

/// Waits until the server has counted `n` identity failures for the
/// happy-path account today, and the screen has its answer (the button is
/// enabled again).
async fn counted(browser: &Browser, n: i64) {
    for _ in 0..100 {
        if browser.app.store.failures_on(AccountId(1), FailureKind::Identity, "2026-11-26").await.unwrap() >= n {
            browser.wait_for("//button[normalize-space(.)='次へ' and not(@disabled)]").await;
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("failure {n} was never counted");
}

#[tokio::test]
async fn the_right_details_reach_screen_three() {
    for viewport in VIEWPORTS {
        let browser = Browser::open(viewport).await;
        through_screen_one(&browser, "本店", "001 本店営業部", "普通", "1234567").await;
        // Sent empty: each field says what it needs.
        browser.click_button("次へ").await;
        browser.wait_for_text("生年月日を入力して下さい。").await;
        browser.wait_for_text("お届け出電話番号の下4桁を数字で入力して下さい。").await;
        browser.wait_for_text("カナ氏名を入力して下さい。").await;
        browser.wait_for_text("メールアドレスを入力して下さい。").await;
        browser.type_into("メールアドレス", "taro@example.jp").await;
        browser.type_into("メールアドレス（確認用）", "jiro@example.jp").await;
        browser.type_into("カナ氏名", "山田").await;
        browser.wait_for_text("確認用のメールアドレスが一致しません。").await;
        browser.wait_for_text("カナ氏名は全角カタカナで入力して下さい。").await;
        browser.screenshot("customer-field-errors").await;

        // The manual's FAQ: who does not know the registered phone asks the
        // branch (1.Q1); the notice's sending domain, to allow it (2.Q3).
        browser.wait_for_text("お届けの電話番号がご不明な場合は、口座のあるお取引店舗へお問い合わせ下さい。").await;
        browser.wait_for_text("連携完了のお知らせは「@webcenter.example.jp」からお送りします。").await;
        fill_screen_two(&browser, "１９８５０４０１", "5678").await;
        browser.screenshot("customer-filled").await;
        browser.click_button("次へ").await;
        browser.wait_for_heading("③ 電話番号の確認").await;
        browser
            .wait_for_text(
                "どの電話番号をお届けいただいているかご不明な場合は、口座のあるお取引店舗へお問い合わせ下さい。",
            )
            .await;
        assert_eq!(browser.path().await, "/auth/phone");
        // A reload stays on ③; asking for ② again is sent back to ③.
        browser.visit("/auth/customer").await;
        browser.wait_for_heading("③ 電話番号の確認").await;
        browser.close().await;
    }
}

#[tokio::test]
async fn every_refusal_of_screens_one_and_two_is_shown_as_the_manual_words_it() {
    for viewport in VIEWPORTS {
        let browser = Browser::open(viewport).await;

        through_screen_one(&browser, "031", "031 岡崎支店", "普通", "4567890").await;
        fill_screen_two(&browser, "1995-03-03", "8901").await;
        refused_with(&browser, "account_not_handled", "ご指定の口座は、本サービスではお取り扱いできません。").await;
        browser.screenshot("refused-account_not_handled").await;

        through_screen_one(&browser, "本店", "001 本店営業部", "普通", "1234567").await;
        fill_screen_two(&browser, "1985-04-02", "5678").await;
        refused_with(
            &browser,
            "identity_mismatch",
            "本人認証情報が誤っています。本人認証項目をご確認のうえ、再度入力して下さい。",
        )
        .await;
        browser.screenshot("refused-identity_mismatch").await;
        for n in 2..=4 {
            browser.click_button("次へ").await;
            counted(&browser, n).await;
        }
        refused_with(
            &browser,
            "locked_now",
            "お取扱いができなくなりました。詳しくは本サービスのお問合せ窓口へご照会下さい。",
        )
        .await;
        browser.wait_for("//div[@role='alert']//a[contains(., '052-451-3128')]").await;
        browser.screenshot("refused-locked_now").await;

        through_screen_one(&browser, "本店", "001 本店営業部", "普通", "1234567").await;
        fill_screen_two(&browser, "1985-04-01", "5678").await;
        refused_with(
            &browser,
            "locked",
            "ただ今お取扱いできません。詳しくは本サービスのお問合せ窓口へご照会下さい。理由コードはB84です。",
        )
        .await;
        browser.wait_for("//div[@role='alert']//a[contains(., '052-451-3128')]").await;
        browser.wait_for("//div[@role='alert']//a[@href='mailto:jimubu@a-sg.jp']").await;
        browser.screenshot("refused-locked-B84").await;

        through_screen_one(&browser, "名駅", "002 名駅支店", "普通", "2345678").await;
        fill_screen_two(&browser, "1990-12-24", "6789").await;
        let now = browser.app.clock_now();
        browser.app.store.add_maintenance_window(now, now + Span::minutes(1), "browser test").await.unwrap();
        refused_with(&browser, "out_of_hours", "ただ今の時間はサービスを行っておりません。ご了承下さい。").await;
        browser.screenshot("refused-out_of_hours").await;
        browser.app.clock.advance(Span::minutes(2));

        browser.app.state.in_flight.set_limit(0);
        refused_with(&browser, "busy", "ただ今受付が混雑しておりますので、しばらくしてからご利用下さい。").await;
        browser.screenshot("refused-busy").await;
        browser.app.state.in_flight.set_limit(64);

        browser.app.store.set_flow_enabled(false).await.unwrap();
        refused_with(
            &browser,
            "service_unavailable",
            "ご指定のサービスはただ今お取扱いできません。なお、お急ぎの場合は本サービスのお問合せ窓口へご照会下さい。",
        )
        .await;
        browser.screenshot("refused-service_unavailable").await;
        browser.app.store.set_flow_enabled(true).await.unwrap();

        browser.app.store.close().await;
        refused_with(
            &browser,
            "system_error",
            "調整のため連絡ができなくなりました。なお、お急ぎの場合は本サービスのお問合せ窓口へご照会下さい。",
        )
        .await;
        browser.screenshot("refused-system_error").await;
        browser.close().await;
    }
}
