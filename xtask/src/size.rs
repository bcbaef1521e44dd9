//! `cargo xtask bench-size`: what the customer's phone downloads, as the
//! server sends it (the precompressed brotli files the build wrote).

use crate::{spa, tools};

/// The budget for the whole first load, brotli-compressed (issue 12).
const BUDGET_BROTLI: usize = 170_000;

pub fn run() -> Result<(), String> {
    let toolchain = tools::ensure_spa_tools()?;
    let dist = spa::build(&toolchain)?;
    let mut rows = Vec::new();
    for entry in std::fs::read_dir(&dist).map_err(|e| e.to_string())? {
        let path = entry.map_err(|e| e.to_string())?.path();
        let Some(ext) = path.extension().and_then(|e| e.to_str()).map(str::to_owned) else {
            continue;
        };
        if !matches!(ext.as_str(), "wasm" | "js" | "css" | "html") {
            continue;
        }
        let raw = std::fs::metadata(&path).map_err(|e| e.to_string())?.len() as usize;
        let mut served = path.clone().into_os_string();
        served.push(".br");
        let served = std::fs::metadata(&served).map_err(|e| format!("{}: {e}", path.display()))?.len() as usize;
        rows.push((ext, raw, served));
    }
    rows.sort();
    println!("{:<6} {:>10} {:>10}", "kind", "raw B", "brotli B");
    for (kind, raw, compressed) in &rows {
        println!("{kind:<6} {raw:>10} {compressed:>10}");
    }
    let total_raw: usize = rows.iter().map(|r| r.1).sum();
    let total: usize = rows.iter().map(|r| r.2).sum();
    println!("{:<6} {total_raw:>10} {total:>10}", "total");
    let verdict = if total <= BUDGET_BROTLI { "within" } else { "OVER" };
    println!("budget: {} B brotli; {verdict} budget", BUDGET_BROTLI);
    Ok(())
}
