//! The server's page and the SPA draw the same screen: the frame painted
//! before the SPA starts (header, step bar, footer; ⑥ with its question)
//! is what the SPA draws in its place, so taking over moves nothing; and
//! ⑥ loaded directly is answered from the server's page.

use crate::driver::{Browser, VIEWPORTS};
use crate::full_flow::demo_app_to_screen_six;
use serde_json::Value;

/// `css`'s markup in the page the server sends for this address, and in
/// the live document, comments (the SPA's markers) left out.
async fn server_and_live(browser: &Browser, css: &str) -> (String, String) {
    let script = format!(
        r#"const done = arguments[arguments.length - 1];
        const strip = (html) => html.replace(/<!--[\s\S]*?-->/g, '');
        fetch(location.pathname).then((r) => r.text()).then((html) => {{
            const page = new DOMParser().parseFromString(html, 'text/html');
            const served = page.querySelector('#renkei-shell {css}');
            const live = document.querySelector('{css}');
            done([served ? strip(served.outerHTML) : null, live ? strip(live.outerHTML) : null]);
        }});"#
    );
    let answer = browser.client.execute_async(&script, vec![]).await.unwrap();
    let pair = |i: usize| answer[i].as_str().map(str::to_owned).unwrap_or_else(|| format!("(no {css})"));
    let (served, live) = (pair(0), pair(1));
    assert!(served.starts_with('<'), "the server's page has no {css}: {served}");
    (served, live)
}

async fn taken_over(browser: &Browser) {
    for _ in 0..100 {
        let gone = browser.client.execute("return document.getElementById('renkei-shell') === null", vec![]).await;
        if gone.unwrap() == Value::Bool(true) {
            let counts = browser
                .client
                .execute(
                    "return ['header', 'main', 'footer'].map((t) => document.getElementsByTagName(t).length)",
                    vec![],
                )
                .await
                .unwrap();
            assert_eq!(counts, serde_json::json!([1, 1, 1]), "one frame, not two");
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the SPA never took over from the server's page");
}

#[tokio::test]
async fn the_servers_page_and_the_spa_draw_the_same_screen() {
    for viewport in VIEWPORTS {
        let browser = Browser::open(viewport).await;
        browser.visit("/auth/account").await;
        browser.wait_for_heading("① ご利用口座情報入力").await;
        taken_over(&browser).await;
        for part in ["header", "nav.step-bar", "footer"] {
            let (served, live) = server_and_live(&browser, part).await;
            assert_eq!(served, live, "[{}] {part} moves when the SPA takes over", viewport.name);
        }

        demo_app_to_screen_six(&browser).await;
        // ⑥ as the SPA drew it is ⑥ as the server's page draws it.
        let (served, live) = server_and_live(&browser, "main").await;
        assert_eq!(served, live, "[{}] ⑥ differs between the server's page and the SPA", viewport.name);

        // Loaded directly, ⑥ comes with its question and is answered.
        browser.visit("/auth/consent").await;
        browser.wait_for_heading("⑥ 情報連携認可").await;
        taken_over(&browser).await;
        browser.wait_for_text("しんくみ家計簿（デモアプリ）").await;
        browser.screenshot("consent-loaded-directly").await;
        browser.click_button("許可する").await;
        browser.wait_for_heading("連携が完了しました").await;
        browser.close().await;
    }
}
