//! The authorization endpoint: the app sends the customer's browser here;
//! a valid request starts a flow bound to this browser and leads to
//! screen ①. Nothing is ever redirected to an unregistered URI.

use super::REQUEST_URI_PREFIX;
use super::request::{AuthorizationParams, AuthorizationRequest, Refusal, redirect_with};
use crate::app::AppState;
use crate::config::Profile;
use crate::error::AppResult;
use crate::flow::cookie::FlowSecret;
use crate::secrets;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use renkei_common::catalogue::ErrorId;
use renkei_common::steps::Step;

/// Our own page for a request that cannot go back to the app.
pub fn ended_page(id: ErrorId) -> Redirect {
    Redirect::to(&format!("/auth/ended?error={}", id.as_str()))
}

pub async fn start(
    State(state): State<AppState>,
    jar: CookieJar,
    Query(params): Query<AuthorizationParams>,
) -> Response {
    match read_request(&state, params).await {
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

/// A request read and checked, and the pushed request it came from.
type Read = (AuthorizationRequest, Option<String>);

async fn read_request(state: &AppState, params: AuthorizationParams) -> AppResult<Result<Read, Refusal>> {
    let Some(client_id) = params.client_id.clone() else {
        return Ok(Err(Refusal::NotRedirectable("client_id missing")));
    };
    let Some(client) = state.store.client(&client_id).await? else {
        return Ok(Err(Refusal::NotRedirectable("unknown client")));
    };
    if let Some(request_uri) = params.request_uri.as_deref() {
        let secret = request_uri.strip_prefix(REQUEST_URI_PREFIX).unwrap_or_default();
        let hash = secrets::hash(secret);
        let pushed = state.store.pushed_request(&hash, &client.client_id, state.clock.now()).await?;
        return Ok(match pushed.and_then(|json| serde_json::from_str(&json).ok()) {
            Some(request) => Ok((request, Some(hash))),
            None => Err(Refusal::NotRedirectable("request_uri unknown, used or expired")),
        });
    }
    if client.requires_par() {
        return Ok(Err(Refusal::NotRedirectable("this client must push its requests (PAR)")));
    }
    Ok(params.validate(&client).map(|request| (request, None)))
}

async fn begin_flow(
    state: &AppState,
    jar: CookieJar,
    request: &AuthorizationRequest,
    pushed: Option<&str>,
) -> AppResult<Response> {
    let secret = FlowSecret::generate();
    let now = state.clock.now();
    let lifetime = state.config.flow_lifetime;
    let json = serde_json::to_string(request).map_err(|e| crate::error::AppError::Internal(e.to_string()))?;
    state.store.create_flow_for_app(&secret.hash(), &json, pushed, now, now + lifetime).await?;
    let secure = state.config.profile == Profile::Production;
    Ok((jar.add(secret.into_cookie(secure, lifetime)), Redirect::to(Step::Account.path())).into_response())
}
