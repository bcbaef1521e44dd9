//! The flow's API, screens ①–⑥ and 連携管理: one thin handler module per step (extract,
//! call the domain, map the answer). Every step's API is closed in
//! maintenance windows and refuses cross-site requests.

mod account;
mod call;
pub(crate) mod consent;
pub mod cookie;
pub mod current;
mod customer;
mod leave;
mod links;
mod phone;
mod pin;
mod progress;

use crate::config::Profile;
use crate::state::AppState;
use crate::web::oauth::authorize::ended_page;
use crate::web::{call_simulator, load_shed, security, service_hours};
use axum::Router;
use axum::extract::Request;
use axum::http::Method;
use axum::http::header::{ACCEPT, CONTENT_TYPE};
use axum::middleware::{Next, from_fn, from_fn_with_state};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use renkei_common::catalogue::{ErrorBody, ErrorId};

/// The screens' part of the service's OpenAPI document (`web::openapi`).
#[derive(utoipa::OpenApi)]
#[openapi(paths(
    progress::current,
    account::submit,
    customer::submit,
    phone::choices,
    phone::choose,
    call::status,
    call::confirm,
    pin::submit,
    consent::view,
    consent::decide,
    leave::to_app,
    links::start,
    links::list,
    links::end
))]
pub struct FlowDoc;

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
        .route("/leave", get(leave::to_app))
        .route("/links", get(links::list))
        .route("/links/start", post(links::start))
        .route("/links/end", post(links::end));
    if state.config.profile == Profile::Development {
        router = router.route("/simulate-call", post(call_simulator::place_call));
    }
    router
        .layer(from_fn_with_state(state.clone(), service_hours::require_open))
        .layer(from_fn_with_state(state, load_shed::shed_when_busy))
        .layer(from_fn(security::same_origin_only))
        .layer(from_fn(refusals_as_pages))
}

/// ⑥'s native form post and 「アプリに戻る」 are page loads: the browser
/// shows whatever comes back. A refusal from any layer in front of the
/// handler (maintenance, busy, another site's request) becomes our ended
/// page, never raw JSON. The SPA's own calls (fetch, JSON) are untouched.
async fn refusals_as_pages(request: Request, next: Next) -> Response {
    let is_page = {
        let header = |name| request.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or_default();
        let form_post =
            request.method() == Method::POST && header(CONTENT_TYPE).starts_with("application/x-www-form-urlencoded");
        let navigation = request.method() == Method::GET && header(ACCEPT).contains("text/html");
        form_post || navigation
    };
    let response = next.run(request).await;
    if !is_page || !(response.status().is_client_error() || response.status().is_server_error()) {
        return response;
    }
    let body = axum::body::to_bytes(response.into_body(), 64 * 1024).await.unwrap_or_default();
    let id = serde_json::from_slice::<ErrorBody>(&body).map(|b| b.error.id).unwrap_or(ErrorId::SystemError);
    ended_page(id).into_response()
}
