//! Flows: one run of a browser through screens ①–⑥. The browser holds a
//! random secret in a cookie; the database holds only its SHA-256.

use super::{Store, instant};
use crate::core::AccountId;
use renkei_common::api::AccountInput;
use renkei_common::fields::{AccountNumber, AccountType, BranchCode};
use renkei_common::steps::Step;
use sqlx::Row;
use time::OffsetDateTime;

/// What a flow is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FlowPurpose {
    /// Linking an app: ①–⑥, begun at the app's request (or at ① in
    /// development).
    Link,
    /// The customer's own view of their links (連携管理): ①–⑤, then the list.
    ManageLinks,
}

stored_enum!(FlowPurpose { Link = "link", ManageLinks = "manage_links" });

/// A flow as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FlowRecord {
    pub id_hash: String,
    pub step: Step,
    pub expires_at: OffsetDateTime,
    /// Screen ①'s answer.
    pub account: Option<AccountInput>,
    /// The core account, once screens ①② matched it.
    pub account_id: Option<AccountId>,
    /// The app's authorization request (JSON), for a flow an app started;
    /// `None` for a development flow started at screen ①.
    pub oauth_request: Option<String>,
    /// Screen ②'s address for the completion notice.
    pub email: Option<String>,
    /// The pushed request the flow came from, used up when it is answered.
    pub pushed_request_hash: Option<String>,
    pub purpose: FlowPurpose,
}

impl FlowRecord {
    /// Begun before screen ① (at an app's request or on 連携管理): ① is
    /// answered on it, and a void call sends it back to ①.
    pub fn begun_before_screen_one(&self) -> bool {
        self.oauth_request.is_some() || self.purpose == FlowPurpose::ManageLinks
    }

    pub fn reference(&self) -> String {
        reference(&self.id_hash)
    }

    /// The app that started the flow (for the operation log).
    pub fn client_id(&self) -> Option<String> {
        #[derive(serde::Deserialize)]
        struct Client {
            client_id: String,
        }
        serde_json::from_str::<Client>(self.oauth_request.as_deref()?).ok().map(|c| c.client_id)
    }
}

/// A short, non-secret reference to a flow for logs: its hash's first 12
/// hex digits.
pub fn reference(id_hash: &str) -> String {
    id_hash.chars().take(12).collect()
}

impl Store {
    /// Records screen ①'s answer as a new flow that continues at `next`.
    pub async fn create_flow(
        &self,
        id_hash: &str,
        account: &AccountInput,
        next: Step,
        now: OffsetDateTime,
        expires_at: OffsetDateTime,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(
            "INSERT INTO flows (id_hash, created_at, expires_at, step, branch_code, account_type, account_number)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(id_hash)
        .bind(now.unix_timestamp())
        .bind(expires_at.unix_timestamp())
        .bind(next.as_str())
        .bind(account.branch.as_str())
        .bind(account.account_type.as_str())
        .bind(account.number.as_str())
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// A flow an app started at the authorization endpoint: it waits at ①.
    pub async fn create_flow_for_app(
        &self,
        id_hash: &str,
        oauth_request: &str,
        pushed_request_hash: Option<&str>,
        now: OffsetDateTime,
        expires_at: OffsetDateTime,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(
            "INSERT INTO flows (id_hash, created_at, expires_at, step, oauth_request, pushed_request_hash)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(id_hash)
        .bind(now.unix_timestamp())
        .bind(expires_at.unix_timestamp())
        .bind(Step::Account.as_str())
        .bind(oauth_request)
        .bind(pushed_request_hash)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// A flow for 連携管理, begun by the customer: it waits at ①.
    pub async fn create_flow_to_manage_links(
        &self,
        id_hash: &str,
        now: OffsetDateTime,
        expires_at: OffsetDateTime,
    ) -> Result<(), sqlx::Error> {
        sqlx::query("INSERT INTO flows (id_hash, created_at, expires_at, step, purpose) VALUES ($1, $2, $3, $4, $5)")
            .bind(id_hash)
            .bind(now.unix_timestamp())
            .bind(expires_at.unix_timestamp())
            .bind(Step::Account.as_str())
            .bind(FlowPurpose::ManageLinks.as_str())
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Records (or, with the back button, replaces) screen ①'s answer on a
    /// flow still at ① or ②; it then stands at `next`.
    pub async fn set_flow_account(
        &self,
        id_hash: &str,
        account: &AccountInput,
        next: Step,
    ) -> Result<bool, sqlx::Error> {
        let result = sqlx::query(
            "UPDATE flows SET branch_code = $1, account_type = $2, account_number = $3, step = $4
             WHERE id_hash = $5 AND step IN ($6, $7)",
        )
        .bind(account.branch.as_str())
        .bind(account.account_type.as_str())
        .bind(account.number.as_str())
        .bind(next.as_str())
        .bind(id_hash)
        .bind(Step::Account.as_str())
        .bind(Step::Customer.as_str())
        .execute(self.pool())
        .await?;
        Ok(result.rows_affected() == 1)
    }

    /// The flow behind a cookie, if it exists and has not expired at `now`.
    pub async fn live_flow(&self, id_hash: &str, now: OffsetDateTime) -> Result<Option<FlowRecord>, sqlx::Error> {
        self.flow_alive_after(id_hash, now.unix_timestamp()).await
    }

    /// The flow behind a cookie even if it has ended or expired (until the
    /// sweep removes it): enough to send the customer back to its app.
    pub async fn flow_even_if_ended(&self, id_hash: &str) -> Result<Option<FlowRecord>, sqlx::Error> {
        self.flow_alive_after(id_hash, i64::MIN).await
    }

    async fn flow_alive_after(&self, id_hash: &str, after: i64) -> Result<Option<FlowRecord>, sqlx::Error> {
        let row = sqlx::query(
            "SELECT step, expires_at, branch_code, account_type, account_number, account_id, oauth_request, email,
                    pushed_request_hash, purpose
             FROM flows WHERE id_hash = $1 AND expires_at > $2",
        )
        .bind(id_hash)
        .bind(after)
        .fetch_optional(self.pool())
        .await?;
        let Some(row) = row else { return Ok(None) };
        let step_text: String = row.try_get("step")?;
        let step = Step::from_name(&step_text)
            .ok_or_else(|| sqlx::Error::Decode(format!("unknown flow step {step_text:?}").into()))?;
        let expires_at = instant(row.try_get("expires_at")?)?;
        let account = match row.try_get::<Option<String>, _>("branch_code")? {
            Some(branch) => Some(stored_account(
                &branch,
                &row.try_get::<Option<String>, _>("account_type")?.unwrap_or_default(),
                &row.try_get::<Option<String>, _>("account_number")?.unwrap_or_default(),
            )?),
            None => None,
        };
        Ok(Some(FlowRecord {
            id_hash: id_hash.to_owned(),
            step,
            expires_at,
            account,
            account_id: row.try_get::<Option<i64>, _>("account_id")?.map(AccountId),
            oauth_request: row.try_get("oauth_request")?,
            email: row.try_get("email")?,
            pushed_request_hash: row.try_get("pushed_request_hash")?,
            purpose: FlowPurpose::from_stored(&row.try_get::<String, _>("purpose")?)?,
        }))
    }

    /// Ends a live flow at once: it cannot continue. `false` if it had
    /// ended already (so of two answers at once, only one goes on).
    pub async fn end_flow(&self, flow_hash: &str, now: OffsetDateTime) -> Result<bool, sqlx::Error> {
        end_flow_on(self.pool(), flow_hash, now).await
    }

    /// Sends a flow an app started back to screen ① (its 120 seconds ran
    /// out): what ①–③ recorded is forgotten, the app's request and the
    /// flow's deadline stay. Only a flow still at `from` goes back.
    pub async fn restart_flow(&self, id_hash: &str, from: Step) -> Result<bool, sqlx::Error> {
        let result = sqlx::query(
            "UPDATE flows SET step = $1, branch_code = NULL, account_type = NULL, account_number = NULL,
                 account_id = NULL, kana_name = NULL, email = NULL
             WHERE id_hash = $2 AND step = $3",
        )
        .bind(Step::Account.as_str())
        .bind(id_hash)
        .bind(from.as_str())
        .execute(self.pool())
        .await?;
        Ok(result.rows_affected() == 1)
    }

    /// Moves a flow from `from` to `to`; only a flow still at `from` moves.
    pub async fn advance(&self, id_hash: &str, from: Step, to: Step) -> Result<bool, sqlx::Error> {
        let result = sqlx::query("UPDATE flows SET step = $1 WHERE id_hash = $2 AND step = $3")
            .bind(to.as_str())
            .bind(id_hash)
            .bind(from.as_str())
            .execute(self.pool())
            .await?;
        Ok(result.rows_affected() == 1)
    }

    /// Moves a flow from `from` to `to` after screens ①② matched the core
    /// account. Only a flow still at `from` moves, so a double submission
    /// cannot advance it twice; returns whether it moved.
    pub async fn advance_after_identity(
        &self,
        id_hash: &str,
        from: Step,
        to: Step,
        account: (AccountId, &AccountInput),
        kana_name: &str,
        email: &str,
    ) -> Result<bool, sqlx::Error> {
        let (account_id, checked) = account;
        // Only if ① still names the account that was checked: a resubmitted
        // ① in between would otherwise pair one account's id with another's
        // number.
        let result = sqlx::query(
            "UPDATE flows SET step = $1, account_id = $2, kana_name = $3, email = $4
             WHERE id_hash = $5 AND step = $6 AND branch_code = $7 AND account_type = $8 AND account_number = $9",
        )
        .bind(to.as_str())
        .bind(account_id.0)
        .bind(kana_name)
        .bind(email)
        .bind(id_hash)
        .bind(from.as_str())
        .bind(checked.branch.as_str())
        .bind(checked.account_type.as_str())
        .bind(checked.number.as_str())
        .execute(self.pool())
        .await?;
        Ok(result.rows_affected() == 1)
    }
}

/// Screen ①'s answer as stored. Each value passed the same parser on the
/// way in; one that no longer does is a fault to report, never a row to
/// read as if ① had not been answered.
fn stored_account(branch: &str, account_type: &str, number: &str) -> Result<AccountInput, sqlx::Error> {
    let unreadable = |what: &str| sqlx::Error::Decode(format!("stored {what} does not parse").into());
    Ok(AccountInput {
        branch: BranchCode::parse(branch).map_err(|_| unreadable("branch code"))?,
        account_type: AccountType::parse(account_type).map_err(|_| unreadable("account type"))?,
        number: AccountNumber::parse(number).map_err(|_| unreadable("account number"))?,
    })
}

/// [`Store::end_flow`] on any connection, a transaction's included.
pub(super) async fn end_flow_on<'e>(
    on: impl sqlx::Executor<'e, Database = sqlx::Any>,
    flow_hash: &str,
    now: OffsetDateTime,
) -> Result<bool, sqlx::Error> {
    let ended = sqlx::query("UPDATE flows SET expires_at = $1 WHERE id_hash = $2 AND expires_at > $1")
        .bind(now.unix_timestamp())
        .bind(flow_hash)
        .execute(on)
        .await?;
    Ok(ended.rows_affected() == 1)
}
