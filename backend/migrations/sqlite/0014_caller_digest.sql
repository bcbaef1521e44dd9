-- A call attempt keeps its caller's number as a keyed digest (HMAC-SHA-256
-- under the instances' shared secret) and masked for screen ④: it needs to
-- recognise the number, never to read it. Attempts live 120 seconds; those
-- in flight at the upgrade are dropped (their customers start ④ again).
DELETE FROM call_attempts;
DROP INDEX call_attempts_destination;
ALTER TABLE call_attempts RENAME COLUMN caller_e164 TO caller_digest;
ALTER TABLE call_attempts ADD COLUMN caller_masked TEXT NOT NULL DEFAULT '';
CREATE INDEX call_attempts_destination ON call_attempts (destination_e164, caller_digest);
