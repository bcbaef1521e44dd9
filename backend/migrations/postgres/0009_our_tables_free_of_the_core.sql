-- The core banking system is a port: with a union's own core, accounts
-- live there, not in the embedded core's demo tables. Our own records of
-- an account (failure counts, locks, links) name it by the core's key and
-- must not depend on a demo table holding it.
ALTER TABLE auth_failures DROP CONSTRAINT IF EXISTS auth_failures_account_id_fkey;
ALTER TABLE api_locks DROP CONSTRAINT IF EXISTS api_locks_account_id_fkey;
ALTER TABLE consents DROP CONSTRAINT IF EXISTS consents_account_id_fkey;
