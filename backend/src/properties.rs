//! Fuzz targets for what the server parses from the outside world, run on
//! stable as property tests with the rest of the suite (the screens'
//! parsers have theirs in `common`): the telephony webhook's form and
//! signature, the JWTs of DPoP proofs and client assertions, and the
//! language a request asks for. None panics on anything; only a request
//! signed over exactly what arrived is believed.
//! `PROPTEST_CASES=100000 cargo test -p renkei-backend --lib properties`
//! is the longer run.

use crate::config::Config;
use crate::domain::oauth::jose;
use crate::telephony::CallProvider;
use crate::telephony::twilio::{SIGNATURE_HEADER, Twilio, sign, verify};
use crate::web::lang::RequestLang;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use http::{HeaderMap, HeaderValue};
use proptest::prelude::*;

fn params() -> impl Strategy<Value = Vec<(String, String)>> {
    proptest::collection::vec(("[A-Za-z]{1,10}", any::<String>()), 0..8)
}

/// Three dot-separated base64url segments over arbitrary bytes: a JWS in
/// shape, nonsense inside, which is what an attacker sends.
fn jws_shaped() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..64), 3)
        .prop_map(|parts| parts.iter().map(|p| URL_SAFE_NO_PAD.encode(p)).collect::<Vec<_>>().join("."))
}

proptest! {
    #[test]
    fn only_a_webhook_signed_over_what_arrived_is_believed(
        token in "[a-f0-9]{32}",
        url in "https://[a-z]{1,10}\\.jp/[a-z/]{0,20}",
        params in params(),
        forged in any::<String>(),
    ) {
        let signature = sign(&token, &url, &params);
        prop_assert!(verify(&token, &url, &params, &signature));
        prop_assert!(!verify(&token, &format!("{url}x"), &params, &signature), "another URL");
        let mut changed = params.clone();
        changed.push(("Extra".into(), "1".into()));
        prop_assert!(!verify(&token, &url, &changed, &signature), "another form");
        prop_assert!(forged == signature || !verify(&token, &url, &params, &forged));
    }

    #[test]
    fn any_webhook_form_and_header_is_answered_without_a_panic(params in params(), signature in any::<String>()) {
        let config = Config::for_tests("sqlite::memory:");
        let mut headers = HeaderMap::new();
        if let Ok(value) = HeaderValue::from_str(&signature) {
            headers.insert(SIGNATURE_HEADER, value);
        }
        let url = "https://auth.example.jp/telephony/twilio/voice";
        prop_assert!(Twilio::authenticate(&config, url, &headers, &params).is_err(), "unsigned or forged");
    }

    #[test]
    fn any_jwt_is_read_without_a_panic(text in any::<String>(), shaped in jws_shaped()) {
        for token in [text.as_str(), shaped.as_str()] {
            if let Some(header) = jose::header(token) {
                prop_assert!(jose::ALLOWED.contains(&header.alg), "never none, HS* or RS256");
            }
            let _ = jose::raw_header(token);
            let _ = jose::unverified_claims(token);
        }
    }

    #[test]
    fn any_language_request_is_ja_or_en(query in any::<String>(), accept in any::<String>(), cookie in any::<String>()) {
        let mut headers = HeaderMap::new();
        for (name, value) in [("accept-language", &accept), ("cookie", &cookie)] {
            if let Ok(value) = HeaderValue::from_str(value) {
                headers.insert(name, value);
            }
        }
        let asked = RequestLang::of(Some(&query), &headers);
        prop_assert!(renkei_common::Lang::ALL.contains(&asked.lang));
        prop_assert_eq!(asked.cookie(true).is_some(), asked.chosen);
    }
}
