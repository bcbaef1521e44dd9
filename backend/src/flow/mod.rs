//! The flow of screens ①–⑥: one module per step. Every step's API is
//! closed in maintenance windows and refuses cross-site requests.

mod account;
mod call;
mod consent;
pub mod cookie;
pub mod current;
mod customer;
mod leave;
mod phone;
mod pin;
mod progress;

use crate::app::AppState;
use crate::config::Profile;
use crate::{load_shed, security, service_hours, telephony};
use axum::Router;
use axum::middleware::{from_fn, from_fn_with_state};
use axum::routing::{get, post};

pub fn router(state: AppState) -> Router<AppState> {
    let mut router = Router::new()
        .route("/", get(progress::current))
        .route("/account", post(account::submit))
        .route("/customer", post(customer::submit))
        .route("/phones", get(phone::choices).post(phone::choose))
        .route("/call", get(call::status))
        .route("/call/confirm", post(call::confirm))
        .route("/pin", post(pin::submit))
        .route("/consent", get(consent::view).post(consent::decide))
        .route("/leave", get(leave::to_app));
    if state.config.profile == Profile::Development {
        router = router.route("/simulate-call", post(telephony::simulator::place_call));
    }
    router
        .layer(from_fn_with_state(state.clone(), service_hours::require_open))
        .layer(from_fn_with_state(state, load_shed::shed_when_busy))
        .layer(from_fn(security::same_origin_only))
        .layer(from_fn(consent::refusals_as_pages))
}
