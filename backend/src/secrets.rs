//! Random secrets (flow cookies, codes, tokens, request URIs) and the hash
//! under which each is stored: the database never holds one in the clear.

use crate::random::Random;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};

/// 256 random bits from `random`, URL-safe base64 (43 characters).
pub fn secret_from(random: &dyn Random) -> String {
    let mut bytes = [0_u8; 32];
    random.fill(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// A secret from the system generator, for callers outside the domain
/// (the demo app, tests); the domain draws from the injected source.
pub fn random_secret() -> String {
    secret_from(&*crate::random::system())
}

/// The stored form of a secret: SHA-256, hex.
pub fn hash(secret: &str) -> String {
    Sha256::digest(secret.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// A value we must recognise but never read back (the caller's phone
/// number of a call attempt): HMAC-SHA-256 under the instances' shared
/// key, hex. Unlike a plain hash, a phone number's few digits cannot be
/// tried one by one from a copy of the database alone.
pub fn keyed_digest(key: &str, purpose: &str, value: &str) -> String {
    use hmac::{Hmac, Mac};
    // HMAC takes a key of any length; this cannot fail.
    let mut mac = Hmac::<Sha256>::new_from_slice(key.as_bytes()).unwrap_or_else(|_| unreachable!());
    mac.update(purpose.as_bytes());
    mac.update(b"\0");
    mac.update(value.as_bytes());
    mac.finalize().into_bytes().iter().map(|b| format!("{b:02x}")).collect()
}

/// PKCE S256: BASE64URL(SHA256(verifier)) (RFC 7636 §4.2).
pub fn s256(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pkce_s256_matches_rfc_7636_appendix_b() {
        assert_eq!(s256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"), "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }

    #[test]
    fn secrets_are_long_random_and_hashed() {
        let (a, b) = (random_secret(), random_secret());
        assert_eq!(a.len(), 43);
        assert_ne!(a, b);
        assert_eq!(hash(&a).len(), 64);
    }
}
