//! Screen ① ご利用口座情報入力: branch, account type and number. The answer
//! starts a new flow bound to this browser; the account is checked against
//! the core together with screen ②'s details.

use super::cookie::FlowSecret;
use crate::app::AppState;
use crate::config::Profile;
use crate::error::{AppError, AppResult};
use crate::extract::ApiJson;
use axum::Json;
use axum::extract::State;
use axum_extra::extract::CookieJar;
use renkei_common::api::{AccountRequest, FlowProgress};
use renkei_common::steps::Step;

pub async fn submit(
    State(state): State<AppState>,
    jar: CookieJar,
    ApiJson(request): ApiJson<AccountRequest>,
) -> AppResult<(CookieJar, Json<FlowProgress>)> {
    let input = request.parse().map_err(AppError::InvalidFields)?;
    let now = state.clock.now();
    let lifetime = state.config.flow_lifetime;
    let secret = FlowSecret::generate();
    let next = Step::Customer;
    state.store.create_flow(&secret.hash(), &input, next, now, now + lifetime).await?;
    tracing::info!(
        branch = input.branch.as_str(),
        account = %input.number.masked(),
        "flow started at screen ①"
    );
    let secure = state.config.profile == Profile::Production;
    Ok((jar.add(secret.into_cookie(secure, lifetime)), Json(FlowProgress { step: next })))
}
