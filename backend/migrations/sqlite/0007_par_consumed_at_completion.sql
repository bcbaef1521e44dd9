-- PAR-REUSE-EARLY: a pushed request is used up when its flow is answered at
-- ⑥, not at the first visit to the authorization endpoint (a reload or a
-- second tab before then still works).
ALTER TABLE flows ADD COLUMN pushed_request_hash TEXT;
