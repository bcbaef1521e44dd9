-- A refresh token used up by rotation is told apart from one the app
-- revoked, that expired or that never was: presented again, it means two
-- parties hold the grant (RFC 9700 §4.14.2), and the whole grant ends.
-- A rotated token has revoked_at set too, so "live" stays one test.
ALTER TABLE tokens ADD COLUMN rotated_at INTEGER;
