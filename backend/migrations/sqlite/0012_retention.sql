-- Mail that keeps failing stops: after the last allowed try it is marked
-- failed (with its reason in last_error) and no longer retried.
ALTER TABLE mail_outbox ADD COLUMN failed_at INTEGER;
-- Pruning by age reads these.
CREATE INDEX authorization_codes_expires_at ON authorization_codes (expires_at);
CREATE INDEX tokens_expires_at ON tokens (expires_at);
CREATE INDEX received_calls_received_at ON received_calls (received_at);
