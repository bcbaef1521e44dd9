//! The screen gallery (its own build, feature `gallery`): it lists every
//! state, each at its own address, and every state fits the narrowest
//! phone (320 px) and a common one without scrolling sideways, with one
//! main heading, and axe-core finds nothing wrong with it.

use crate::driver::{Browser, NARROW, PHONE};

#[tokio::test]
async fn every_state_of_the_gallery_fits_a_phone_from_320_px() {
    let browser = Browser::open_gallery(PHONE).await;
    browser.visit("/gallery").await;
    browser.wait_for_heading("画面ギャラリー").await;
    let mut slugs = Vec::new();
    for item in browser.all("//li[@data-gallery-state]").await {
        slugs.push(item.attr("data-gallery-state").await.unwrap().unwrap());
    }
    let lead = browser.wait_for("//p[@class='screen__lead']").await.text().await.unwrap();
    assert!(lead.starts_with(&format!("全{}状態", slugs.len())), "{lead}");
    // The issue's list, at least: each catalogue refusal, ③ with one and two
    // phones, ④ waiting / verified / expired, ⑤ wrong / locked, ⑥, the
    // ended pages, help and 連携管理.
    for expected in [
        "account-filled",
        "customer-filled",
        "pin-filled",
        "phone-call-in-app-flow",
        "customer-account-not-handled",
        "customer-identity-mismatch",
        "customer-locked-now",
        "customer-locked",
        "customer-out-of-hours",
        "customer-busy",
        "customer-system-error",
        "customer-service-unavailable",
        "customer-flow-expired",
        "account-maintenance-soon",
        "phone-confirm-one",
        "phone-confirm-two",
        "phone-call-waiting",
        "phone-call-verified",
        "phone-call-expired",
        "pin-wrong",
        "pin-locked",
        "consent",
        "ended-flow-expired",
        "help",
        "links-list",
    ] {
        assert!(slugs.iter().any(|s| s == expected), "{expected} is not in the gallery");
    }
    // axe-core does find what is wrong: an image with no text for it.
    browser
        .client
        .execute("document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\"x.png\">')", vec![])
        .await
        .unwrap();
    let found = browser.accessibility_violations().await;
    assert!(found.iter().any(|v| v.starts_with("image-alt")), "axe-core missed an image without alt: {found:?}");
    browser.close().await;

    let mut violations = Vec::new();
    // Japanese at both sizes; English, whose words run longer, at the
    // narrowest.
    for (viewport, query) in [(NARROW, ""), (PHONE, ""), (NARROW, "?lang=en")] {
        let browser = Browser::open_gallery(viewport).await;
        for slug in &slugs {
            browser.visit(&format!("/gallery/{slug}{query}")).await;
            let heading = browser.wait_for("//main//h1").await.text().await.unwrap();
            let japanese = heading.chars().any(|c| matches!(c, '\u{3040}'..='\u{30FF}' | '\u{4E00}'..='\u{9FFF}'));
            assert!(query.is_empty() || !japanese, "{slug}{query}: untranslated heading {heading}");
            assert_eq!(browser.all("//h1").await.len(), 1, "[{}] {slug}: one main heading", viewport.name);
            browser.nothing_scrolls_sideways().await;
            for small in too_small_to_touch(&browser).await {
                violations.push(format!("[{}] {slug}{query}: under 44 px: {small}", viewport.name));
            }
            for found in browser.accessibility_violations().await {
                violations.push(format!("[{}] {slug}{query}: {found}", viewport.name));
            }
        }
        browser.close().await;
    }
    assert!(violations.is_empty(), "axe-core found:\n{}", violations.join("\n"));
}

/// Controls a finger must hit that are under 44×44 px (WCAG 2.5.5 as
/// Apple and Google size touch targets); links inside running text are
/// exempt, as the rule allows.
async fn too_small_to_touch(browser: &Browser) -> Vec<String> {
    let script = r#"
        const controls = document.querySelectorAll(
            'main button, main input:not([type=radio]):not([type=checkbox]), main select, main .choice__option');
        const shown = [...controls].filter((e) => e.offsetParent !== null);
        if (shown.length === 0 && document.querySelector('main form')) return ['(a form with no control found)'];
        return shown.flatMap((e) => {
            const r = e.getBoundingClientRect();
            return r.width < 44 || r.height < 44
                ? [`${e.tagName.toLowerCase()}.${e.className} "${(e.textContent || e.name || '').trim().slice(0, 20)}" ${Math.round(r.width)}×${Math.round(r.height)}`]
                : [];
        });"#;
    let found = browser.client.execute(script, vec![]).await.unwrap();
    found.as_array().unwrap().iter().map(|v| v.as_str().unwrap_or_default().to_owned()).collect()
}
