-- The core banking system is a port: with a union's own core, accounts
-- live there, not in the embedded core's demo tables. Our own records of
-- an account (failure counts, locks, links) name it by the core's key and
-- must not depend on a demo table holding it.
--
-- SQLite drops a reference only by rebuilding the table. The migration
-- runs in a transaction with foreign keys on, so the consents are rebuilt
-- together with the codes and tokens that reference them: children are
-- dropped before their parent, and the renames carry the references over.

CREATE TABLE auth_failures_rebuilt (
    account_id  INTEGER NOT NULL,
    day         TEXT NOT NULL,           -- JST date, YYYY-MM-DD
    kind        TEXT NOT NULL,           -- identity | pin
    count       INTEGER NOT NULL,
    PRIMARY KEY (account_id, day, kind)
);
INSERT INTO auth_failures_rebuilt (account_id, day, kind, count)
    SELECT account_id, day, kind, count FROM auth_failures;
DROP TABLE auth_failures;
ALTER TABLE auth_failures_rebuilt RENAME TO auth_failures;

CREATE TABLE api_locks_rebuilt (
    account_id    INTEGER PRIMARY KEY,
    locked_at     INTEGER NOT NULL,
    locked_until  INTEGER NOT NULL,
    reason        TEXT NOT NULL          -- identity | pin
);
INSERT INTO api_locks_rebuilt (account_id, locked_at, locked_until, reason)
    SELECT account_id, locked_at, locked_until, reason FROM api_locks;
DROP TABLE api_locks;
ALTER TABLE api_locks_rebuilt RENAME TO api_locks;

CREATE TABLE consents_rebuilt (
    id          INTEGER PRIMARY KEY,
    account_id  INTEGER NOT NULL,        -- the core's key (no demo table)
    client_id   TEXT NOT NULL REFERENCES oauth_clients (client_id),
    scope       TEXT NOT NULL,
    granted_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    revoked_at  INTEGER
);
CREATE TABLE authorization_codes_rebuilt (
    code_hash       TEXT PRIMARY KEY,
    client_id       TEXT NOT NULL,
    consent_id      INTEGER NOT NULL REFERENCES consents_rebuilt (id),
    redirect_uri    TEXT NOT NULL,
    code_challenge  TEXT NOT NULL,
    scope           TEXT NOT NULL,
    expires_at      INTEGER NOT NULL,
    used_at         INTEGER,
    dpop_jkt        TEXT
);
CREATE TABLE tokens_rebuilt (
    token_hash  TEXT PRIMARY KEY,
    kind        TEXT NOT NULL,           -- access | refresh
    client_id   TEXT NOT NULL,
    consent_id  INTEGER NOT NULL REFERENCES consents_rebuilt (id),
    code_hash   TEXT NOT NULL,           -- the code the grant began with
    scope       TEXT NOT NULL,
    expires_at  INTEGER NOT NULL,
    revoked_at  INTEGER,
    dpop_jkt    TEXT
);
INSERT INTO consents_rebuilt (id, account_id, client_id, scope, granted_at, expires_at, revoked_at)
    SELECT id, account_id, client_id, scope, granted_at, expires_at, revoked_at FROM consents;
INSERT INTO authorization_codes_rebuilt
    (code_hash, client_id, consent_id, redirect_uri, code_challenge, scope, expires_at, used_at, dpop_jkt)
    SELECT code_hash, client_id, consent_id, redirect_uri, code_challenge, scope, expires_at, used_at, dpop_jkt
    FROM authorization_codes;
INSERT INTO tokens_rebuilt
    (token_hash, kind, client_id, consent_id, code_hash, scope, expires_at, revoked_at, dpop_jkt)
    SELECT token_hash, kind, client_id, consent_id, code_hash, scope, expires_at, revoked_at, dpop_jkt FROM tokens;
DROP TABLE tokens;
DROP TABLE authorization_codes;
DROP TABLE consents;
ALTER TABLE consents_rebuilt RENAME TO consents;
ALTER TABLE authorization_codes_rebuilt RENAME TO authorization_codes;
ALTER TABLE tokens_rebuilt RENAME TO tokens;
CREATE INDEX tokens_code_hash ON tokens (code_hash);
