//! The demo data's link on a moved account (FAQ 10: 011-111111 became
//! 022-2222222). The demo app was linked to the old account before the
//! move; its refresh token is published here (development only) so anyone
//! can watch the link end at its next use:
//!
//! ```text
//! curl -u demo-budget-app:<secret> -d grant_type=refresh_token \
//!      -d refresh_token=<REFRESH_TOKEN> http://localhost:8080/oauth/token
//! ```
//! answers `invalid_grant`, and the link is recorded as ended by the move.

use super::{APP_NAME, CLIENT_ID};
use crate::core::CoreBanking;
use crate::secrets;
use crate::store::Store;
use renkei_common::api::AccountInput;
use renkei_common::fields::{AccountNumber, AccountType, BranchCode};
use time::{Duration, OffsetDateTime};

/// The demo link's refresh token, in clear: development data only.
pub const REFRESH_TOKEN: &str = "demo-moved-account-refresh-token-development-only";

/// Adds the link once (a database that has it keeps it, ended or not).
pub async fn seed(store: &Store, core: &dyn CoreBanking, now: OffsetDateTime) -> Result<(), String> {
    let old = AccountInput {
        branch: BranchCode::parse("011").map_err(|e| e.to_string())?,
        account_type: AccountType::parse("ordinary").map_err(|e| e.to_string())?,
        number: AccountNumber::parse("111111").map_err(|e| e.to_string())?,
    };
    let Some(account) = core.find_account(&old).await.map_err(|e| e.to_string())? else {
        return Ok(());
    };
    let link = store
        .seed_link(
            account.id,
            CLIENT_ID,
            "balance transactions",
            (now - Duration::days(30), now + Duration::days(60)),
            &secrets::hash(REFRESH_TOKEN),
        )
        .await
        .map_err(|e| e.to_string())?;
    if link {
        tracing::info!(app = APP_NAME, "demo link on the moved account 011-0111111 added");
    }
    Ok(())
}
