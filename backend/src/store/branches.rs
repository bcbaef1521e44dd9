//! The union's branches (お取引店舗), read from the core records.

use super::Store;
use renkei_common::api::Branch;
use sqlx::Row;

impl Store {
    pub async fn branches(&self) -> Result<Vec<Branch>, sqlx::Error> {
        let rows = sqlx::query("SELECT code, name, kana FROM branches ORDER BY sort_order, code")
            .fetch_all(self.pool())
            .await?;
        rows.iter()
            .map(|row| {
                Ok(Branch { code: row.try_get("code")?, name: row.try_get("name")?, kana: row.try_get("kana")? })
            })
            .collect()
    }
}
