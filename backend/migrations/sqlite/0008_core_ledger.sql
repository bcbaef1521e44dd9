-- Balances and passbook lines (通帳明細): demo tables of the embedded core;
-- a real union's core keeps these. Amounts are whole yen, dates JST.

-- One row per account, kept in step with its lines when a line is booked.
CREATE TABLE account_balances (
    account_id            INTEGER PRIMARY KEY REFERENCES accounts (id),
    balance               INTEGER NOT NULL,
    withdrawable          INTEGER NOT NULL,  -- the balance less holds
    previous_day_balance  INTEGER NOT NULL,
    as_of                 INTEGER NOT NULL   -- the start of the latest day the figures cover
);

-- Lines are only ever appended: the id grows with booking order and, after
-- the date, is the stable paging key (and the bank API's itemKey).
CREATE TABLE account_transactions (
    id             INTEGER PRIMARY KEY,
    account_id     INTEGER NOT NULL REFERENCES accounts (id),
    booked_on      TEXT NOT NULL,            -- YYYY-MM-DD (取扱日)
    value_on       TEXT NOT NULL,            -- YYYY-MM-DD (起算日)
    direction      INTEGER NOT NULL,         -- 1 deposit (入金) | 2 withdrawal (出金)
    amount         INTEGER NOT NULL,         -- always positive
    remarks        TEXT NOT NULL,            -- 摘要, as the passbook prints it
    balance_after  INTEGER NOT NULL
);
-- A page is one account's lines in (date, id) order after a cursor.
CREATE INDEX account_transactions_paging ON account_transactions (account_id, booked_on, id);
