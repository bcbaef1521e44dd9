//! A browser session on the app, with the person-like look-ups the tests
//! use: fields by their label, buttons by their name, text by its words.

use crate::support::{Db, TestApp};
use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;
use std::time::Duration;

#[derive(Clone, Copy, Debug)]
pub struct Viewport {
    pub name: &'static str,
    pub width: u32,
    pub height: u32,
    /// Emulate a phone (touch, mobile viewport rules).
    pub mobile: bool,
}

pub const PHONE: Viewport = Viewport { name: "phone", width: 390, height: 844, mobile: true };
/// The narrowest phone every screen must fit.
pub const NARROW: Viewport = Viewport { name: "narrow", width: 320, height: 568, mobile: true };
pub const DESKTOP: Viewport = Viewport { name: "desktop", width: 1280, height: 800, mobile: false };
pub const VIEWPORTS: [Viewport; 2] = [PHONE, DESKTOP];

const PATIENCE: Duration = Duration::from_secs(15);

pub struct Browser {
    pub client: Client,
    pub app: TestApp,
    pub viewport: Viewport,
}

fn env(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| panic!("{name} is not set: run the browser tests with `cargo xtask test`"))
}

/// XPath string literal for any text (no quotes in our labels, but be safe).
fn literal(text: &str) -> String {
    if text.contains('\'') { format!("\"{text}\"") } else { format!("'{text}'") }
}

/// What the browser refuses, as an in-app browser may be set to.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Refuses {
    Nothing,
    Cookies,
    JavaScript,
}

impl Browser {
    pub async fn open(viewport: Viewport) -> Browser {
        Self::open_refusing(viewport, Refuses::Nothing).await
    }

    pub async fn open_refusing(viewport: Viewport, refuses: Refuses) -> Browser {
        Self::open_on(viewport, refuses, env("RENKEI_SPA_DIR"), "ja").await
    }

    /// A browser set to `language` (what it sends as `Accept-Language`).
    pub async fn open_in(viewport: Viewport, language: &str) -> Browser {
        Self::open_on(viewport, Refuses::Nothing, env("RENKEI_SPA_DIR"), language).await
    }

    /// The screen gallery's build (feature `gallery`) in place of the SPA.
    pub async fn open_gallery(viewport: Viewport) -> Browser {
        Self::open_on(viewport, Refuses::Nothing, env("RENKEI_GALLERY_DIR"), "ja").await
    }

    async fn open_on(viewport: Viewport, refuses: Refuses, spa: String, language: &str) -> Browser {
        let app = TestApp::spawn_with(Db::Sqlite, |config| config.spa_dir = spa.into()).await;
        let mut options = json!({
            "binary": env("RENKEI_CHROMIUM"),
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-quic", format!("--lang={language}"),
                format!("--window-size={},{}", viewport.width.max(500), viewport.height),
            ]
        });
        // Device metrics make the viewport exactly the size asked for (the
        // window size would include the browser's own frame).
        let pixel_ratio = if viewport.mobile { 2.0 } else { 1.0 };
        options["mobileEmulation"] = json!({
            "deviceMetrics": {
                "width": viewport.width, "height": viewport.height, "pixelRatio": pixel_ratio,
                "touch": viewport.mobile, "mobile": viewport.mobile
            }
        });
        // Chromium's content settings: 2 blocks.
        options["prefs"] = match refuses {
            Refuses::Nothing => json!({}),
            Refuses::Cookies => json!({ "profile.default_content_setting_values.cookies": 2 }),
            Refuses::JavaScript => json!({ "profile.managed_default_content_settings.javascript": 2 }),
        };
        options["prefs"]["intl.accept_languages"] = json!(language);
        let mut capabilities = serde_json::Map::new();
        capabilities.insert("goog:chromeOptions".into(), options);
        let client = ClientBuilder::rustls()
            .expect("TLS roots")
            .capabilities(capabilities)
            .connect(&env("RENKEI_WEBDRIVER_URL"))
            .await
            .expect("a Chromium session");
        Browser { client, app, viewport }
    }

    /// What axe-core (npm, served from the tools' cache: nothing from a
    /// CDN) finds wrong with the page, one line per rule and element.
    pub async fn accessibility_violations(&self) -> Vec<String> {
        let axe = std::fs::read_to_string(env("RENKEI_AXE_JS")).expect("axe-core's script");
        self.client.execute(&axe, vec![]).await.expect("axe-core loads");
        let run = r#"const done = arguments[arguments.length - 1];
            axe.run(document, { resultTypes: ['violations'] }).then((r) => done(r.violations.flatMap((v) =>
                v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')}`))));"#;
        let found = self.client.execute_async(run, vec![]).await.expect("axe-core runs");
        found.as_array().expect("a list").iter().map(|v| v.as_str().unwrap_or_default().to_owned()).collect()
    }

    /// The page fits the viewport's width: nothing scrolls sideways.
    pub async fn nothing_scrolls_sideways(&self) {
        let script = "return document.documentElement.scrollWidth";
        let width = self.client.execute(script, vec![]).await.unwrap().as_u64().unwrap();
        assert!(width <= u64::from(self.viewport.width), "[{}] the page is {width} px wide", self.viewport.name);
    }

    pub async fn visit(&self, path: &str) {
        self.client.goto(&self.app.url(path)).await.expect("page loads");
    }

    pub async fn inner_width(&self) -> u64 {
        self.client.execute("return window.innerWidth", vec![]).await.unwrap().as_u64().unwrap()
    }

    /// Waits for an element the XPath finds.
    pub async fn wait_for(&self, xpath: &str) -> Element {
        match self.client.wait().at_most(PATIENCE).for_element(Locator::XPath(xpath)).await {
            Ok(element) => element,
            Err(e) => {
                // Say where the browser is and what it shows, so a failure
                // explains itself.
                let url = self.client.current_url().await.map(|u| u.to_string()).unwrap_or_default();
                let text = self
                    .client
                    .execute("return document.body ? document.body.innerText : ''", vec![])
                    .await
                    .ok()
                    .and_then(|v| v.as_str().map(|t| t.chars().take(600).collect::<String>()))
                    .unwrap_or_default();
                panic!("[{}] nothing matches {xpath}: {e}\n at {url}, showing:\n{text}", self.viewport.name)
            }
        }
    }

    /// Every element the XPath finds now (in document order).
    pub async fn all(&self, xpath: &str) -> Vec<Element> {
        self.client
            .find_all(Locator::XPath(xpath))
            .await
            .unwrap_or_else(|e| panic!("[{}] cannot search {xpath}: {e}", self.viewport.name))
    }

    /// The main heading, once it contains `text`.
    pub async fn wait_for_heading(&self, text: &str) -> Element {
        self.wait_for(&format!("//h1[contains(normalize-space(.), {})]", literal(text))).await
    }

    /// Any visible element whose own text contains `text`.
    pub async fn wait_for_text(&self, text: &str) -> Element {
        self.wait_for(&format!("//*[contains(text(), {})]", literal(text))).await
    }

    /// The form control a `<label>` with this text is for.
    pub async fn field(&self, label: &str) -> Element {
        let label_element = self.wait_for(&format!("//label[normalize-space(.)={}]", literal(label))).await;
        let id = label_element.attr("for").await.unwrap().expect("the label names its field");
        self.client.find(Locator::Id(&id)).await.expect("the labelled field exists")
    }

    pub async fn button(&self, name: &str) -> Element {
        self.wait_for(&format!("//button[normalize-space(.)={}]", literal(name))).await
    }

    pub async fn type_into(&self, label: &str, text: &str) {
        let field = self.field(label).await;
        field.clear().await.unwrap();
        field.send_keys(text).await.unwrap();
    }

    /// A radio button or check box, by clicking its label as a person does.
    pub async fn choose(&self, label: &str) {
        self.wait_for(&format!("//label[normalize-space(.)={}]", literal(label))).await.click().await.unwrap();
    }

    pub async fn click_button(&self, name: &str) {
        self.button(name).await.click().await.unwrap();
    }

    pub async fn path(&self) -> String {
        self.client.current_url().await.unwrap().path().to_owned()
    }

    /// Saves a screenshot as `target/screenshots/<name>-<viewport>.png`, for
    /// people to look at; the tests never compare pixels.
    pub async fn screenshot(&self, name: &str) {
        let png = self.client.screenshot().await.expect("a screenshot");
        if let Ok(dir) = std::env::var("RENKEI_SCREENSHOT_DIR") {
            let _ = std::fs::create_dir_all(&dir);
            let file = std::path::Path::new(&dir).join(format!("{name}-{}.png", self.viewport.name));
            std::fs::write(file, png).expect("screenshot written");
        }
    }

    pub async fn close(self) {
        let _ = self.client.close().await;
    }
}
