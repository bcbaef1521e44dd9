//! The cookie that carries a flow's secret (see `domain::journey`): the
//! database keeps only the secret's SHA-256, so a leaked table lets nobody
//! resume a customer's flow.
//!
//! In production it is a `__Host-` cookie: the browser accepts it only if
//! it is Secure, for path `/` and without a Domain, so no other host of
//! the union's domain (and no plain-HTTP page) can set or overwrite it.

use crate::domain::journey::FlowSecret;
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};

pub const NAME: &str = "renkei_flow";
/// The production name: the prefix makes browsers enforce Secure, `/` and
/// no Domain.
pub const HOST_NAME: &str = "__Host-renkei_flow";

fn name(production: bool) -> &'static str {
    if production { HOST_NAME } else { NAME }
}

/// The secret this browser holds, if any (only under the profile's name:
/// in production a cookie without the prefix may come from anywhere).
pub fn secret_in(jar: &CookieJar, production: bool) -> Option<FlowSecret> {
    jar.get(name(production)).and_then(|c| FlowSecret::from_browser(c.value()))
}

/// HttpOnly (no script reads it), SameSite=Strict (no other site sends
/// it), and in production Secure with the `__Host-` prefix. It outlives
/// the flow by the hour the server keeps an expired flow: the server
/// enforces the flow's own deadline, and 「アプリに戻る」 can still find the
/// app after it.
pub fn cookie_for(secret: FlowSecret, production: bool, lifetime: time::Duration) -> Cookie<'static> {
    Cookie::build((name(production), secret.expose()))
        // `__Host-` requires path `/`; and the page of screen ⑥ reads the
        // flow too (`web::shell::consent`), in development as well.
        .path("/")
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(production)
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
        let text = cookie_for(secret, false, time::Duration::minutes(15)).to_string();
        assert!(text.starts_with("renkei_flow="));
        assert!(text.contains("HttpOnly"));
        assert!(text.contains("SameSite=Strict"));
        assert!(text.contains("Max-Age=4500"), "15 minutes and the hour's grace: {text}");
    }

    #[test]
    fn in_production_it_is_a_host_cookie() {
        let secret = FlowSecret::generate(&*SeededRandom::new(5));
        let text = cookie_for(secret, true, time::Duration::minutes(15)).to_string();
        assert!(text.starts_with("__Host-renkei_flow="), "{text}");
        assert!(text.contains("Secure") && text.contains("Path=/") && !text.contains("Path=/api"), "{text}");
        assert!(!text.contains("Domain"), "{text}");
    }
}
