//! Logging set-up, and the metrics (`metrics`). `RUST_LOG` overrides the
//! default filter; `RENKEI_LOG_FORMAT=json` writes one JSON object per line
//! (for the union's log collector). Colours only on a terminal: a file or
//! a pipe gets plain text.

pub mod metrics;

use std::io::IsTerminal;
use tracing_subscriber::EnvFilter;

pub fn init() {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=info"));
    let json = std::env::var("RENKEI_LOG_FORMAT").is_ok_and(|format| format.eq_ignore_ascii_case("json"));
    let subscriber = tracing_subscriber::fmt().with_env_filter(filter).with_target(false);
    // A second init (tests start many apps in one process) is harmless.
    let _ = if json {
        subscriber.json().flatten_event(true).with_current_span(false).try_init()
    } else {
        subscriber.with_ansi(std::io::stdout().is_terminal()).try_init()
    };
}

/// For tests: warnings and errors only, through libtest's capture so a
/// passing test prints nothing.
pub fn init_for_tests() {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("warn"));
    let _ = tracing_subscriber::fmt().with_env_filter(filter).with_test_writer().try_init();
}
