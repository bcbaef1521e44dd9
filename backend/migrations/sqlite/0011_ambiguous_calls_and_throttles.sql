-- A call that fits more than one waiting attempt (same caller, same
-- number) verifies none of them: each is marked void here, and its screen
-- sends the customer back to ①.
ALTER TABLE call_attempts ADD COLUMN ambiguous_at INTEGER;

-- Throttles on screens ①② (abuse limits, apart from the manual's daily
-- lock): one counter per scope (flow | address | account), subject and
-- window, claimed by one atomic upsert so concurrent requests never pass
-- a limit; expires_at lets the sweep drop spent windows.
CREATE TABLE throttle_counts (
    scope         TEXT NOT NULL,
    subject       TEXT NOT NULL,         -- flow hash, client address, account as named on ①
    window_start  INTEGER NOT NULL,      -- epoch seconds; 0 for a flow's whole life
    expires_at    INTEGER NOT NULL,
    count         INTEGER NOT NULL,
    PRIMARY KEY (scope, subject, window_start)
);

-- The distinct members a counter counts (the addresses that checked an
-- account): a member already admitted in the window passes again.
CREATE TABLE throttle_members (
    scope         TEXT NOT NULL,
    subject       TEXT NOT NULL,
    window_start  INTEGER NOT NULL,
    member        TEXT NOT NULL,
    expires_at    INTEGER NOT NULL,
    PRIMARY KEY (scope, subject, window_start, member)
);
