//! English beside Japanese: the server's pages and the answers the screens
//! show follow the switch (`?lang=`, kept in a cookie), else the browser's
//! language; Japanese otherwise. Refusals carry their codes, so a screen
//! words them in either language.

use crate::oauth::{app_starts, customer_passes_screens_one_to_five};
use crate::on_both_databases;
use crate::support::{Db, TestApp, error_of};
use renkei_common::api::{AccountRequest, ConsentView, UnionProfile};
use renkei_common::fields::FieldError;
use renkei_common::steps::Step;
use renkei_common::{Lang, catalogue::ErrorId};
use reqwest::header::{ACCEPT_LANGUAGE, COOKIE, SET_COOKIE};

fn dist() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let index = r#"<!doctype html><html lang="ja"><head><title>API連携認証</title></head><body></body></html>"#;
    std::fs::write(dir.path().join("index.html"), index).unwrap();
    dir
}

async fn page(app: &TestApp, path: &str, headers: &[(reqwest::header::HeaderName, &str)]) -> reqwest::Response {
    let mut request = reqwest::Client::new().get(app.url(path));
    for (name, value) in headers {
        request = request.header(name, *value);
    }
    request.send().await.unwrap()
}

#[tokio::test]
async fn the_page_follows_the_switch_then_the_kept_choice_then_the_browser() {
    let dist = dist();
    let path = dist.path().to_path_buf();
    let app = TestApp::spawn_with(Db::Sqlite, |config| config.spa_dir = path).await;
    let (ja, en) = (Lang::Ja.texts(), Lang::En.texts());

    let plain = page(&app, "/auth/account", &[]).await.text().await.unwrap();
    assert!(plain.contains(r#"<html lang="ja">"#) && plain.contains(ja.title(Step::Account)), "Japanese by default");
    assert!(plain.contains(r#"href="?lang=en" hreflang="en" lang="en""#), "the switch offers English: {plain}");

    let browser_en = [(ACCEPT_LANGUAGE, "en-GB,en;q=0.9,ja;q=0.5")];
    let english = page(&app, "/auth/account", &browser_en).await;
    assert!(english.headers()[reqwest::header::VARY].to_str().unwrap().contains("accept-language"));
    assert!(english.headers().get(SET_COOKIE).is_none(), "the browser's language is no choice to keep");
    let english = english.text().await.unwrap();
    assert!(english.contains(r#"<html lang="en">"#), "{english}");
    assert!(english.contains("<title>API Linkage Authentication</title>"));
    assert!(english.contains(en.title(Step::Account)) && english.contains(en.lead(Step::Account).unwrap()));
    assert!(english.contains(&app.state.config.union_profile(Lang::En).name), "the union's English name");
    assert!(!english.contains(ja.title(Step::Account)));

    // The switch: Japanese for this English browser, and the choice kept.
    let switched = page(&app, "/auth/account?lang=ja", &browser_en).await;
    let cookie = switched.headers()[SET_COOKIE].to_str().unwrap().to_owned();
    assert!(cookie.starts_with("renkei_lang=ja;") && cookie.contains("Path=/"), "{cookie}");
    assert!(switched.text().await.unwrap().contains(r#"<html lang="ja">"#));
    let kept = page(&app, "/help", &[browser_en[0].clone(), (COOKIE, "renkei_lang=ja")]).await.text().await.unwrap();
    assert!(kept.contains(r#"<html lang="ja">"#), "the kept choice wins over the browser");
}

/// An app serving pages from a miniature build (kept for the process).
async fn with_pages(db: Db) -> TestApp {
    let path = dist().keep();
    TestApp::spawn_with(db, |config| config.spa_dir = path).await
}

on_both_databases! {
    setup = with_pages;
    async fn screen_six_and_its_answer_read_in_the_chosen_language(app) {
        let started = app_starts(&app).await;
        customer_passes_screens_one_to_five(&app, &started.browser).await;
        let switched = started.browser.get(app.url("/auth/consent?lang=en")).send().await.unwrap();
        let html = switched.text().await.unwrap();
        assert!(html.contains(r#"value="allow">Allow</button>"#), "⑥'s own page in English: {html}");

        // The cookie the switch set: the screen's data in English too.
        let view: ConsentView =
            started.browser.get(app.url("/api/flow/consent")).send().await.unwrap().json().await.unwrap();
        assert_eq!(view.data, ["Balance inquiry", "Transaction history (about 3 months)"]);
        assert_eq!(view.account, "本店営業部 Ordinary ****567", "the branch keeps its name");
        assert!(view.until.chars().next().unwrap().is_ascii_uppercase() && view.until.contains(", 20"), "{}", view.until);

        let union: UnionProfile =
            started.browser.get(app.url("/api/union")).send().await.unwrap().json().await.unwrap();
        assert_eq!(union, app.state.config.union_profile(Lang::En));
        assert_ne!(union.desk.hours, app.state.config.union.desk.hours);
    }
}

on_both_databases! {
    async fn a_refused_field_carries_its_code_for_either_language(app) {
        let started = app_starts(&app).await;
        let request = AccountRequest {
            branch_code: "001".into(),
            account_type: "ordinary".into(),
            account_number: "12345678".into(),
        };
        let response = started.browser.post(app.url("/api/flow/account")).json(&request).send().await.unwrap();
        let error = error_of(response).await;
        assert_eq!(error.id, ErrorId::InvalidInput);
        let problem = &error.fields[0];
        assert_eq!(problem.code, Some(FieldError::AccountNumberFormat));
        assert_eq!(problem.message, FieldError::AccountNumberFormat.to_string(), "Japanese, as always");
        assert_eq!(problem.text(Lang::En), FieldError::AccountNumberFormat.text(Lang::En));
    }
}
