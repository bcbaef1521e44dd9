//! Twilio's voice webhook: form-encoded `CallSid`, `AccountSid`, `From`,
//! `To`, `CallStatus`…, signed in `X-Twilio-Signature` as Twilio specifies:
//! base64(HMAC-SHA1(auth token, full URL + each POST parameter's name and
//! value, sorted by name)). The answer is TwiML spoken in Japanese.

use super::{CallAnswer, CallProvider, Refusal, Speech};
use crate::config::Config;
use crate::domain::phone_call::IncomingCall;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use http::HeaderMap;
use renkei_common::fields::PhoneNumber;
use sha1::Sha1;

pub struct Twilio;

impl CallProvider for Twilio {
    const NAME: &'static str = "twilio";

    fn authenticate(
        config: &Config,
        url: &str,
        headers: &HeaderMap,
        params: &[(String, String)],
    ) -> Result<IncomingCall, Refusal> {
        let twilio = &config.twilio;
        let signature = headers.get(SIGNATURE_HEADER).and_then(|v| v.to_str().ok()).unwrap_or_default();
        if signature.is_empty() {
            return Err(Refusal::MissingSignature);
        }
        if !verify(&twilio.auth_token, url, params, signature) {
            return Err(Refusal::WrongSignature);
        }
        if param(params, "AccountSid") != Some(twilio.account_sid.as_str()) {
            return Err(Refusal::OtherAccount);
        }
        Ok(IncomingCall {
            call_id: param(params, "CallSid").ok_or(Refusal::NoCallId)?.to_owned(),
            from: param(params, "From").and_then(PhoneNumber::parse),
            to: param(params, "To").and_then(PhoneNumber::parse),
        })
    }

    fn speak(answer: CallAnswer) -> Speech {
        twiml(match answer {
            CallAnswer::Accepted => ACCEPTED,
            CallAnswer::Refused => REFUSED,
            CallAnswer::Closed => CLOSED,
        })
    }
}

pub const SIGNATURE_HEADER: &str = "x-twilio-signature";

/// What the caller hears when the call verified.
pub const ACCEPTED: &str = "認証を受け付けました。画面に戻って「確定する」を押してください。";
/// …and when it did not (the wording Japanese banks' call-in check uses).
pub const REFUSED: &str = "おかけになった電話では認証を受け付けることができませんでした。";
/// …and when the service is closed (the out_of_hours message and remedy).
pub const CLOSED: &str = "ただ今の時間はサービスを行っておりません。サービス時間内に改めてご利用下さい。";

fn mac(auth_token: &str, url: &str, params: &[(String, String)]) -> Hmac<Sha1> {
    let mut sorted: Vec<&(String, String)> = params.iter().collect();
    sorted.sort();
    // HMAC takes a key of any length; this cannot fail.
    let mut mac = Hmac::<Sha1>::new_from_slice(auth_token.as_bytes()).unwrap_or_else(|_| unreachable!());
    mac.update(url.as_bytes());
    for (name, value) in sorted {
        mac.update(name.as_bytes());
        mac.update(value.as_bytes());
    }
    mac
}

/// The signature Twilio would send for this request.
pub fn sign(auth_token: &str, url: &str, params: &[(String, String)]) -> String {
    STANDARD.encode(mac(auth_token, url, params).finalize().into_bytes())
}

/// Checks a signature in constant time.
pub fn verify(auth_token: &str, url: &str, params: &[(String, String)], signature: &str) -> bool {
    match STANDARD.decode(signature.trim()) {
        Ok(bytes) => mac(auth_token, url, params).verify_slice(&bytes).is_ok(),
        Err(_) => false,
    }
}

fn param<'a>(params: &'a [(String, String)], name: &str) -> Option<&'a str> {
    params.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
}

fn twiml(words: &str) -> Speech {
    let body = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Say language=\"ja-JP\">{words}</Say><Hangup/></Response>"
    );
    Speech { content_type: "text/xml; charset=utf-8", body }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn twilio_docs_params(caller: &str) -> Vec<(String, String)> {
        [
            ("CallSid", "CA1234567890ABCDE"),
            ("Caller", caller),
            ("Digits", "1234"),
            ("From", caller),
            ("To", "+18005551212"),
        ]
        .into_iter()
        .map(|(n, v)| (n.to_owned(), v.to_owned()))
        .collect()
    }

    const DOCS_URL: &str = "https://mycompany.com/myapp.php?foo=1&bar=2";

    /// The examples Twilio publishes for its request validation.
    #[test]
    fn twilios_published_examples_verify() {
        assert_eq!(sign("12345", DOCS_URL, &twilio_docs_params("+14158675309")), "RSOYDt4T1cUTdK1PDd93/VVr8B8=");
        assert_eq!(sign("12345", DOCS_URL, &twilio_docs_params("+12349013030")), "0/KCTR6DLpKmkAf8muzZqo1nDgQ=");
        assert!(verify("12345", DOCS_URL, &twilio_docs_params("+14158675309"), "RSOYDt4T1cUTdK1PDd93/VVr8B8="));
    }

    #[test]
    fn wrong_token_url_parameter_or_garbage_does_not_verify() {
        let params = twilio_docs_params("+14158675309");
        let good = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";
        assert!(!verify("54321", DOCS_URL, &params, good));
        assert!(!verify("12345", "https://mycompany.com/myapp.php", &params, good));
        let mut tampered = params.clone();
        tampered[3].1 = "+819012345678".into();
        assert!(!verify("12345", DOCS_URL, &tampered, good));
        assert!(!verify("12345", DOCS_URL, &params, ""));
        assert!(!verify("12345", DOCS_URL, &params, "not base64!"));
    }
}
