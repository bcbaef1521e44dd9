//! The JWT checks DPoP proofs and client assertions share: an allowed
//! asymmetric algorithm, a signature that verifies, and claims read as the
//! JSON they are (times are judged by our clock, not the library's).

use jsonwebtoken::jwk::Jwk;
use jsonwebtoken::{Algorithm, DecodingKey, Header, Validation};
use serde_json::Value;

/// FAPI 2.0 allows PS256, ES256 and EdDSA; never RS256, HS*, or none.
pub const ALLOWED: [Algorithm; 3] = [Algorithm::ES256, Algorithm::PS256, Algorithm::EdDSA];
/// [`ALLOWED`] by their JWA names (RFC 7518), as discovery lists them.
pub const ALLOWED_NAMES: [&str; 3] = ["ES256", "PS256", "EdDSA"];

/// The header, if the token is a well-formed JWS with an allowed algorithm.
pub fn header(token: &str) -> Option<Header> {
    if token.split('.').count() != 3 {
        return None;
    }
    jsonwebtoken::decode_header(token).ok().filter(|h| ALLOWED.contains(&h.alg))
}

/// The raw JSON of the header (for members the typed header drops).
pub fn raw_header(token: &str) -> Option<Value> {
    use base64::Engine;
    let first = token.split('.').next()?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(first).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// The claims, if the signature verifies with `jwk` under `alg`.
pub fn verified_claims(token: &str, jwk: &Jwk, alg: Algorithm) -> Option<serde_json::Map<String, Value>> {
    let key = DecodingKey::from_jwk(jwk).ok()?;
    let mut validation = Validation::new(alg);
    validation.required_spec_claims.clear();
    validation.validate_exp = false;
    validation.validate_nbf = false;
    validation.validate_aud = false;
    jsonwebtoken::decode::<serde_json::Map<String, Value>>(token, &key, &validation).ok().map(|data| data.claims)
}

/// RFC 7638 thumbprint (SHA-256, base64url).
pub fn thumbprint(jwk: &Jwk) -> Option<String> {
    jwk.thumbprint(jsonwebtoken::jwk::ThumbprintHash::SHA256).ok()
}

/// The claims before any check: only to learn who claims to have signed.
pub fn unverified_claims(token: &str) -> Option<serde_json::Map<String, Value>> {
    use base64::Engine;
    let second = token.split('.').nth(1)?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(second).ok()?;
    serde_json::from_slice(&bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_names_are_the_allowed_algorithms() {
        let names: Vec<String> = ALLOWED.iter().map(|alg| format!("{alg:?}")).collect();
        assert_eq!(names, ALLOWED_NAMES);
    }
}
