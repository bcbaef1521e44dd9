-- Mail is queued here in the same breath as the consent, then delivered by
-- a worker with retries: a mail failure never loses the consent nor holds
-- up the customer's redirect.
CREATE TABLE mail_outbox (
    id               INTEGER PRIMARY KEY,
    to_address       TEXT NOT NULL,
    subject          TEXT NOT NULL,
    body             TEXT NOT NULL,
    created_at       INTEGER NOT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  INTEGER NOT NULL,
    sent_at          INTEGER,
    last_error       TEXT
);
CREATE INDEX mail_outbox_due ON mail_outbox (sent_at, next_attempt_at);
