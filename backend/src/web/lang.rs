//! The customer's language, as an extractor: the switch's `lang` query
//! parameter, then the cookie that keeps the choice, then the browser's
//! `Accept-Language` (`common::lang`). A page asked for with `?lang=`
//! answers with the cookie, so the choice lasts.

use axum::extract::FromRequestParts;
use axum::http::HeaderMap;
use axum::http::header::ACCEPT_LANGUAGE;
use axum::http::request::Parts;
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};
use renkei_common::Lang;
use std::convert::Infallible;

/// The language to answer in, and whether the request chose it just now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RequestLang {
    pub lang: Lang,
    pub chosen: bool,
}

impl RequestLang {
    pub fn of(query: Option<&str>, headers: &HeaderMap) -> RequestLang {
        let chosen = query.into_iter().flat_map(|q| q.split('&')).find_map(|pair| {
            let (name, value) = pair.split_once('=')?;
            (name == Lang::QUERY).then(|| Lang::from_tag(value)).flatten()
        });
        if let Some(lang) = chosen {
            return RequestLang { lang, chosen: true };
        }
        let kept = CookieJar::from_headers(headers).get(Lang::COOKIE).and_then(|c| Lang::from_tag(c.value()));
        let lang = kept.unwrap_or_else(|| {
            Lang::negotiate(headers.get(ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).unwrap_or_default())
        });
        RequestLang { lang, chosen: false }
    }

    /// The cookie keeping a choice made just now: a year, the whole site,
    /// readable by no script that does not need it (the SPA reads the
    /// language from the page).
    pub fn cookie(self, secure: bool) -> Option<Cookie<'static>> {
        self.chosen.then(|| {
            Cookie::build((Lang::COOKIE, self.lang.tag()))
                .path("/")
                .max_age(time::Duration::days(365))
                .same_site(SameSite::Lax)
                .http_only(true)
                .secure(secure)
                .build()
        })
    }
}

impl RequestLang {
    /// The cookie jar to answer with: the choice's cookie, if one was made.
    pub fn jar(self, secure: bool) -> CookieJar {
        match self.cookie(secure) {
            Some(cookie) => CookieJar::new().add(cookie),
            None => CookieJar::new(),
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for RequestLang {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(RequestLang::of(parts.uri.query(), &parts.headers))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::web::headers;

    #[test]
    fn the_switch_wins_then_the_cookie_then_the_browser() {
        let browser_en = headers(&[("accept-language", "en-US,en;q=0.9")]);
        let kept_ja = headers(&[("accept-language", "en-US"), ("cookie", "renkei_lang=ja")]);
        assert_eq!(RequestLang::of(Some("lang=ja"), &browser_en), RequestLang { lang: Lang::Ja, chosen: true });
        assert_eq!(RequestLang::of(Some("x=1&lang=en"), &kept_ja), RequestLang { lang: Lang::En, chosen: true });
        assert_eq!(RequestLang::of(None, &kept_ja), RequestLang { lang: Lang::Ja, chosen: false });
        assert_eq!(RequestLang::of(Some("lang=fr"), &browser_en).lang, Lang::En, "an unknown choice is no choice");
        assert_eq!(RequestLang::of(None, &HeaderMap::new()).lang, Lang::Ja);
    }

    #[test]
    fn only_a_choice_made_now_sets_the_cookie() {
        let chosen = RequestLang { lang: Lang::En, chosen: true };
        let cookie = chosen.cookie(true).unwrap().to_string();
        assert!(cookie.starts_with("renkei_lang=en;") && cookie.contains("Secure") && cookie.contains("Path=/"));
        assert!(RequestLang { lang: Lang::En, chosen: false }.cookie(true).is_none());
    }
}
