//! The cookie that binds a flow to one browser. It holds a random secret;
//! the database keeps only the secret's SHA-256, so a leaked table lets
//! nobody resume a customer's flow.

use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};

pub const NAME: &str = "renkei_flow";

pub struct FlowSecret(String);

impl FlowSecret {
    pub fn generate() -> Self {
        FlowSecret(crate::secrets::random_secret())
    }

    pub fn from_jar(jar: &CookieJar) -> Option<Self> {
        jar.get(NAME).map(|c| FlowSecret(c.value().to_owned())).filter(|s| s.0.len() == 43)
    }

    /// The key the flow is stored under.
    pub fn hash(&self) -> String {
        crate::secrets::hash(&self.0)
    }

    /// HttpOnly (no script reads it), SameSite=Strict (no other site sends
    /// it), Secure outside development. It outlives the flow by the hour the
    /// server keeps an expired flow: the server enforces the flow's own
    /// deadline, and 「アプリに戻る」 can still find the app after it.
    pub fn into_cookie(self, secure: bool, lifetime: time::Duration) -> Cookie<'static> {
        Cookie::build((NAME, self.0))
            .path("/api/flow")
            .http_only(true)
            .same_site(SameSite::Strict)
            .secure(secure)
            .max_age(lifetime + crate::store::EXPIRED_FLOW_GRACE)
            .build()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_unique_and_stored_only_as_a_hash() {
        let a = FlowSecret::generate();
        let b = FlowSecret::generate();
        assert_ne!(a.0, b.0);
        assert_eq!(a.hash().len(), 64);
        assert_ne!(a.hash(), a.0);
    }

    #[test]
    fn the_cookie_is_http_only_and_strict() {
        let cookie = FlowSecret::generate().into_cookie(true, time::Duration::minutes(15));
        let text = cookie.to_string();
        assert!(text.contains("HttpOnly"));
        assert!(text.contains("SameSite=Strict"));
        assert!(text.contains("Secure"));
        assert!(text.contains("Max-Age=4500"), "15 minutes and the hour's grace: {text}");
    }
}
