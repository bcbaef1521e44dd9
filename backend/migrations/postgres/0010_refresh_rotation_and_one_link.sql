-- A refresh token used up by rotation is told apart from one the app
-- revoked, that expired or that never was: presented again, it means two
-- parties hold the grant (RFC 9700 §4.14.2), and the whole grant ends.
-- A rotated token has revoked_at set too, so "live" stays one test.
ALTER TABLE tokens ADD COLUMN rotated_at BIGINT;

-- One live link per app and account: a new consent ends the account's
-- earlier ones to the same app, and every token of theirs.
CREATE INDEX consents_account_client ON consents (account_id, client_id);
CREATE INDEX tokens_consent_id ON tokens (consent_id);
