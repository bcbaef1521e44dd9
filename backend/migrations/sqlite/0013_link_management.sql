-- Who ended a link: the customer (連携管理), the app (revocation), a new
-- link of the same app and account, the account's move or closure, a
-- replayed refresh token, or the union's desk. NULL while it stands.
ALTER TABLE consents ADD COLUMN revoked_by TEXT;
-- What a flow is for: linking an app (the default), or the customer's own
-- view of their links (連携管理), which passes ①–⑤ and lists them.
ALTER TABLE flows ADD COLUMN purpose TEXT NOT NULL DEFAULT 'link';
-- The link list reads an account's consents.
CREATE INDEX consents_account_id ON consents (account_id);
