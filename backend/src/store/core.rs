//! The narrow read-only window onto the core banking records (勘定系) that
//! the flow needs. The bundled implementation reads the demo tables.

use super::Store;
use renkei_common::api::AccountInput;
use sqlx::Row;

/// An account as the core knows it, with what identifies its holder.
#[derive(Clone, Debug)]
pub struct CoreAccount {
    pub id: i64,
    /// In use, with a cash card, and of a type that can be linked.
    pub linkable: bool,
    /// `YYYY-MM-DD`
    pub birth_date: String,
    /// E.164, e.g. `+819012345678`.
    pub phones: Vec<String>,
}

impl Store {
    pub async fn find_account(&self, account: &AccountInput) -> Result<Option<CoreAccount>, sqlx::Error> {
        let row = sqlx::query(
            "SELECT a.id, a.customer_id, a.status, a.has_cash_card, a.account_type, c.birth_date
             FROM accounts a JOIN customers c ON c.id = a.customer_id
             WHERE a.branch_code = $1 AND a.account_type = $2 AND a.account_number = $3",
        )
        .bind(account.branch.as_str())
        .bind(account.account_type.as_str())
        .bind(account.number.as_str())
        .fetch_optional(self.pool())
        .await?;
        let Some(row) = row else { return Ok(None) };
        let customer_id: i64 = row.try_get("customer_id")?;
        let status: String = row.try_get("status")?;
        let has_cash_card: i64 = row.try_get("has_cash_card")?;
        let account_type: String = row.try_get("account_type")?;
        let phones =
            sqlx::query_scalar("SELECT phone_e164 FROM customer_phones WHERE customer_id = $1 ORDER BY sort_order")
                .bind(customer_id)
                .fetch_all(self.pool())
                .await?;
        Ok(Some(CoreAccount {
            id: row.try_get("id")?,
            linkable: status == "active"
                && has_cash_card == 1
                && matches!(account_type.as_str(), "ordinary" | "savings"),
            birth_date: row.try_get("birth_date")?,
            phones,
        }))
    }
}

impl Store {
    /// The account's cash-card PIN hash (argon2id PHC string).
    pub async fn pin_hash(&self, account_id: i64) -> Result<Option<String>, sqlx::Error> {
        let hash: Option<Option<String>> = sqlx::query_scalar("SELECT pin_hash FROM accounts WHERE id = $1")
            .bind(account_id)
            .fetch_optional(self.pool())
            .await?;
        Ok(hash.flatten())
    }
}
