//! `cargo xtask bench`: the server's throughput and latency under wrk
//! against a bare axum ceiling, on SQLite and on a throwaway PostgreSQL
//! (`backend/benches/load.rs`), with the property tests' longer run.
//! Figures, not tests: run it on a quiet machine.

use crate::postgres::ThrowawayPostgres;
use crate::process::{self, workspace_root};
use crate::tools;

pub fn run() -> Result<(), String> {
    let wrk = tools::ensure_wrk()?;
    let postgres = ThrowawayPostgres::start(&tools::ensure_postgres()?)?;
    let root = workspace_root();
    // The longer run of the fuzz targets (proptest): a panic found here
    // is a bug like any other.
    process::run(
        process::cargo()
            .current_dir(&root)
            .args(["test", "-p", "renkei-common", "-p", "renkei-backend", "--lib", "properties"])
            .env("PROPTEST_CASES", std::env::var("PROPTEST_CASES").unwrap_or_else(|_| "100000".into())),
    )?;
    process::run(
        process::cargo()
            .current_dir(&root)
            .args(["bench", "-p", "renkei-backend", "--bench", "load"])
            .env("RENKEI_WRK", wrk)
            .env("RENKEI_BENCH_POSTGRES_URL", &postgres.url),
    )
}
