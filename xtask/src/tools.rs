//! The tools the build and the tests need, installed when missing, from
//! package registries only (crates.io, Debian, npm): nothing downloads a
//! binary from GitHub, which fails offline and at banks. Cargo-installed
//! tools go to a versioned cache outside the work tree, so fresh clones
//! and CI reuse them.

use crate::process::{self, answers, is_root};
use std::path::{Path, PathBuf};
use std::process::Command;

pub const TRUNK: &str = "0.21.14";
pub const WASM_BINDGEN: &str = "0.2.130";
pub const BINARYEN: &str = "132";
pub const LIGHTHOUSE: &str = "13";
pub const AXE: &str = "4";
pub const SCHEMATHESIS: &str = "4.32.5";

/// Where the SPA tools live; prepend `path` to `PATH` to use them.
pub struct SpaToolchain {
    pub path: String,
}

fn cache_dir() -> PathBuf {
    if let Ok(dir) = std::env::var("RENKEI_TOOLS_DIR") {
        return PathBuf::from(dir);
    }
    let base = std::env::var("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from(std::env::var("HOME").unwrap_or_else(|_| "/tmp".into())).join(".cache"));
    base.join("renkei-auth").join("tools")
}

pub fn ensure_spa_tools() -> Result<SpaToolchain, String> {
    ensure_wasm_target()?;
    let cache = cache_dir();
    let trunk = cargo_install(&cache, "trunk", TRUNK, "trunk", true)?;
    // wasm-bindgen-cli builds only without --locked (a yanked dependency).
    let bindgen = cargo_install(&cache, "wasm-bindgen-cli", WASM_BINDGEN, "wasm-bindgen", false)?;
    let binaryen = npm_install(&cache, "binaryen", BINARYEN, ".bin/wasm-opt")?.join(".bin");
    let existing = std::env::var("PATH").unwrap_or_default();
    let path = format!("{}:{}:{}:{existing}", trunk.display(), bindgen.display(), binaryen.display());
    Ok(SpaToolchain { path })
}

fn ensure_wasm_target() -> Result<(), String> {
    let installed = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .current_dir(process::workspace_root())
        .output()
        .map_err(|e| format!("rustup is needed: {e}"))?;
    if String::from_utf8_lossy(&installed.stdout).lines().any(|l| l.trim() == "wasm32-unknown-unknown") {
        return Ok(());
    }
    println!("xtask: adding the wasm32-unknown-unknown target");
    process::run(
        Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]).current_dir(process::workspace_root()),
    )
}

/// `cargo install <krate>@<version>` into `<cache>/<krate>-<version>`,
/// unless it is there already. Returns its `bin` folder.
fn cargo_install(cache: &Path, krate: &str, version: &str, binary: &str, locked: bool) -> Result<PathBuf, String> {
    let root = cache.join(format!("{krate}-{version}"));
    let bin = root.join("bin");
    if bin.join(binary).exists() {
        return Ok(bin);
    }
    println!("xtask: installing {krate} {version} (once; cached in {})", root.display());
    let mut command = process::cargo();
    command.arg("install").arg(format!("{krate}@{version}")).arg("--root").arg(&root);
    if locked {
        command.arg("--locked");
    }
    // Outside the workspace, so its rust-toolchain.toml does not apply; and
    // a dependency's newer release that needs a newer Rust is passed over.
    command.current_dir(cache_parent(cache)?).env("CARGO_RESOLVER_INCOMPATIBLE_RUST_VERSIONS", "fallback");
    process::run(&mut command)?;
    Ok(bin)
}

/// Lighthouse, from npm, for `cargo xtask bench-lighthouse`; returns the
/// folder with its `lighthouse` command.
pub fn ensure_lighthouse() -> Result<PathBuf, String> {
    Ok(npm_install(&cache_dir(), "lighthouse", LIGHTHOUSE, ".bin/lighthouse")?.join(".bin"))
}

/// axe-core, from npm, for the browser tests' accessibility checks;
/// returns its script, which the tests put into each page.
pub fn ensure_axe() -> Result<PathBuf, String> {
    Ok(npm_install(&cache_dir(), "axe-core", AXE, "axe-core/axe.min.js")?.join("axe-core").join("axe.min.js"))
}

/// schemathesis, from PyPI, in a virtual environment of its own (the
/// machine's Python packages stay as they are); returns its program.
pub fn ensure_schemathesis() -> Result<PathBuf, String> {
    let venv = cache_dir().join(format!("schemathesis-{SCHEMATHESIS}"));
    let program = venv.join("bin").join("schemathesis");
    if program.exists() {
        return Ok(program);
    }
    println!("xtask: installing schemathesis {SCHEMATHESIS} from PyPI (once)");
    std::fs::create_dir_all(cache_parent(&cache_dir())?).map_err(|e| e.to_string())?;
    if process::run(Command::new("python3").args(["-m", "venv"]).arg(&venv)).is_err() {
        ensure_debian_packages(&["python3-venv"])?;
        process::run(Command::new("python3").args(["-m", "venv"]).arg(&venv))?;
    }
    process::run(Command::new(venv.join("bin").join("pip")).args([
        "install",
        "-q",
        &format!("schemathesis=={SCHEMATHESIS}"),
    ]))?;
    Ok(program)
}

/// `npm install <package>@<version>` into `<cache>/<package>-<version>`,
/// unless `needed` (a path under its `node_modules`) is there; returns the
/// `node_modules` folder. Binaryen's npm package carries a current
/// wasm-opt; Debian's is too old for the wasm today's Rust emits.
fn npm_install(cache: &Path, package: &str, version: &str, needed: &str) -> Result<PathBuf, String> {
    let root = cache.join(format!("{package}-{version}"));
    let modules = root.join("node_modules");
    if modules.join(needed).exists() {
        return Ok(modules);
    }
    if !answers("npm") {
        ensure_debian_packages(&["npm"])?;
    }
    println!("xtask: installing {package}@{version} from npm (once)");
    std::fs::create_dir_all(&root).map_err(|e| e.to_string())?;
    // Without a package.json here npm would install into the nearest parent
    // that has one (or ~/node_modules).
    std::fs::write(root.join("package.json"), "{\"private\": true}\n").map_err(|e| e.to_string())?;
    process::run(
        Command::new("npm")
            .args(["install", "--no-audit", "--no-fund", "--no-save", &format!("{package}@{version}")])
            .current_dir(&root),
    )?;
    if !modules.join(needed).exists() {
        return Err(format!("npm did not install {needed} into {}", modules.display()));
    }
    Ok(modules)
}

fn cache_parent(cache: &Path) -> Result<PathBuf, String> {
    std::fs::create_dir_all(cache).map_err(|e| format!("cannot create {}: {e}", cache.display()))?;
    Ok(cache.to_path_buf())
}

/// Headless Chromium, its driver, and Japanese fonts for the screenshots.
pub struct Browser {
    pub chromium: PathBuf,
    pub chromedriver: PathBuf,
}

pub fn ensure_browser() -> Result<Browser, String> {
    let browser = Browser { chromium: "/usr/bin/chromium".into(), chromedriver: "/usr/bin/chromedriver".into() };
    let fonts = Path::new("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc");
    if !browser.chromium.exists() || !browser.chromedriver.exists() || !fonts.exists() {
        ensure_debian_packages(&["chromium", "chromium-driver", "fonts-noto-cjk"])?;
    }
    Ok(browser)
}

/// The load generator of the benchmark: Debian's wrk.
pub fn ensure_wrk() -> Result<PathBuf, String> {
    let wrk = PathBuf::from("/usr/bin/wrk");
    if !wrk.exists() {
        ensure_debian_packages(&["wrk"])?;
    }
    Ok(wrk)
}

/// The folder with PostgreSQL's server programs (`initdb`, `pg_ctl`).
pub fn ensure_postgres() -> Result<PathBuf, String> {
    if let Some(found) = find_postgres_bin() {
        return Ok(found);
    }
    ensure_debian_packages(&["postgresql"])?;
    find_postgres_bin().ok_or_else(|| "PostgreSQL was installed but initdb is not to be found".into())
}

fn find_postgres_bin() -> Option<PathBuf> {
    let mut versions: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|entry| entry.ok().map(|e| e.path().join("bin")))
        .filter(|bin| bin.join("initdb").exists() && bin.join("pg_ctl").exists())
        .collect();
    versions.sort_by_key(|path| {
        let version = path.parent().and_then(|p| p.file_name()).and_then(|n| n.to_str()).unwrap_or("0");
        version.parse::<u32>().unwrap_or(0)
    });
    versions.pop()
}

fn ensure_debian_packages(packages: &[&str]) -> Result<(), String> {
    println!("xtask: installing Debian packages {}", packages.join(" "));
    let sudo = !is_root();
    let apt = |args: &[&str]| {
        // sudo resets the environment: pass the setting on its command line.
        let mut command = if sudo { Command::new("sudo") } else { Command::new("apt-get") };
        if sudo {
            command.args(["DEBIAN_FRONTEND=noninteractive", "apt-get"]);
        }
        command.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        command
    };
    process::run(&mut apt(&["update", "-qq"]))?;
    let mut install = apt(&["install", "-y", "-qq"]);
    install.args(packages);
    process::run(&mut install)
}
