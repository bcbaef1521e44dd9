//! The two dialects' migrations build the same database: the same tables,
//! columns (kind and nullability) and indexes, so a test passing on one
//! speaks for the other. And the demo seed leaves PostgreSQL's identity
//! sequences past the ids it wrote.

use crate::on_both_databases;
use crate::support::{Db, TestApp};
use sqlx::{Connection, PgConnection, Row, SqliteConnection};
use std::collections::BTreeSet;

/// (table, column, kind, not null)
type Columns = BTreeSet<(String, String, &'static str, bool)>;
/// (table, columns in order, unique); primary keys left out (SQLite keeps
/// an INTEGER one as the rowid, with no index).
type Indexes = BTreeSet<(String, String, bool)>;

fn kind(declared: &str) -> &'static str {
    match declared.to_ascii_lowercase().as_str() {
        "integer" | "bigint" | "int" => "integer",
        "text" => "text",
        _ => "other",
    }
}

async fn sqlite_schema(url: &str) -> (Columns, Indexes) {
    let mut conn = SqliteConnection::connect(url).await.unwrap();
    let columns = sqlx::query(
        "SELECT m.name AS tbl, c.name AS col, c.type AS declared, (c.\"notnull\" OR c.pk > 0) AS required
         FROM sqlite_master m, pragma_table_info(m.name) c
         WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> '_sqlx_migrations'",
    )
    .fetch_all(&mut conn)
    .await
    .unwrap()
    .iter()
    .map(|r| (r.get("tbl"), r.get("col"), kind(r.get::<&str, _>("declared")), r.get::<bool, _>("required")))
    .collect();
    let indexes = sqlx::query(
        "SELECT m.name AS tbl, il.name AS idx, il.\"unique\" AS uniq,
                (SELECT group_concat(name, ',') FROM (SELECT name FROM pragma_index_info(il.name) ORDER BY seqno)) AS cols
         FROM sqlite_master m, pragma_index_list(m.name) il
         WHERE m.type = 'table' AND il.origin <> 'pk' AND m.name NOT LIKE 'sqlite_%' AND m.name <> '_sqlx_migrations'",
    )
    .fetch_all(&mut conn)
    .await
    .unwrap()
    .iter()
    .map(|r| (r.get("tbl"), r.get("cols"), r.get::<bool, _>("uniq")))
    .collect();
    (columns, indexes)
}

async fn postgres_schema(url: &str) -> (Columns, Indexes) {
    let mut conn = PgConnection::connect(url).await.unwrap();
    let columns = sqlx::query(
        "SELECT table_name::text AS tbl, column_name::text AS col, data_type::text AS declared,
                is_nullable = 'NO' AS required
         FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name <> '_sqlx_migrations'",
    )
    .fetch_all(&mut conn)
    .await
    .unwrap()
    .iter()
    .map(|r| (r.get("tbl"), r.get("col"), kind(r.get::<&str, _>("declared")), r.get::<bool, _>("required")))
    .collect();
    let indexes = sqlx::query(
        "SELECT t.relname::text AS tbl, ix.indisunique AS uniq,
                string_agg(a.attname::text, ',' ORDER BY k.ord) AS cols
         FROM pg_index ix
         JOIN pg_class t ON t.oid = ix.indrelid
         JOIN pg_namespace n ON n.oid = t.relnamespace
         CROSS JOIN LATERAL unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord)
         JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
         WHERE n.nspname = current_schema() AND NOT ix.indisprimary AND t.relname <> '_sqlx_migrations'
         GROUP BY t.relname, ix.indexrelid, ix.indisunique",
    )
    .fetch_all(&mut conn)
    .await
    .unwrap()
    .iter()
    .map(|r| (r.get("tbl"), r.get("cols"), r.get::<bool, _>("uniq")))
    .collect();
    (columns, indexes)
}

#[tokio::test]
async fn sqlite_and_postgres_migrations_build_the_same_tables_columns_and_indexes() {
    let sqlite = TestApp::spawn(Db::Sqlite).await;
    let postgres = TestApp::spawn(Db::Postgres).await;
    let (sqlite_columns, sqlite_indexes) = sqlite_schema(&sqlite.database_url).await;
    let (postgres_columns, postgres_indexes) = postgres_schema(&postgres.database_url).await;
    assert!(sqlite_columns.len() > 50, "the schema was read: {sqlite_columns:?}");
    let only = |a: &Columns, b: &Columns| a.difference(b).cloned().collect::<Vec<_>>();
    assert!(
        sqlite_columns == postgres_columns,
        "columns only on SQLite: {:?}\ncolumns only on PostgreSQL: {:?}",
        only(&sqlite_columns, &postgres_columns),
        only(&postgres_columns, &sqlite_columns)
    );
    assert!(!sqlite_indexes.is_empty(), "the indexes were read");
    assert_eq!(sqlite_indexes, postgres_indexes, "indexes (table, columns, unique)");
}

on_both_databases! {
    async fn rows_added_after_the_demo_seed_get_fresh_ids(app) {
        let customer: i64 =
            sqlx::query_scalar("INSERT INTO customers (kana_name, birth_date) VALUES ('テスト', '2000-01-01') RETURNING id")
                .fetch_one(app.store.pool())
                .await
                .unwrap();
        assert!(customer > 6, "after the seed's own ids: {customer}");
        let account: i64 = sqlx::query_scalar(
            "INSERT INTO accounts (customer_id, branch_code, account_type, account_number, status, has_cash_card)
             VALUES ($1, '001', 'ordinary', '7777777', 'active', 1) RETURNING id",
        )
        .bind(customer)
        .fetch_one(app.store.pool())
        .await
        .unwrap();
        assert!(account > 7, "after the seed's own ids: {account}");
    }
}
