-- The OAuth 2.0 authorization server: registered clients, pushed
-- authorization requests, consents (情報連携認可), one-time codes and tokens.
-- Every secret is stored as its SHA-256 only.

CREATE TABLE oauth_clients (
    client_id      TEXT PRIMARY KEY,
    name           TEXT NOT NULL,        -- shown on screen ⑥
    profile        TEXT NOT NULL,        -- baseline | fapi2
    auth_method    TEXT NOT NULL,        -- client_secret_basic | private_key_jwt
    secret_hash    TEXT,                 -- SHA-256 hex of the client secret
    jwks           TEXT,                 -- public keys, for private_key_jwt
    redirect_uris  TEXT NOT NULL,        -- one per line, matched exactly
    scopes         TEXT NOT NULL         -- the scopes it may ask for, space-separated
);

CREATE TABLE pushed_requests (
    request_uri_hash  TEXT PRIMARY KEY,
    client_id         TEXT NOT NULL REFERENCES oauth_clients (client_id),
    request           TEXT NOT NULL,     -- the validated authorization request, JSON
    expires_at        INTEGER NOT NULL,
    used_at           INTEGER
);

ALTER TABLE flows ADD COLUMN oauth_request TEXT;  -- JSON; NULL for a development flow

CREATE TABLE consents (
    id          INTEGER PRIMARY KEY,
    account_id  INTEGER NOT NULL REFERENCES accounts (id),
    client_id   TEXT NOT NULL REFERENCES oauth_clients (client_id),
    scope       TEXT NOT NULL,
    granted_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    revoked_at  INTEGER
);

CREATE TABLE authorization_codes (
    code_hash       TEXT PRIMARY KEY,
    client_id       TEXT NOT NULL,
    consent_id      INTEGER NOT NULL REFERENCES consents (id),
    redirect_uri    TEXT NOT NULL,
    code_challenge  TEXT NOT NULL,
    scope           TEXT NOT NULL,
    expires_at      INTEGER NOT NULL,
    used_at         INTEGER
);

CREATE TABLE tokens (
    token_hash  TEXT PRIMARY KEY,
    kind        TEXT NOT NULL,           -- access | refresh
    client_id   TEXT NOT NULL,
    consent_id  INTEGER NOT NULL REFERENCES consents (id),
    code_hash   TEXT NOT NULL,           -- the code the grant began with
    scope       TEXT NOT NULL,
    expires_at  INTEGER NOT NULL,
    revoked_at  INTEGER
);
CREATE INDEX tokens_code_hash ON tokens (code_hash);
