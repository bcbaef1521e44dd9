//! renkei-auth's screens ①–⑥, a client-side rendered Leptos app.
//!
//! Screens (`screens/`) take plain data as props and report what the
//! customer did through callbacks; fetching lives in `pages.rs`, so every
//! screen can be shown in any state without a backend.

mod api;
mod app;
mod components;
#[cfg(feature = "gallery")]
mod gallery;
mod lang;
mod pages;
mod screens;
mod takeover;

fn main() {
    // Panic messages in the console help while developing; the release
    // wasm goes without the hook (about 1 KB).
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    takeover::mount_after_the_frame_is_shown(|| leptos::mount::mount_to_body(app::App));
}
