//! renkei-auth's backend: the JSON API of screens ①–⑥, the OAuth
//! endpoints, and the built SPA. Layers, top to bottom:
//!
//! - [`web`]: axum handlers and layers (the only code that knows axum);
//! - [`domain`]: the manual's rules, taking only the ports they need;
//! - ports: [`store`] (our tables), [`core`] (the union's 勘定系),
//!   [`telephony`], [`mail`], [`clock`], [`random`].
//!
//! [`app`] wires them into an [`state::AppState`] and serves.

pub mod app;
pub mod clock;
pub mod config;
pub mod core;
pub mod domain;
pub mod in_flight;
pub mod mail;
pub mod random;
pub mod secrets;
pub mod state;
pub mod store;
pub mod telemetry;
pub mod telephony;
pub mod web;

#[cfg(test)]
mod properties;

pub use app::Application;
pub use state::AppState;
