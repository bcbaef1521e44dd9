-- Core banking records (勘定系) as the bundled implementation keeps them,
-- and the flows of API authentication. Instants are Unix epoch seconds and
-- flags are 0/1 integers, identically on SQLite and PostgreSQL.

CREATE TABLE branches (
    code        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    kana        TEXT NOT NULL,
    sort_order  INTEGER NOT NULL
);

CREATE TABLE customers (
    id          INTEGER PRIMARY KEY,
    kana_name   TEXT NOT NULL,
    birth_date  TEXT NOT NULL            -- YYYY-MM-DD
);

CREATE TABLE customer_phones (
    customer_id INTEGER NOT NULL REFERENCES customers (id),
    phone_e164  TEXT NOT NULL,           -- +819012345678
    sort_order  INTEGER NOT NULL,
    PRIMARY KEY (customer_id, phone_e164)
);

CREATE TABLE accounts (
    id              INTEGER PRIMARY KEY,
    customer_id     INTEGER NOT NULL REFERENCES customers (id),
    branch_code     TEXT NOT NULL REFERENCES branches (code),
    account_type    TEXT NOT NULL,       -- ordinary | savings | current
    account_number  TEXT NOT NULL,       -- seven digits
    status          TEXT NOT NULL,       -- active | moved | closed
    has_cash_card   INTEGER NOT NULL,
    pin_hash        TEXT,                -- argon2id PHC string; never a PIN
    moved_to        INTEGER REFERENCES accounts (id),
    UNIQUE (branch_code, account_type, account_number)
);

CREATE TABLE flows (
    id_hash         TEXT PRIMARY KEY,    -- SHA-256 of the cookie's secret
    created_at      INTEGER NOT NULL,
    expires_at      INTEGER NOT NULL,
    step            TEXT NOT NULL,       -- the screen the customer is on
    branch_code     TEXT,
    account_type    TEXT,
    account_number  TEXT
);
CREATE INDEX flows_expires_at ON flows (expires_at);

-- Rule 6 of the service calendar: windows the operator adds at run time.
CREATE TABLE maintenance_windows (
    id          INTEGER PRIMARY KEY,
    starts_at   INTEGER NOT NULL,
    ends_at     INTEGER NOT NULL,
    note        TEXT NOT NULL
);
