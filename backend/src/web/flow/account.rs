//! Screen ① ご利用口座情報入力: branch, account type and number. The answer
//! names the account on the app's flow (or, in development, starts a flow
//! bound to this browser); it is checked against the core together with
//! screen ②'s details.

use super::cookie;
use crate::domain::audit::{ClientInfo, Operation};
use crate::domain::error::{DomainError, DomainResult};
use crate::domain::journey::AccountAnswered;
use crate::state::AppState;
use crate::web::extract::ApiJson;
use axum::Json;
use axum::extract::State;
use axum_extra::extract::CookieJar;
use renkei_common::api::{AccountRequest, FlowProgress};
use renkei_common::steps::Step;

#[utoipa::path(post, path = "/api/flow/account", tag = "flow", request_body = renkei_common::api::AccountRequest,
    responses((status = 200, description = "Screen ① accepted: go on to ②", body = renkei_common::api::FlowProgress)),
    summary = "Screen ① ご利用口座情報入力: branch, account type and number")]
pub async fn submit(
    State(state): State<AppState>,
    client: ClientInfo,
    jar: CookieJar,
    ApiJson(request): ApiJson<AccountRequest>,
) -> DomainResult<(CookieJar, Json<FlowProgress>)> {
    let audit = state.audit();
    let input = match request.parse() {
        Ok(input) => input,
        Err(fields) => {
            let refused = Err(DomainError::InvalidFields(fields));
            audit.record(&client, Operation::new(Step::Account, None, None).outcome(&refused)).await;
            return refused;
        }
    };
    let journey = state.journey();
    let current = match cookie::secret_in(&jar, state.config.is_production()) {
        Some(secret) => journey.live(&secret).await?,
        None => None,
    };
    let progress = Json(FlowProgress { step: Step::Customer });
    match journey.answer_account(current, &input).await {
        Ok(AccountAnswered::OnAppFlow(flow)) => {
            audit.record(&client, Operation::at_step(Step::Account, &flow)).await;
            Ok((jar, progress))
        }
        Ok(AccountAnswered::Started { secret, flow_ref }) => {
            audit.record(&client, Operation::new(Step::Account, Some(flow_ref), Some(&input))).await;
            let cookie = cookie::cookie_for(secret, state.config.is_production(), state.config.flow_lifetime);
            Ok((jar.add(cookie), progress))
        }
        Err((flow, error)) => {
            let refused: DomainResult<()> = Err(error);
            if let Some(flow) = &flow {
                audit.record(&client, Operation::at_step(Step::Account, flow).outcome(&refused)).await;
            } else if !matches!(refused, Err(DomainError::Refused(renkei_common::ErrorId::FlowExpired))) {
                audit.record(&client, Operation::new(Step::Account, None, Some(&input)).outcome(&refused)).await;
            }
            refused.map(|()| (jar, progress))
        }
    }
}
