-- Step 2 (screens ③④): one call attempt per flow, and every call the
-- telephony provider reported (its id makes a replayed webhook count once).

CREATE TABLE call_attempts (
    flow_hash         TEXT PRIMARY KEY REFERENCES flows (id_hash),
    caller_e164       TEXT NOT NULL,     -- the registered phone chosen on ③
    destination_e164  TEXT NOT NULL,     -- the authentication number shown on ④
    created_at        BIGINT NOT NULL,
    deadline          BIGINT NOT NULL,  -- created_at + 120 s
    verified_at       BIGINT,
    call_id           TEXT,
    pressed_at        BIGINT            -- first 「確定する」
);
CREATE INDEX call_attempts_destination ON call_attempts (destination_e164, caller_e164);

CREATE TABLE received_calls (
    call_id      TEXT PRIMARY KEY,       -- the provider's id (Twilio CallSid)
    provider     TEXT NOT NULL,
    from_masked  TEXT,
    to_e164      TEXT,
    received_at  BIGINT NOT NULL,
    outcome      TEXT NOT NULL
);

ALTER TABLE operation_log ADD COLUMN detail TEXT;
