//! Switches the operator sets at run time, shared by every instance.

use super::Store;

const FLOW_ENABLED: &str = "flow_enabled";

impl Store {
    /// Whether API authentication is switched on (it is unless turned off).
    pub async fn flow_enabled(&self) -> Result<bool, sqlx::Error> {
        let value: Option<String> = sqlx::query_scalar("SELECT value FROM settings WHERE key = $1")
            .bind(FLOW_ENABLED)
            .fetch_optional(self.pool())
            .await?;
        Ok(value.as_deref() != Some("0"))
    }

    pub async fn set_flow_enabled(&self, enabled: bool) -> Result<(), sqlx::Error> {
        sqlx::query(
            "INSERT INTO settings (key, value) VALUES ($1, $2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        )
        .bind(FLOW_ENABLED)
        .bind(if enabled { "1" } else { "0" })
        .execute(self.pool())
        .await?;
        Ok(())
    }
}
