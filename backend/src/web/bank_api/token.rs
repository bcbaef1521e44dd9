//! The access token of a bank API request, as an extractor: a handler that
//! takes `BankToken` runs only for a token accepted for its account.

use crate::domain::bank_api::{Authorized, BankApiError, Presented, Scheme};
use crate::domain::oauth::dpop;
use crate::state::AppState;
use axum::extract::{FromRequestParts, OriginalUri};
use axum::http::header;
use axum::http::request::Parts;

pub struct BankToken(pub Authorized);

/// `Authorization: <scheme> <token>`; the scheme's case does not matter
/// (RFC 9110 §11.1).
fn presented(value: &str) -> Option<(Scheme, &str)> {
    let (scheme, token) = value.trim().split_once(' ')?;
    let scheme = match scheme.to_ascii_lowercase().as_str() {
        "bearer" => Scheme::Bearer,
        "dpop" => Scheme::Dpop,
        _ => return None,
    };
    let token = token.trim();
    (!token.is_empty()).then_some((scheme, token))
}

impl FromRequestParts<AppState> for BankToken {
    type Rejection = BankApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let authorization = parts.headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok());
        let Some((scheme, token)) = authorization.and_then(presented) else {
            return Err(BankApiError::Unauthorized { scheme: Scheme::Bearer, error: None, nonce: None });
        };
        let proofs: Vec<&str> = parts.headers.get_all(dpop::HEADER).iter().filter_map(|v| v.to_str().ok()).collect();
        // The proof's htu names the URL as the world calls it (the full
        // path: inside the nested router `uri` has lost its prefix).
        let path = parts.extensions.get::<OriginalUri>().map_or(parts.uri.path(), |OriginalUri(uri)| uri.path());
        let url = format!("{}{path}", state.public_url);
        let presented = Presented { scheme, token, proofs: &proofs, method: parts.method.as_str(), url: &url };
        Ok(BankToken(state.bank_api().authorize(&presented).await?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes_are_read_in_any_case() {
        assert_eq!(presented("Bearer abc"), Some((Scheme::Bearer, "abc")));
        assert_eq!(presented("DPoP abc"), Some((Scheme::Dpop, "abc")));
        assert_eq!(presented("DPOP abc"), Some((Scheme::Dpop, "abc")));
        assert_eq!(presented("Basic abc"), None);
        assert_eq!(presented("Bearer "), None);
    }
}
