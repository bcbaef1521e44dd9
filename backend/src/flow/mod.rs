//! The flow of screens ①–⑥: one module per step. Every step's API is
//! closed in maintenance windows and refuses cross-site requests.

mod account;
pub mod cookie;
mod current;
mod customer;
mod progress;

use crate::app::AppState;
use crate::{load_shed, security, service_hours};
use axum::Router;
use axum::middleware::{from_fn, from_fn_with_state};
use axum::routing::{get, post};

pub fn router(state: AppState) -> Router<AppState> {
    Router::new()
        .route("/", get(progress::current))
        .route("/account", post(account::submit))
        .route("/customer", post(customer::submit))
        .layer(from_fn_with_state(
            state.clone(),
            service_hours::require_open,
        ))
        .layer(from_fn_with_state(state, load_shed::shed_when_busy))
        .layer(from_fn(security::same_origin_only))
}
