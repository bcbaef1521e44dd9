//! Form bodies read into more than one typed view (the request's own
//! members, and the client authentication that travels with them).

use crate::domain::oauth::error::OAuthError;
use serde::de::DeserializeOwned;

pub fn parse<T: DeserializeOwned>(body: &[u8]) -> Result<T, OAuthError> {
    serde_urlencoded::from_bytes(body).map_err(|_| OAuthError::invalid_request("the body is not a valid form"))
}
