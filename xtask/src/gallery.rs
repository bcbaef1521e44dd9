//! The screen gallery for designers (frontend feature `gallery`):
//!
//! - `cargo xtask gallery`: serves it with live reload (Trunk), so an edit
//!   of `style/` or a screen shows within a couple of seconds;
//! - `cargo xtask gallery-shots`: builds it, serves the static build, and
//!   renders every state at phone and desktop size to PNG in
//!   `target/gallery/`, for reviewing all states at a glance and comparing
//!   before and after.
//!
//! The gallery needs no backend: its screens draw fixtures.

use crate::process::{self, workspace_root};
use crate::{spa, tools};
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;

const PAGE: &str = "frontend/gallery.html";
const DIST: &str = "dist-gallery";

/// The sizes every state is rendered at: name, width, height, pixel ratio.
/// Each shot: its name, width, height, pixel ratio and the query (the
/// language): Japanese at phone and desktop size, English at phone size.
const SHOTS: [(&str, u32, u32, u32, &str); 3] =
    [("phone", 390, 844, 2, ""), ("desktop", 1280, 800, 1, ""), ("phone-en", 390, 844, 2, "?lang=en")];

pub fn serve() -> Result<(), String> {
    let toolchain = tools::ensure_spa_tools()?;
    let root = workspace_root();
    process::run(process::cargo().current_dir(&root).args(["fetch", "--quiet"]))?;
    let port = std::env::var("PORT").unwrap_or_else(|_| "8081".into());
    println!("the gallery will be at  http://127.0.0.1:{port}/gallery  (live reload; stop with Ctrl-C)");
    process::run(
        Command::new("trunk")
            .args(["serve", PAGE, "--dist", DIST, "--port", &port])
            .current_dir(&root)
            .env("PATH", &toolchain.path),
    )
}

pub fn shots() -> Result<(), String> {
    let toolchain = tools::ensure_spa_tools()?;
    let browser = tools::ensure_browser()?;
    let root = workspace_root();
    let base = serve_static(spa::build_gallery(&toolchain)?)?;
    let index = chromium(&browser.chromium, &["--dump-dom", &format!("{base}/gallery")])?;
    let slugs: Vec<&str> = index.split("data-gallery-state=\"").skip(1).filter_map(|s| s.split('"').next()).collect();
    if slugs.is_empty() {
        return Err("the gallery listed no state".into());
    }
    let out = root.join("target").join("gallery");
    std::fs::create_dir_all(&out).map_err(|e| e.to_string())?;
    for slug in &slugs {
        for (size, width, height, ratio, query) in SHOTS {
            let file = out.join(format!("{slug}-{size}.png"));
            chromium(
                &browser.chromium,
                &[
                    &format!("--screenshot={}", file.display()),
                    &format!("--window-size={width},{height}"),
                    &format!("--force-device-scale-factor={ratio}"),
                    &format!("{base}/gallery/{slug}{query}"),
                ],
            )?;
            if !file.exists() {
                return Err(format!("no screenshot of {slug} at {size}"));
            }
        }
    }
    println!("{} states × {} shots: {}", slugs.len(), SHOTS.len(), out.display());
    Ok(())
}

/// Headless Chromium once, with the flags this machine needs; returns
/// what it printed.
fn chromium(binary: &Path, args: &[&str]) -> Result<String, String> {
    let output = Command::new(binary)
        .args([
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--lang=ja",
            // Time for the wasm to start and draw before the shot.
            "--virtual-time-budget=5000",
        ])
        .args(args)
        .output()
        .map_err(|e| format!("cannot start {}: {e}", binary.display()))?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    } else {
        Err(format!("chromium {}: {}", args.join(" "), String::from_utf8_lossy(&output.stderr)))
    }
}

/// Serves `dir` on a free loopback port for as long as xtask runs: its
/// files, and `index.html` for every other path (the SPA's routes).
fn serve_static(dir: PathBuf) -> Result<String, String> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    let base = format!("http://{}", listener.local_addr().map_err(|e| e.to_string())?);
    std::thread::spawn(move || {
        for stream in listener.incoming().map_while(Result::ok) {
            let dir = dir.clone();
            std::thread::spawn(move || answer(stream, &dir));
        }
    });
    Ok(base)
}

fn answer(mut stream: TcpStream, dir: &Path) {
    let mut request_line = String::new();
    let mut reader = BufReader::new(&stream);
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    // The rest of the request (headers) is not needed.
    let path = request_line.split_whitespace().nth(1).unwrap_or("/").split('?').next().unwrap_or("/");
    let file = dir.join(path.trim_start_matches('/'));
    let file = if path.contains("..") || !file.is_file() { dir.join("index.html") } else { file };
    let body = std::fs::read(&file).unwrap_or_default();
    let kind = match file.extension().and_then(|e| e.to_str()) {
        Some("wasm") => "application/wasm",
        Some("js") => "text/javascript",
        Some("css") => "text/css",
        _ => "text/html; charset=utf-8",
    };
    let head = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes()).and_then(|()| stream.write_all(&body));
}
