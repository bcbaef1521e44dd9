//! Building the SPA with Trunk, offline, with the cached tools.

use crate::compress;
use crate::process::{self, workspace_root};
use crate::tools::SpaToolchain;
use std::path::PathBuf;
use std::process::Command;

/// `trunk build --release` into `dist/`, each file precompressed beside
/// it. The tests use this same build: what the browser tests judge is
/// what ships.
pub fn build(toolchain: &SpaToolchain) -> Result<PathBuf, String> {
    let root = workspace_root();
    // Trunk runs offline: every crate must already be on disk.
    process::run(process::cargo().current_dir(&root).args(["fetch", "--quiet"]))?;
    println!("xtask: building the SPA (trunk build --release)");
    process::run(Command::new("trunk").args(["build", "--release"]).current_dir(&root).env("PATH", &toolchain.path))?;
    let dist = root.join("dist");
    compress::precompress(&dist)?;
    Ok(dist)
}

/// The screen gallery (`frontend/gallery.html`, feature `gallery`) into
/// `dist-gallery/`: for designers, and for the tests that hold every
/// state to the layout rules.
pub fn build_gallery(toolchain: &SpaToolchain) -> Result<PathBuf, String> {
    let root = workspace_root();
    process::run(process::cargo().current_dir(&root).args(["fetch", "--quiet"]))?;
    println!("xtask: building the gallery (trunk build frontend/gallery.html)");
    process::run(
        Command::new("trunk")
            .args(["build", "frontend/gallery.html", "--release", "--dist", "dist-gallery"])
            .current_dir(&root)
            .env("PATH", &toolchain.path),
    )?;
    Ok(root.join("dist-gallery"))
}
