//! `cargo xtask test`: every test, with everything it needs started first,
//! and one closing line that counts what ran.

use crate::driver::ChromeDriver;
use crate::postgres::ThrowawayPostgres;
use crate::process::{describe, workspace_root};
use crate::{process, spa, tools};
use std::io::{BufRead, BufReader};
use std::process::Stdio;

#[derive(Default, Debug, PartialEq, Eq)]
struct Tally {
    passed: u64,
    failed: u64,
    ignored: u64,
    binaries: u64,
}

pub fn run(filters: &[String]) -> Result<(), String> {
    let mut tally = Tally::default();
    let outcome = match run_tests(filters, &mut tally) {
        Ok(()) if tally.passed == 0 => Err("no test ran".to_owned()),
        other => other,
    };
    if let Err(error) = &outcome {
        eprintln!("xtask: {error}");
    }
    // Whatever happened, the last line counts what ran.
    let skipped = if tally.ignored > 0 { format!(", {} skipped", tally.ignored) } else { String::new() };
    println!();
    println!("summary: {} passed, {} failed{skipped}", tally.passed, tally.failed);
    // The reason was printed above.
    outcome.map_err(|_| String::new())
}

/// The gates CI holds before any test runs: formatting, and clippy with
/// warnings as errors over every crate (the SPA for its wasm target, which
/// `ensure_spa_tools` installed).
fn quality_gates() -> Result<(), String> {
    let root = workspace_root();
    let gate = |args: &[&str]| {
        let mut command = process::cargo();
        command.current_dir(&root).args(args);
        println!("xtask: {}", describe(&command));
        process::run(&mut command)
    };
    gate(&["fmt", "--all", "--check"])?;
    gate(&["clippy", "--workspace", "--exclude", "renkei-frontend", "--all-targets", "--", "-D", "warnings"])?;
    gate(&["clippy", "-p", "renkei-frontend", "--target", "wasm32-unknown-unknown", "--", "-D", "warnings"])?;
    gate(&[
        "clippy",
        "-p",
        "renkei-frontend",
        "--target",
        "wasm32-unknown-unknown",
        "--features",
        "gallery",
        "--",
        "-D",
        "warnings",
    ])
}

fn run_tests(filters: &[String], tally: &mut Tally) -> Result<(), String> {
    let toolchain = tools::ensure_spa_tools()?;
    quality_gates()?;
    let browser = tools::ensure_browser()?;
    let axe = tools::ensure_axe()?;
    let postgres_bin = tools::ensure_postgres()?;
    let dist = spa::build(&toolchain)?;
    let gallery = spa::build_gallery(&toolchain)?;
    let postgres = ThrowawayPostgres::start(&postgres_bin)?;
    let driver = ChromeDriver::start(&browser)?;

    let root = workspace_root();
    let mut command = process::cargo();
    command
        .current_dir(&root)
        // Every test binary runs, even after one fails.
        .args(["test", "--no-fail-fast", "--workspace", "--exclude", "renkei-frontend"])
        .args(filters)
        .env("RENKEI_TEST_POSTGRES_URL", &postgres.url)
        .env("RENKEI_SPA_DIR", &dist)
        .env("RENKEI_GALLERY_DIR", &gallery)
        .env("RENKEI_AXE_JS", &axe)
        .env("RENKEI_WEBDRIVER_URL", &driver.url)
        .env("RENKEI_CHROMIUM", &browser.chromium)
        .env("RENKEI_SCREENSHOT_DIR", root.join("target").join("screenshots"))
        .stdout(Stdio::piped());
    println!("xtask: {}", describe(&command));
    let mut child = command.spawn().map_err(|e| format!("cannot start cargo test: {e}"))?;
    if let Some(stdout) = child.stdout.take() {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            println!("{line}");
            tally.add(&line);
        }
    }
    let status = child.wait().map_err(|e| e.to_string())?;
    drop(driver);
    drop(postgres);
    if !status.success() || tally.failed > 0 {
        return Err(format!("tests failed ({status})"));
    }
    Ok(())
}

impl Tally {
    /// Adds one libtest closing line, e.g.
    /// `test result: ok. 37 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; …`.
    fn add(&mut self, line: &str) {
        let Some(rest) = line.strip_prefix("test result: ") else {
            return;
        };
        self.binaries += 1;
        for part in rest.split(['.', ';']) {
            let mut words = part.split_whitespace();
            let (Some(number), Some(word)) = (words.next(), words.next()) else {
                continue;
            };
            let Ok(n) = number.parse::<u64>() else {
                continue;
            };
            match word {
                "passed" => self.passed += n,
                "failed" => self.failed += n,
                "ignored" => self.ignored += n,
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tally_adds_libtest_closing_lines() {
        let mut tally = Tally::default();
        tally.add("test result: ok. 37 passed; 0 failed; 2 ignored; 0 measured; 0 filtered out; finished in 0.01s");
        tally.add("test result: FAILED. 3 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out; finished in 1.2s");
        tally.add("running 4 tests");
        assert_eq!(tally, Tally { passed: 40, failed: 1, ignored: 2, binaries: 2 });
    }
}
