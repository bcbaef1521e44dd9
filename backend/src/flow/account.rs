//! Screen ① ご利用口座情報入力: branch, account type and number. The answer
//! starts a new flow bound to this browser; the account is checked against
//! the core together with screen ②'s details.

use super::cookie::FlowSecret;
use crate::app::AppState;
use crate::audit::{self, ClientInfo, Operation};
use crate::config::Profile;
use crate::error::{AppError, AppResult};
use crate::extract::ApiJson;
use axum::Json;
use axum::extract::State;
use axum_extra::extract::CookieJar;
use renkei_common::api::{AccountRequest, FlowProgress};
use renkei_common::catalogue::ErrorId;
use renkei_common::steps::Step;

pub async fn submit(
    State(state): State<AppState>,
    client: ClientInfo,
    jar: CookieJar,
    ApiJson(request): ApiJson<AccountRequest>,
) -> AppResult<(CookieJar, Json<FlowProgress>)> {
    let input = match request.parse() {
        Ok(input) => input,
        Err(fields) => {
            let refused = Err(AppError::InvalidFields(fields));
            audit::record(&state, &client, Operation::new(Step::Account, None, None).outcome(&refused)).await;
            return refused;
        }
    };
    let now = state.clock.now();
    // A flow an app started waits at ①: answer it in place.
    if let Some(secret) = FlowSecret::from_jar(&jar) {
        let id_hash = secret.hash();
        if let Some(flow) = state.store.live_flow(&id_hash, now).await?
            && flow.oauth_request.is_some()
            && flow.step <= Step::Customer
        {
            let moved = state.store.set_flow_account(&id_hash, &input, Step::Customer).await.map_err(AppError::from);
            audit::record(&state, &client, Operation::at_step(Step::Account, &flow).outcome(&moved)).await;
            return match moved? {
                true => Ok((jar, Json(FlowProgress { step: Step::Customer }))),
                false => Err(ErrorId::StepOutOfOrder.into()),
            };
        }
    }
    // Without an app, a flow starts here only in development (demos and
    // tests of screens ①–⑤); in production every flow begins at the app.
    if state.config.profile == Profile::Production {
        return Err(ErrorId::FlowExpired.into());
    }
    let lifetime = state.config.flow_lifetime;
    let secret = FlowSecret::generate();
    let next = Step::Customer;
    let id_hash = secret.hash();
    let created = state.store.create_flow(&id_hash, &input, next, now, now + lifetime).await.map_err(AppError::from);
    let flow_ref = crate::store::flows::reference(&id_hash);
    audit::record(&state, &client, Operation::new(Step::Account, Some(flow_ref), Some(&input)).outcome(&created)).await;
    created?;
    let secure = state.config.profile == Profile::Production;
    Ok((jar.add(secret.into_cookie(secure, lifetime)), Json(FlowProgress { step: next })))
}
