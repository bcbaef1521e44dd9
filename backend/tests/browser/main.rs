//! Browser tests: the built SPA served by the real app, driven in headless
//! Chromium at phone and desktop sizes, by visible labels and button names
//! as a person would.

#[path = "../api/support.rs"]
mod support;

mod driver;
mod first_paint;
mod full_flow;
mod gallery;
mod help;
mod keyboard;
mod language;
mod links;
mod screen_account;
mod screen_customer;
mod screen_phone;
mod screen_pin;
mod webview;
