//! (Shared by the API and browser test binaries; each uses part of it.)
#![allow(dead_code)]

//! Test helpers: start the real app on a free port against a fresh SQLite
//! file or a fresh PostgreSQL database, with a clock the test controls.

use renkei_backend::app::Ports;
use renkei_backend::clock::ManualClock;
use renkei_backend::config::Config;
use renkei_backend::core::SharedCore;
use renkei_backend::store::Store;
use renkei_backend::{AppState, Application};
use sqlx::Connection;
use std::sync::Arc;
use time::OffsetDateTime;
use time::macros::datetime;

/// A weekday morning, well away from every maintenance window.
pub const OPEN_HOURS: OffsetDateTime = datetime!(2026-11-26 10:00:00 +9);

#[derive(Clone, Copy, Debug)]
pub enum Db {
    Sqlite,
    Postgres,
}

pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub clock: Arc<ManualClock>,
    pub store: Store,
    pub state: AppState,
    pub database_url: String,
    /// The metrics listener's base URL, when the test configured one.
    pub metrics_address: Option<String>,
    _sqlite_dir: Option<tempfile::TempDir>,
}

/// Runs each test body once on SQLite and once on PostgreSQL, as
/// `<name>::sqlite` and `<name>::postgres`.
#[macro_export]
macro_rules! on_both_databases {
    // `setup = f;`: each test gets `f(db).await` instead of a bare app.
    (setup = $setup:path; $(async fn $name:ident($app:ident) $body:block)*) => {$(
        mod $name {
            #[allow(unused_imports)]
            use super::*;
            async fn body($app: $crate::support::TestApp) $body
            #[tokio::test]
            async fn sqlite() {
                body($setup($crate::support::Db::Sqlite).await).await
            }
            #[tokio::test]
            async fn postgres() {
                body($setup($crate::support::Db::Postgres).await).await
            }
        }
    )*};
    ($(async fn $name:ident($app:ident) $body:block)*) => {$(
        mod $name {
            #[allow(unused_imports)]
            use super::*;
            async fn body($app: $crate::support::TestApp) $body
            #[tokio::test]
            async fn sqlite() {
                body($crate::support::TestApp::spawn($crate::support::Db::Sqlite).await).await
            }
            #[tokio::test]
            async fn postgres() {
                body($crate::support::TestApp::spawn($crate::support::Db::Postgres).await).await
            }
        }
    )*};
}

impl TestApp {
    pub async fn spawn(db: Db) -> TestApp {
        Self::spawn_with(db, |_| {}).await
    }

    pub async fn spawn_with(db: Db, adjust: impl FnOnce(&mut Config)) -> TestApp {
        Self::spawn_on(db, adjust, None).await
    }

    /// The app on a core of the test's own instead of the embedded one.
    pub async fn spawn_with_core(db: Db, core: SharedCore) -> TestApp {
        Self::spawn_on(db, |_| {}, Some(core)).await
    }

    async fn spawn_on(db: Db, adjust: impl FnOnce(&mut Config), core: Option<SharedCore>) -> TestApp {
        renkei_backend::telemetry::init_for_tests();
        let (url, sqlite_dir) = match db {
            Db::Sqlite => {
                let dir = tempfile::tempdir().expect("a temporary folder");
                (format!("sqlite://{}/renkei.db?mode=rwc", dir.path().display()), Some(dir))
            }
            Db::Postgres => (fresh_postgres_database().await, None),
        };
        let mut config = Self::config_on(&url);
        adjust(&mut config);
        Self::start(config, url, sqlite_dir, core).await
    }

    fn config_on(url: &str) -> Config {
        let mut config = Config::for_tests(url);
        config.seed_demo = true;
        if let Ok(dir) = std::env::var("RENKEI_SPA_DIR") {
            config.spa_dir = dir.into();
        }
        config
    }

    /// Another instance on this one's database, as a second server behind
    /// the load balancer: the same public address (the issuer, the
    /// registered redirect URI), its own process memory.
    pub async fn sibling(&self) -> TestApp {
        let mut config = Self::config_on(&self.database_url);
        config.public_url = Some(self.state.public_url.to_string());
        Self::start(config, self.database_url.clone(), None, None).await
    }

    async fn start(
        config: Config,
        url: String,
        sqlite_dir: Option<tempfile::TempDir>,
        core: Option<SharedCore>,
    ) -> TestApp {
        let clock = ManualClock::at(OPEN_HOURS);
        let ports = Ports { clock: clock.clone(), random: renkei_backend::random::system(), core };
        let app = Application::build_with(config, ports).await.expect("the app starts");
        let address = format!("http://127.0.0.1:{}", app.port());
        let metrics_address = app.metrics_port().map(|port| format!("http://127.0.0.1:{port}"));
        let state = app.state().clone();
        let store = state.store.clone();
        tokio::spawn(app.serve_with_shutdown(std::future::pending()));
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("an HTTP client");
        TestApp { address, client, clock, store, state, database_url: url, metrics_address, _sqlite_dir: sqlite_dir }
    }

    pub fn clock_now(&self) -> OffsetDateTime {
        use renkei_backend::clock::Clock;
        self.clock.now()
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.expect("GET answered")
    }

    pub async fn post_json(&self, path: &str, body: &impl serde::Serialize) -> reqwest::Response {
        self.client.post(self.url(path)).json(body).send().await.expect("POST answered")
    }
}

/// A new, empty database on the throwaway server `cargo xtask test` starts.
async fn fresh_postgres_database() -> String {
    let admin_url = std::env::var("RENKEI_TEST_POSTGRES_URL").unwrap_or_else(|_| {
        panic!("RENKEI_TEST_POSTGRES_URL is not set: run the tests with `cargo xtask test`, which starts PostgreSQL")
    });
    let name = format!("renkei_test_{:016x}", rand::random::<u64>());
    let mut admin = sqlx::PgConnection::connect(&admin_url).await.expect("the test PostgreSQL answers");
    sqlx::query(&format!("CREATE DATABASE {name}")).execute(&mut admin).await.expect("CREATE DATABASE");
    let base = admin_url.rsplit_once('/').map(|(base, _)| base).unwrap_or(&admin_url);
    format!("{base}/{name}")
}

/// A fresh HTTP client with its own cookie jar: another browser.
pub fn another_browser() -> reqwest::Client {
    reqwest::Client::builder().cookie_store(true).build().expect("an HTTP client")
}

/// The catalogue error a response carries.
pub async fn error_of(response: reqwest::Response) -> renkei_common::catalogue::ApiError {
    let body: renkei_common::catalogue::ErrorBody = response.json().await.expect("a catalogue error body");
    body.error
}
