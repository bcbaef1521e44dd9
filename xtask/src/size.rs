//! `cargo xtask bench-size`: what the customer's phone downloads.

use crate::{spa, tools};
use std::io::Write;

/// The budget for the whole SPA, brotli-compressed (issue 3).
const BUDGET_BROTLI: usize = 150 * 1024;

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
        let bytes = std::fs::read(&path).map_err(|e| e.to_string())?;
        rows.push((ext, bytes.len(), brotli_len(&bytes)?));
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

fn brotli_len(bytes: &[u8]) -> Result<usize, String> {
    let mut out = Vec::new();
    {
        let mut writer = brotli::CompressorWriter::new(&mut out, 4096, 11, 22);
        writer.write_all(bytes).map_err(|e| e.to_string())?;
    }
    Ok(out.len())
}
