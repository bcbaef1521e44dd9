//! The demo data of the embedded core, for `cargo xtask run` and the tests:
//! the union's branches, a handful of customers (one for each situation
//! README.md lists), a balance for every account and four months of
//! passbook lines for those in use.

use super::EmbeddedCore;
use super::ledger::{self, NewLine};
use super::passbook::passbook_of;
use crate::core::AccountId;
use sqlx::AnyConnection;
use time::Date;

/// (code, name, reading)
pub const BRANCHES: [(&str, &str, &str); 7] = [
    ("001", "本店営業部", "ホンテンエイギョウブ"),
    ("002", "名駅支店", "メイエキ"),
    ("011", "一宮支店", "イチノミヤ"),
    ("022", "豊田支店", "トヨタ"),
    ("031", "岡崎支店", "オカザキ"),
    ("041", "豊橋支店", "トヨハシ"),
    ("051", "春日井支店", "カスガイ"),
];

/// One demo customer and their account, as README.md documents them.
#[derive(Clone, Copy, Debug)]
pub struct DemoCustomer {
    pub situation: &'static str,
    /// argon2id (OWASP: m=19456 KiB, t=2, p=1) of the demo PIN README.md
    /// gives; the database never sees a PIN.
    pub pin_hash: &'static str,
    pub kana_name: &'static str,
    pub birth_date: &'static str,
    pub phones: &'static [&'static str],
    pub branch: &'static str,
    pub account_type: &'static str,
    pub account_number: &'static str,
    pub status: &'static str,
    pub has_cash_card: bool,
}

pub const DEMO_CUSTOMERS: [DemoCustomer; 7] = [
    DemoCustomer {
        situation: "happy path",
        pin_hash: "$argon2id$v=19$m=19456,t=2,p=1$oVyX0cAICWCufDKeIQ/Wdw$kdnCFWmkYgICYHPi99OJm48VBR0IHRvJt6D5ep/xhGg",
        kana_name: "ヤマダ　タロウ",
        birth_date: "1985-04-01",
        phones: &["+819012345678"],
        branch: "001",
        account_type: "ordinary",
        account_number: "1234567",
        status: "active",
        has_cash_card: true,
    },
    DemoCustomer {
        situation: "two registered phones",
        pin_hash: "$argon2id$v=19$m=19456,t=2,p=1$JbEImyucJZbFt7VJi+vCDg$iTf+elqZm/vEsYO42hernfabrGOX4eoWH/XAvA/zwtY",
        kana_name: "スズキ　ハナコ",
        birth_date: "1990-12-24",
        phones: &["+819023456789", "+81524510000"],
        branch: "002",
        account_type: "ordinary",
        account_number: "2345678",
        status: "active",
        has_cash_card: true,
    },
    DemoCustomer {
        situation: "savings account (貯蓄)",
        pin_hash: "$argon2id$v=19$m=19456,t=2,p=1$KEhtXs9XDnh4bADRgQMO1g$jyBQqGGwvuxaRdxEF568RgVn03vNmh0tI1BmCIQyjus",
        kana_name: "タナカ　ジロウ",
        birth_date: "1978-07-15",
        phones: &["+819034567890"],
        branch: "001",
        account_type: "savings",
        account_number: "3456789",
        status: "active",
        has_cash_card: true,
    },
    DemoCustomer {
        situation: "no cash card (refused: account_not_handled)",
        pin_hash: "$argon2id$v=19$m=19456,t=2,p=1$Us7wvdJToQTpiZSTPGpm3A$Dakx7/4ywI4zRGgjJOeS5hQps/nWRFo13dIoPBJhxMc",
        kana_name: "サトウ　ミキ",
        birth_date: "1995-03-03",
        phones: &["+819045678901"],
        branch: "031",
        account_type: "ordinary",
        account_number: "4567890",
        status: "active",
        has_cash_card: false,
    },
    DemoCustomer {
        situation: "moved away: old account 011-111111 (refused)",
        pin_hash: "$argon2id$v=19$m=19456,t=2,p=1$ZaOG6TVdtydcQ5Rl32bYMA$bWq16kxkaNhqW5Pfnnc4wMU7kn/B9a4DoQKJBZFEt1M",
        kana_name: "ワタナベ　ケン",
        birth_date: "1969-09-09",
        phones: &["+819056789012"],
        branch: "011",
        account_type: "ordinary",
        account_number: "0111111",
        status: "moved",
        has_cash_card: true,
    },
    DemoCustomer {
        situation: "moved to: new account 022-2222222",
        pin_hash: "$argon2id$v=19$m=19456,t=2,p=1$/agTXOKzIJ/rA36kSo/k1Q$jMCYI4iYlggTp3zsxOAcjJD5MjfAF4Q2kM5lEurz0Lk",
        kana_name: "ワタナベ　ケン",
        birth_date: "1969-09-09",
        phones: &["+819056789012"],
        branch: "022",
        account_type: "ordinary",
        account_number: "2222222",
        status: "active",
        has_cash_card: true,
    },
    DemoCustomer {
        situation: "no registered phone",
        pin_hash: "$argon2id$v=19$m=19456,t=2,p=1$mAxdmiecmb3MJmEQGKfDBQ$bEi0zS5zhYegajkDrIpA1MqcWUZi7uS54Y8maoDh094",
        kana_name: "コバヤシ　ユイ",
        birth_date: "2000-01-15",
        phones: &[],
        branch: "041",
        account_type: "ordinary",
        account_number: "5678901",
        status: "active",
        has_cash_card: true,
    },
];

impl EmbeddedCore {
    /// Loads the demo data once, its passbooks ending the day before
    /// `today` (JST); a database that already has branches is left alone.
    /// Several instances may start at once: inserts that lose the race are
    /// ignored, and only the instance that creates an account's balance row
    /// books its lines.
    pub async fn seed_demo(&self, today: Date) -> Result<bool, sqlx::Error> {
        let mut tx = self.pool.begin().await?;
        let existing: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM branches").fetch_one(&mut *tx).await?;
        if existing > 0 {
            return Ok(false);
        }
        for (order, (code, name, kana)) in BRANCHES.iter().enumerate() {
            sqlx::query(
                "INSERT INTO branches (code, name, kana, sort_order) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (code) DO NOTHING",
            )
            .bind(*code)
            .bind(*name)
            .bind(*kana)
            .bind(order as i64)
            .execute(&mut *tx)
            .await?;
        }
        // The customer moved between branches is one person with two
        // accounts; the others have one each.
        let mut customer_id = 0_i64;
        let mut previous_name = "";
        for (index, demo) in DEMO_CUSTOMERS.iter().enumerate() {
            if demo.kana_name != previous_name {
                customer_id += 1;
                previous_name = demo.kana_name;
                insert_customer(&mut tx, customer_id, demo).await?;
            }
            let account = AccountId(index as i64 + 1);
            sqlx::query(
                "INSERT INTO accounts (id, customer_id, branch_code, account_type, account_number, status, has_cash_card, pin_hash)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING",
            )
            .bind(account.0)
            .bind(customer_id)
            .bind(demo.branch)
            .bind(demo.account_type)
            .bind(demo.account_number)
            .bind(demo.status)
            .bind(i64::from(demo.has_cash_card))
            .bind(demo.pin_hash)
            .execute(&mut *tx)
            .await?;
            insert_ledger(&mut tx, account, demo, today).await?;
        }
        // The old account points at the new one.
        sqlx::query(
            "UPDATE accounts SET moved_to = (SELECT id FROM accounts WHERE branch_code = '022' AND account_number = '2222222')
             WHERE branch_code = '011' AND account_number = '0111111'",
        )
        .execute(&mut *tx)
        .await?;
        advance_identities_past_the_seed(&mut tx).await?;
        tx.commit().await?;
        Ok(true)
    }
}

/// The seed writes its own ids; PostgreSQL's identity sequences do not see
/// them, so the next row added without an id would collide with a demo
/// row. Move each past the highest id. (SQLite takes max(rowid) + 1 by
/// itself.)
async fn advance_identities_past_the_seed(conn: &mut AnyConnection) -> Result<(), sqlx::Error> {
    if conn.backend_name() != "PostgreSQL" {
        return Ok(());
    }
    for table in ["customers", "accounts"] {
        sqlx::query(&format!("SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"))
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

async fn insert_customer(conn: &mut AnyConnection, customer_id: i64, demo: &DemoCustomer) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO customers (id, kana_name, birth_date) VALUES ($1, $2, $3)
         ON CONFLICT (id) DO NOTHING",
    )
    .bind(customer_id)
    .bind(demo.kana_name)
    .bind(demo.birth_date)
    .execute(&mut *conn)
    .await?;
    for (order, phone) in demo.phones.iter().enumerate() {
        sqlx::query(
            "INSERT INTO customer_phones (customer_id, phone_e164, sort_order) VALUES ($1, $2, $3)
             ON CONFLICT DO NOTHING",
        )
        .bind(customer_id)
        .bind(*phone)
        .bind(order as i64)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// The account's balance row and passbook. The balance row is the claim:
/// lines are booked only by the seed that created it, so two seeds never
/// book a passbook twice.
async fn insert_ledger(
    conn: &mut AnyConnection,
    account: AccountId,
    demo: &DemoCustomer,
    today: Date,
) -> Result<(), sqlx::Error> {
    let (opening, lines): (i64, Vec<NewLine>) = match passbook_of(demo.account_number) {
        Some(book) => (book.opening(), book.lines(today)),
        None => (0, Vec::new()),
    };
    let balance = lines.last().map_or(opening, |line| line.balance_after);
    // The figures are those at the start of today: nothing is booked today
    // yet, so yesterday's closing balance is today's.
    let claimed = sqlx::query(
        "INSERT INTO account_balances (account_id, balance, withdrawable, previous_day_balance, as_of)
         VALUES ($1, $2, $2, $2, $3) ON CONFLICT (account_id) DO NOTHING",
    )
    .bind(account.0)
    .bind(balance)
    .bind(ledger::start_of(today).unix_timestamp())
    .execute(&mut *conn)
    .await?
    .rows_affected()
        == 1;
    if claimed {
        for line in &lines {
            ledger::insert_line(&mut *conn, account, line).await?;
        }
    }
    Ok(())
}
