//! renkei-auth's backend: the JSON API of screens ①–⑥, the OAuth endpoints
//! (to come) and the built SPA.

pub mod app;
pub mod audit;
pub mod clock;
pub mod config;
pub mod demo_app;
pub mod error;
pub mod extract;
pub mod flow;
pub mod health;
pub mod load_shed;
pub mod lockout;
pub mod mail;
pub mod oauth;
pub mod secrets;
pub mod security;
pub mod service_hours;
pub mod spa;
pub mod store;
pub mod telemetry;
pub mod telephony;
pub mod union;

pub use app::{AppState, Application};
