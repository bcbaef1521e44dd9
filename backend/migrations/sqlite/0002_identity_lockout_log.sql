-- Step 1 (screens ①②): what the flow learned, failure counters, API
-- authentication locks, the operation log, and the operator's switch.

ALTER TABLE flows ADD COLUMN account_id INTEGER;
ALTER TABLE flows ADD COLUMN kana_name TEXT;
ALTER TABLE flows ADD COLUMN email TEXT;

-- One row per account, JST day and kind of check; incremented by a single
-- atomic upsert so concurrent failures all count.
CREATE TABLE auth_failures (
    account_id  INTEGER NOT NULL REFERENCES accounts (id),
    day         TEXT NOT NULL,           -- JST date, YYYY-MM-DD
    kind        TEXT NOT NULL,           -- identity | pin
    count       INTEGER NOT NULL,
    PRIMARY KEY (account_id, day, kind)
);

-- API authentication locks (never the ATM's card lock). A lock carries its
-- own expiry, so releasing at 0:00 JST needs no job.
CREATE TABLE api_locks (
    account_id    INTEGER PRIMARY KEY REFERENCES accounts (id),
    locked_at     INTEGER NOT NULL,
    locked_until  INTEGER NOT NULL,
    reason        TEXT NOT NULL          -- identity | pin
);

-- One row per attempt and outcome. Never a PIN, a token, a full phone
-- number or a full date of birth.
CREATE TABLE operation_log (
    id              INTEGER PRIMARY KEY,
    at              INTEGER NOT NULL,
    flow_ref        TEXT,                -- first 12 hex digits of the flow's hash
    client_id       TEXT,
    step            TEXT NOT NULL,
    outcome         TEXT NOT NULL,       -- ok | a catalogue id
    account_masked  TEXT,
    ip              TEXT,
    user_agent      TEXT,
    kana_name       TEXT
);
CREATE INDEX operation_log_at ON operation_log (at);

CREATE TABLE settings (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);
