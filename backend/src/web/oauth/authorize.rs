//! The authorization endpoint: the app sends the customer's browser here;
//! a valid request starts a flow bound to this browser and leads to
//! screen ①. Nothing is ever redirected to an unregistered URI.

use crate::domain::error::DomainResult;
use crate::domain::oauth::request::{AuthorizationParams, AuthorizationRequest, Refusal, redirect_with};
use crate::state::AppState;
use crate::web::flow::cookie;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use renkei_common::catalogue::ErrorId;
use renkei_common::steps::Step;

/// Our own page for a request that cannot go back to the app.
pub fn ended_page(id: ErrorId) -> Redirect {
    Redirect::to(&format!("/auth/ended?error={}", id.as_str()))
}

#[utoipa::path(get, path = "/oauth/authorize", tag = "oauth", params(super::openapi::AuthorizationMembers),
    responses((status = 303, description = "To screen ①, back to the app with an error, or to our page saying why not")),
    summary = "Authorization endpoint: the customer's browser begins here")]
pub async fn start(
    State(state): State<AppState>,
    jar: CookieJar,
    query: Result<Query<AuthorizationParams>, QueryRejection>,
) -> Response {
    // A query that is not one (a member twice, say) cannot be trusted to
    // redirect: our own page says so.
    let Ok(Query(params)) = query else { return ended_page(ErrorId::InvalidInput).into_response() };
    match state.oauth().read_authorization_request(params).await {
        Ok(Ok((request, pushed))) => match begin_flow(&state, jar, &request, pushed.as_deref()).await {
            Ok(response) => response,
            Err(error) => {
                tracing::error!(%error, "flow not started");
                ended_page(error.id()).into_response()
            }
        },
        Ok(Err(Refusal::NotRedirectable(why))) => {
            tracing::info!(why, "authorization request refused on our page");
            ended_page(ErrorId::InvalidAppRequest).into_response()
        }
        Ok(Err(Refusal::Redirect { redirect_uri, state: app_state, error, description })) => {
            let issuer = state.public_url.to_string();
            let mut params = vec![("error", error), ("error_description", description)];
            if let Some(s) = app_state.as_deref() {
                params.push(("state", s));
            }
            params.push(("iss", &issuer));
            Redirect::to(&redirect_with(&redirect_uri, &params)).into_response()
        }
        Err(error) => {
            tracing::error!(%error, "authorization request not read");
            ended_page(ErrorId::SystemError).into_response()
        }
    }
}

async fn begin_flow(
    state: &AppState,
    jar: CookieJar,
    request: &AuthorizationRequest,
    pushed: Option<&str>,
) -> DomainResult<Response> {
    let secret = state.journey().start_for_app(request, pushed).await?;
    let cookie = cookie::cookie_for(secret, state.config.is_production(), state.config.flow_lifetime);
    Ok((jar.add(cookie), Redirect::to(Step::Account.path())).into_response())
}
