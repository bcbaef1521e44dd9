-- FAPI 2.0: sender-constrained tokens (DPoP, RFC 9449) and replay guards
-- for DPoP proofs and client assertions.
ALTER TABLE authorization_codes ADD COLUMN dpop_jkt TEXT;
ALTER TABLE tokens ADD COLUMN dpop_jkt TEXT;

-- A proof's or an assertion's jti is accepted once while it could be valid.
CREATE TABLE used_jtis (
    issuer      TEXT NOT NULL,           -- the key thumbprint or the client id
    jti         TEXT NOT NULL,
    expires_at  INTEGER NOT NULL,
    PRIMARY KEY (issuer, jti)
);
