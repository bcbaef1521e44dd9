//! The cookie that carries a flow's secret (see `domain::journey`): the
//! database keeps only the secret's SHA-256, so a leaked table lets nobody
//! resume a customer's flow.

use crate::domain::journey::FlowSecret;
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};

pub const NAME: &str = "renkei_flow";

/// The secret this browser holds, if any.
pub fn secret_in(jar: &CookieJar) -> Option<FlowSecret> {
    jar.get(NAME).and_then(|c| FlowSecret::from_browser(c.value()))
}

/// HttpOnly (no script reads it), SameSite=Strict (no other site sends
/// it), Secure outside development. It outlives the flow by the hour the
/// server keeps an expired flow: the server enforces the flow's own
/// deadline, and 「アプリに戻る」 can still find the app after it.
pub fn cookie_for(secret: FlowSecret, secure: bool, lifetime: time::Duration) -> Cookie<'static> {
    Cookie::build((NAME, secret.expose()))
        .path("/api/flow")
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(secure)
        .max_age(lifetime + crate::store::EXPIRED_FLOW_GRACE)
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::random::SeededRandom;

    #[test]
    fn secrets_are_unique_and_stored_only_as_a_hash() {
        let random = SeededRandom::new(3);
        let a = FlowSecret::generate(&*random);
        let b = FlowSecret::generate(&*random);
        assert_ne!(a.hash(), b.hash());
        assert_eq!(a.hash().len(), 64);
        assert_ne!(a.hash(), a.expose());
    }

    #[test]
    fn the_cookie_is_http_only_and_strict() {
        let secret = FlowSecret::generate(&*SeededRandom::new(4));
        let text = cookie_for(secret, true, time::Duration::minutes(15)).to_string();
        assert!(text.contains("HttpOnly"));
        assert!(text.contains("SameSite=Strict"));
        assert!(text.contains("Secure"));
        assert!(text.contains("Max-Age=4500"), "15 minutes and the hour's grace: {text}");
    }
}
