//! The operation log: one row per attempt and outcome, for the union's
//! auditors. What may go in is decided above, by `domain::audit`; this
//! module only knows the columns.

use super::Store;
use sqlx::Row;
use time::OffsetDateTime;

/// A row to write, every value already masked or permitted.
#[derive(Clone, Copy, Debug)]
pub struct NewOperation<'a> {
    pub at: OffsetDateTime,
    pub step: &'a str,
    pub outcome: &'a str,
    pub flow_ref: Option<&'a str>,
    pub client_id: Option<&'a str>,
    pub account_masked: Option<&'a str>,
    pub ip: Option<&'a str>,
    pub user_agent: Option<&'a str>,
    pub kana_name: Option<&'a str>,
    pub detail: Option<&'a str>,
}

/// A row as read back (tests, the operator's desk).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoggedOperation {
    pub step: String,
    pub outcome: String,
    pub flow_ref: Option<String>,
    pub client_id: Option<String>,
    pub account_masked: Option<String>,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    pub kana_name: Option<String>,
    pub detail: Option<String>,
}

impl Store {
    pub async fn record_operation(&self, row: &NewOperation<'_>) -> Result<(), sqlx::Error> {
        sqlx::query(
            "INSERT INTO operation_log (at, flow_ref, client_id, step, outcome, account_masked, ip, user_agent, kana_name, detail)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(row.at.unix_timestamp())
        .bind(row.flow_ref)
        .bind(row.client_id)
        .bind(row.step)
        .bind(row.outcome)
        .bind(row.account_masked)
        .bind(row.ip)
        .bind(row.user_agent)
        .bind(row.kana_name)
        .bind(row.detail)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    pub async fn operations(&self) -> Result<Vec<LoggedOperation>, sqlx::Error> {
        let rows = sqlx::query(
            "SELECT step, outcome, flow_ref, client_id, account_masked, ip, user_agent, kana_name, detail
             FROM operation_log ORDER BY id",
        )
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(LoggedOperation {
                    step: r.try_get("step")?,
                    outcome: r.try_get("outcome")?,
                    flow_ref: r.try_get("flow_ref")?,
                    client_id: r.try_get("client_id")?,
                    account_masked: r.try_get("account_masked")?,
                    ip: r.try_get("ip")?,
                    user_agent: r.try_get("user_agent")?,
                    kana_name: r.try_get("kana_name")?,
                    detail: r.try_get("detail")?,
                })
            })
            .collect()
    }
}
