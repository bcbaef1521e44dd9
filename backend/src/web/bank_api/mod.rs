//! The bank API an app reads with its access token, in the shape of the
//! most widely integrated Japanese personal API (camelCase keys, amounts as
//! strings of whole yen, `{errorCode, errorMessage}` errors):
//!
//! - `GET /api/personal/v1/accounts`
//! - `GET /api/personal/v1/accounts/balances[?accountId=]`
//! - `GET /api/personal/v1/accounts/transactions?accountId=&dateFrom=&dateTo=&nextItemKey=`
//!
//! Baseline apps present `Authorization: Bearer`; FAPI apps
//! `Authorization: DPoP` with a proof by the key their token is bound to.

mod dto;
mod error;
pub mod openapi;
mod token;

use crate::domain::bank_api::BankApiError;
use crate::state::AppState;
use crate::web::load_shed;
use axum::Json;
use axum::Router;
use axum::extract::FromRequestParts;
use axum::extract::{Query, State};
use axum::http::request::Parts;
use axum::middleware::from_fn_with_state;
use axum::routing::get;
use dto::{AccountsBody, BalancesBody, TransactionsBody, account_id_of};
use renkei_common::catalogue::ErrorId;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use token::BankToken;
use utoipa::IntoParams;

pub fn router(state: AppState) -> Router<AppState> {
    let inquiries = Router::new()
        .route("/accounts", get(accounts))
        .route("/accounts/balances", get(balances))
        .route("/accounts/transactions", get(transactions))
        .layer(from_fn_with_state(state, load_shed::shed_bank_api_when_busy));
    inquiries.route("/openapi.json", get(openapi::document))
}

/// A query string; one the API cannot read (a member twice, say) is
/// refused in the API's own error body, never axum's plain text.
struct BankQuery<T>(T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for BankQuery<T> {
    type Rejection = BankApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Query(query) = Query::<T>::from_request_parts(parts, state)
            .await
            .map_err(|_| BankApiError::Refused(ErrorId::InvalidQuery))?;
        Ok(BankQuery(query))
    }
}

/// The account the link covers.
#[utoipa::path(get, path = "/api/personal/v1/accounts", tag = "accounts",
    security(("bearer" = []), ("dpop" = [])),
    responses((status = 200, body = AccountsBody), (status = 401, body = error::ErrorBody),
        (status = 503, description = "busy: try again after Retry-After", body = error::ErrorBody)))]
async fn accounts(
    State(state): State<AppState>,
    BankToken(authorized): BankToken,
) -> Result<Json<AccountsBody>, BankApiError> {
    let branches = state.core.branches().await?;
    Ok(Json(AccountsBody::new(state.clock.now(), &authorized.account, &branches)))
}

#[derive(Deserialize, IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
struct AccountQuery {
    /// The linked account's id (optional: a link covers one account).
    account_id: Option<String>,
}

/// The linked account, when the query names it (or names none).
fn named(authorized: &crate::domain::bank_api::Authorized, account_id: Option<&str>) -> Result<(), BankApiError> {
    match account_id {
        Some(id) if id != account_id_of(&authorized.account.account.key) => {
            Err(BankApiError::Refused(ErrorId::AccountNotLinked))
        }
        _ => Ok(()),
    }
}

/// The balance (scope `balance`).
#[utoipa::path(get, path = "/api/personal/v1/accounts/balances", tag = "accounts", params(AccountQuery),
    security(("bearer" = []), ("dpop" = [])),
    responses((status = 200, body = BalancesBody), (status = 400, body = error::ErrorBody),
        (status = 401, body = error::ErrorBody),
        (status = 403, body = error::ErrorBody), (status = 404, body = error::ErrorBody),
        (status = 503, description = "busy: try again after Retry-After", body = error::ErrorBody)))]
async fn balances(
    State(state): State<AppState>,
    BankToken(authorized): BankToken,
    BankQuery(query): BankQuery<AccountQuery>,
) -> Result<Json<BalancesBody>, BankApiError> {
    named(&authorized, query.account_id.as_deref())?;
    let balance = state.bank_api().balance(&authorized).await?;
    Ok(Json(BalancesBody::new(&authorized.account, &balance)))
}

#[derive(Deserialize, IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
struct TransactionsQuery {
    /// The linked account's id (required: 400 without it).
    #[param(required = true, pattern = "^[0-9]{11}$")]
    account_id: Option<String>,
    /// `YYYY-MM-DD`, not before the same day three months back; today if absent.
    #[param(format = Date)]
    date_from: Option<String>,
    /// `YYYY-MM-DD`, not after today; today if absent.
    #[param(format = Date)]
    date_to: Option<String>,
    /// The previous page's `nextItemKey`.
    next_item_key: Option<String>,
}

/// Transactions, oldest first, at most 500 a page (scope `transactions`).
#[utoipa::path(get, path = "/api/personal/v1/accounts/transactions", tag = "accounts", params(TransactionsQuery),
    security(("bearer" = []), ("dpop" = [])),
    responses((status = 200, body = TransactionsBody), (status = 400, body = error::ErrorBody),
        (status = 401, body = error::ErrorBody), (status = 403, body = error::ErrorBody),
        (status = 404, body = error::ErrorBody),
        (status = 503, description = "busy: try again after Retry-After", body = error::ErrorBody)))]
async fn transactions(
    State(state): State<AppState>,
    BankToken(authorized): BankToken,
    BankQuery(query): BankQuery<TransactionsQuery>,
) -> Result<Json<TransactionsBody>, BankApiError> {
    let account_id = query.account_id.as_deref().ok_or(BankApiError::Refused(ErrorId::InvalidQuery))?;
    named(&authorized, Some(account_id))?;
    let date = |text: Option<&str>| -> Result<Option<time::Date>, BankApiError> {
        text.map(|t| dto::parse_date(t).ok_or(BankApiError::Refused(ErrorId::InvalidQuery))).transpose()
    };
    let range = (date(query.date_from.as_deref())?, date(query.date_to.as_deref())?);
    let (from, to, page) = state.bank_api().transactions(&authorized, range, query.next_item_key).await?;
    Ok(Json(TransactionsBody::new(state.clock.now(), &authorized.account, from, to, page)))
}
