//! renkei-auth's screens ①–⑥, a client-side rendered Leptos app.
//!
//! Screens (`screens/`) take plain data as props and report what the
//! customer did through callbacks; fetching lives in `pages.rs`, so every
//! screen can be shown in any state without a backend.

mod api;
mod app;
mod components;
mod pages;
mod screens;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
