//! The telephony provider as a port: the provider tells us a call arrived
//! (caller, dialled number) by a signed webhook; `domain::phone_call`
//! decides whether it verifies a waiting attempt; the provider speaks the
//! answer to the caller in its own format.
//!
//! Providers differ only in how they sign, name fields and speak, so each
//! is one implementation of [`CallProvider`]; the webhook that decides,
//! logs and refuses for all of them is `web::telephony`.

pub mod twilio;

use crate::config::Config;
use crate::domain::phone_call::IncomingCall;
use http::HeaderMap;

/// Why a webhook was not believed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    MissingSignature,
    WrongSignature,
    /// Signed, but for another account of the provider.
    OtherAccount,
    /// Signed, but without the call's id.
    NoCallId,
}

impl Refusal {
    pub fn as_str(self) -> &'static str {
        match self {
            Refusal::MissingSignature => "signature missing",
            Refusal::WrongSignature => "signature wrong",
            Refusal::OtherAccount => "another account",
            Refusal::NoCallId => "no call id",
        }
    }
}

/// What the caller is told.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CallAnswer {
    /// The call verified the customer's attempt.
    Accepted,
    /// It did not (or could not be decided).
    Refused,
    /// The service is closed (a maintenance window, or the operator's
    /// switch): nothing was verified, and the caller is told why.
    Closed,
}

/// The provider's reply document, e.g. TwiML.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Speech {
    pub content_type: &'static str,
    pub body: String,
}

/// One telephony provider's webhook format.
pub trait CallProvider {
    /// The provider's name in the log and the received-calls table.
    const NAME: &'static str;

    /// Checks the request is the provider's own (signature, account) and
    /// reads the call from it. `url` is ours as the world calls it.
    fn authenticate(
        config: &Config,
        url: &str,
        headers: &HeaderMap,
        params: &[(String, String)],
    ) -> Result<IncomingCall, Refusal>;

    /// What the caller hears, in the provider's format.
    fn speak(answer: CallAnswer) -> Speech;
}
