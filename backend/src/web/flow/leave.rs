//! 「アプリに戻る」: the customer leaves API authentication from any screen,
//! or after it ended, and goes back to the app that sent them, which hears
//! `access_denied`. No screen is a dead end inside the app's webview.
//!
//! A GET that ends the flow: the flow cookie is SameSite=Strict, so a
//! navigation another site starts carries none and finds nothing to end.

use super::cookie;
use crate::domain::audit::{ClientInfo, Operation};
use crate::domain::journey::app_request;
use crate::domain::oauth::request::redirect_with;
use crate::state::AppState;
use crate::web::oauth::authorize::ended_page;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use renkei_common::catalogue::ErrorId;

#[utoipa::path(get, path = "/api/flow/leave", tag = "flow",
    responses((status = 303, description = "Back to the app, which hears access_denied, or to our page saying the flow has ended")),
    summary = "「アプリに戻る」: leave API authentication")]
pub async fn to_app(State(state): State<AppState>, client: ClientInfo, jar: CookieJar) -> Response {
    let journey = state.journey();
    let flow = match cookie::secret_in(&jar, state.config.is_production()) {
        Some(secret) => journey.even_if_ended(&secret).await,
        None => Ok(None),
    };
    let flow = match flow {
        Ok(Some(flow)) => flow,
        Ok(None) => return ended_page(ErrorId::FlowExpired).into_response(),
        Err(cause) => {
            tracing::error!(%cause, "flow not read");
            return ended_page(ErrorId::SystemError).into_response();
        }
    };
    // A development flow started at ① has no app to go back to.
    let Ok(request) = app_request(&flow) else { return ended_page(ErrorId::FlowExpired).into_response() };
    if let Err(cause) = journey.end(&flow).await {
        tracing::error!(%cause, "flow not ended");
    }
    state.audit().record(&client, Operation::at_step(flow.step, &flow).with_outcome_text("left_to_app")).await;
    let issuer = state.public_url.to_string();
    let mut params = vec![("error", "access_denied"), ("error_description", "the customer left API authentication")];
    if let Some(app_state) = request.state.as_deref() {
        params.push(("state", app_state));
    }
    params.push(("iss", &issuer));
    Redirect::to(&redirect_with(&request.redirect_uri, &params)).into_response()
}
