//! Extractors: request data read at the edge, with rejections that speak
//! the error catalogue rather than axum's plain-text defaults.

use crate::domain::audit::ClientInfo;
use crate::domain::error::DomainError;
use crate::state::AppState;
use axum::extract::rejection::JsonRejection;
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Request};
use axum::http::{header, request::Parts};
use renkei_common::catalogue::ErrorId;
use serde::de::DeserializeOwned;
use std::convert::Infallible;
use std::net::SocketAddr;

/// A JSON body; a malformed one is `invalid_input`, never a bare 4xx.
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = DomainError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(request, state).await {
            Ok(axum::Json(value)) => Ok(ApiJson(value)),
            Err(rejection) => {
                // Never the rejection's text: serde quotes the value it
                // could not read, and that value may be a PIN.
                tracing::info!(kind = rejection_kind(&rejection), "unreadable JSON body");
                Err(DomainError::Refused(ErrorId::InvalidInput))
            }
        }
    }
}

fn rejection_kind(rejection: &JsonRejection) -> &'static str {
    match rejection {
        JsonRejection::JsonDataError(_) => "fields of the wrong type or shape",
        JsonRejection::JsonSyntaxError(_) => "not JSON",
        JsonRejection::MissingJsonContentType(_) => "not sent as JSON",
        JsonRejection::BytesRejection(_) => "body unreadable",
        _ => "other",
    }
}

impl FromRequestParts<AppState> for ClientInfo {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let peer = parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|ConnectInfo(addr)| addr.ip().to_string());
        let forwarded = parts.headers.get_all(FORWARDED_FOR).iter().filter_map(|v| v.to_str().ok());
        let ip = client_ip(peer, forwarded, state.config.proxy_hops);
        let user_agent = parts
            .headers
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .map(|ua| ua.chars().take(256).collect());
        Ok(ClientInfo { ip, user_agent })
    }
}

const FORWARDED_FOR: &str = "x-forwarded-for";

/// The customer's address. Behind `proxy_hops` proxies of our own, each
/// appends the address it was reached from to X-Forwarded-For, so the
/// customer's is that many entries from the right; entries further left
/// are whatever the client wrote and are never believed. With no proxy
/// configured the header is ignored altogether.
fn client_ip<'a>(peer: Option<String>, forwarded: impl Iterator<Item = &'a str>, proxy_hops: usize) -> Option<String> {
    if proxy_hops == 0 {
        return peer;
    }
    let chain: Vec<&str> = forwarded.flat_map(|v| v.split(',')).map(str::trim).filter(|v| !v.is_empty()).collect();
    let from_right = chain.len().checked_sub(proxy_hops)?;
    chain.get(from_right).and_then(|ip| ip.parse::<std::net::IpAddr>().ok()).map(|ip| ip.to_string()).or(peer)
}

#[cfg(test)]
mod tests {
    use super::client_ip;

    fn ip(peer: &str, forwarded: &[&str], hops: usize) -> Option<String> {
        client_ip(Some(peer.to_owned()), forwarded.iter().copied(), hops)
    }

    #[test]
    fn without_a_proxy_the_connection_is_the_client_and_the_header_is_ignored() {
        assert_eq!(ip("198.51.100.7", &["203.0.113.9"], 0).as_deref(), Some("198.51.100.7"));
    }

    #[test]
    fn behind_proxies_the_entry_they_appended_is_the_client() {
        // The client forged the first entry; our one proxy appended the real one.
        assert_eq!(ip("10.0.0.2", &["1.2.3.4, 203.0.113.9"], 1).as_deref(), Some("203.0.113.9"));
        assert_eq!(ip("10.0.0.2", &["1.2.3.4", "203.0.113.9, 10.0.0.1"], 2).as_deref(), Some("203.0.113.9"));
        // Fewer entries than proxies: nothing to believe.
        assert_eq!(ip("10.0.0.2", &[], 1), None);
        assert_eq!(ip("10.0.0.2", &["not an address"], 1).as_deref(), Some("10.0.0.2"));
    }
}
