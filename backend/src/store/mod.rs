//! Persistence through sqlx. One pool type (`AnyPool`) serves SQLite, the
//! embedded default, and PostgreSQL, the multi-instance deployment; the SQL
//! is written once in the dialect both accept (`$n` placeholders, epoch
//! seconds, 0/1 flags), and only the migrations differ.

/// A text column read into one of its enum's values, or a decode error.
macro_rules! stored_enum {
    ($type:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        impl $type {
            pub fn as_str(self) -> &'static str {
                match self { $($type::$variant => $text),+ }
            }

            fn from_stored(text: &str) -> Result<Self, sqlx::Error> {
                match text {
                    $($text => Ok($type::$variant),)+
                    other => Err(sqlx::Error::Decode(
                        format!("unknown {} {other:?}", stringify!($type)).into(),
                    )),
                }
            }
        }
    };
}

pub mod calls;
pub mod clients;
pub mod consent_answer;
pub mod flows;
pub mod issuance;
pub mod links;
pub mod locks;
pub mod mail;
pub mod maintenance;
pub mod oauth;
pub mod operation_log;
pub mod retention;
pub mod settings;
pub mod throttle;

use sqlx::AnyPool;
use sqlx::any::AnyPoolOptions;
use sqlx::migrate::Migrator;
use std::time::Duration;
use time::OffsetDateTime;

/// How long an expired or ended flow is kept: for the log, and so that
/// 「アプリに戻る」 still leads back to the app.
pub const EXPIRED_FLOW_GRACE: time::Duration = time::Duration::hours(1);

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/postgres");

/// An instant stored as Unix epoch seconds (the form both databases share).
pub(crate) fn instant(seconds: i64) -> Result<OffsetDateTime, sqlx::Error> {
    OffsetDateTime::from_unix_timestamp(seconds).map_err(|e| sqlx::Error::Decode(Box::new(e)))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Clone, Debug)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
}

impl Store {
    /// Connects, creating a SQLite file (and its folder) if needed, and
    /// brings the schema up to date.
    pub async fn connect(url: &str) -> Result<Self, sqlx::Error> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Backend::Postgres
        } else if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else {
            return Err(sqlx::Error::Configuration("DATABASE_URL must start with sqlite: or postgres:".into()));
        };
        if backend == Backend::Sqlite {
            create_sqlite_folder(url)?;
        }
        let options = AnyPoolOptions::new()
            .acquire_timeout(Duration::from_secs(5))
            .max_connections(match backend {
                // SQLite has one writer; a few connections serve readers.
                Backend::Sqlite => 4,
                Backend::Postgres => 16,
            })
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        // WAL lets readers work beside the writer; the busy
                        // timeout makes concurrent writers wait, not fail.
                        sqlx::query("PRAGMA journal_mode = WAL").execute(&mut *conn).await?;
                        sqlx::query("PRAGMA busy_timeout = 5000").execute(&mut *conn).await?;
                        sqlx::query("PRAGMA foreign_keys = ON").execute(&mut *conn).await?;
                    }
                    Ok(())
                })
            });
        let pool = options.connect(url).await?;
        let migrator = match backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        };
        migrator.run(&pool).await?;
        Ok(Store { pool, backend })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The pool, for the embedded core, which keeps its demo tables in the
    /// same database.
    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// A cheap round trip, for `/api/health`.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        sqlx::query("SELECT 1").execute(&self.pool).await.map(|_| ())
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

fn create_sqlite_folder(url: &str) -> Result<(), sqlx::Error> {
    let path = url.trim_start_matches("sqlite://").trim_start_matches("sqlite:");
    let path = path.split('?').next().unwrap_or_default();
    if path.is_empty() || path == ":memory:" {
        return Ok(());
    }
    match std::path::Path::new(path).parent() {
        Some(folder) if !folder.as_os_str().is_empty() => std::fs::create_dir_all(folder).map_err(sqlx::Error::Io),
        _ => Ok(()),
    }
}
