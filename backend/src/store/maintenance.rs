//! Rule 6 of the service calendar: maintenance windows the operator adds
//! at run time, kept in the database so every instance sees them.

use super::{Store, instant};
use renkei_common::calendar::{Rule, Window, jst};
use sqlx::Row;
use time::OffsetDateTime;

impl Store {
    /// Windows that have not ended by `now`.
    pub async fn ad_hoc_windows(&self, now: OffsetDateTime) -> Result<Vec<Window>, sqlx::Error> {
        let rows = sqlx::query("SELECT starts_at, ends_at FROM maintenance_windows WHERE ends_at > $1")
            .bind(now.unix_timestamp())
            .fetch_all(self.pool())
            .await?;
        rows.iter()
            .map(|row| {
                let at = |column: &str| -> Result<OffsetDateTime, sqlx::Error> { instant(row.try_get(column)?) };
                Ok(Window { rule: Rule::AdHoc, start: jst(at("starts_at")?), end: jst(at("ends_at")?) })
            })
            .collect()
    }

    pub async fn add_maintenance_window(
        &self,
        starts_at: OffsetDateTime,
        ends_at: OffsetDateTime,
        note: &str,
    ) -> Result<(), sqlx::Error> {
        sqlx::query("INSERT INTO maintenance_windows (starts_at, ends_at, note) VALUES ($1, $2, $3)")
            .bind(starts_at.unix_timestamp())
            .bind(ends_at.unix_timestamp())
            .bind(note)
            .execute(self.pool())
            .await?;
        Ok(())
    }
}
