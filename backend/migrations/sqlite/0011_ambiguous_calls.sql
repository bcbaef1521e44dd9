-- A call that fits more than one waiting attempt (same caller, same
-- number) verifies none of them: each is marked void here, and its screen
-- sends the customer back to ①.
ALTER TABLE call_attempts ADD COLUMN ambiguous_at INTEGER;
