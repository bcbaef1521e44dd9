//! The catalogue in English: message and remedy of every entry, in the
//! order of `entries.rs`. Reason codes, statuses and the desk flag are the
//! same in both languages and stay there.

use super::ErrorId;

impl ErrorId {
    /// (message, remedy) in English.
    pub(super) fn english(self) -> (&'static str, &'static str) {
        match self {
            ErrorId::AccountNotHandled => (
                "The specified account cannot be used with this service.",
                "Please check your cash card or passbook and enter the correct account type and account number.",
            ),
            ErrorId::IdentityMismatch => (
                "The identity verification details are incorrect. Please check them and enter them again.",
                "Please enter the details you have registered with us.",
            ),
            ErrorId::LockedNow => (
                "We can no longer process your request. For details, please ask our contact desk.",
                "The restriction is lifted automatically at 0:00 the next day. Please try again after that.",
            ),
            ErrorId::Locked => (
                "We are unable to process your request at the moment. For details, please ask our contact desk. \
                 Reason code: B84.",
                "If your matter is urgent, please get in touch with our contact desk.",
            ),
            ErrorId::OutOfHours => (
                "The service is not available at this time. Thank you for your understanding.",
                "Please use the service again during service hours.",
            ),
            ErrorId::Busy => (
                "We are currently receiving a large number of requests. Please try again after a while.",
                "Please wait a while and try again.",
            ),
            ErrorId::Throttled => (
                "We are unable to process your request at the moment because there have been many requests in a \
                 short time. Please try again after a while.",
                "Please wait a while, then start API linkage authentication again from the app.",
            ),
            ErrorId::SystemError => (
                "The connection is unavailable due to system adjustments. If your matter is urgent, please ask our \
                 contact desk.",
                "Please wait a while and try again. If the problem continues, please get in touch with our contact \
                 desk.",
            ),
            ErrorId::ServiceUnavailable => (
                "The requested service is not available at the moment. If your matter is urgent, please ask our \
                 contact desk.",
                "Please wait a while and try again. If the problem continues, please get in touch with our contact \
                 desk.",
            ),
            ErrorId::InvalidInput => (
                "Some of the information you entered is incorrect. Please check the guidance shown for each item.",
                "Please correct the items shown in red.",
            ),
            ErrorId::FlowExpired => (
                "Your procedure is no longer valid because there was no activity for a while. Please go back to the \
                 beginning of API linkage authentication and try again.",
                "Please start API linkage authentication again from the app.",
            ),
            ErrorId::StepOutOfOrder => (
                "The previous step has not been completed. Please go back to the beginning of API linkage \
                 authentication and try again.",
                "Please start over from the first screen.",
            ),
            ErrorId::ForbiddenOrigin => (
                "This procedure cannot be carried out from this page. Please start API linkage authentication again \
                 from the app.",
                "Please start API linkage authentication again from the app.",
            ),
            ErrorId::NotFound => (
                "The page you requested could not be found.",
                "Please start API linkage authentication again from the app.",
            ),
            ErrorId::PhoneExpired => (
                "After 120 seconds, calls and the \"Confirm\" button are no longer accepted. Please go back to the \
                 beginning of API linkage authentication and try again.",
                "Please start over from the first screen. We will give you a new authentication number to call.",
            ),
            ErrorId::NoRegisteredPhone => (
                "Phone number authentication cannot be carried out because we cannot confirm your registered phone \
                 number. Please contact the branch where you hold the account.",
                "Please check with the branch where you hold the account that your phone number is registered.",
            ),
            ErrorId::CallAmbiguous => (
                "We could not confirm your call because another phone number authentication was in progress for the \
                 same registered phone number. Please go back to the beginning of API linkage authentication and try \
                 again.",
                "Please finish the procedure on the other screen, then start over from the first screen. If you are \
                 not aware of any other procedure, please get in touch with our contact desk.",
            ),
            ErrorId::PinMismatch => (
                "The PIN is incorrect. Please check your cash card PIN and enter it again.",
                "If the wrong PIN is entered a set number of times, API linkage authentication will become \
                 unavailable (transactions at ATMs are not affected).",
            ),
            ErrorId::InvalidToken => (
                "The access token is invalid.",
                "The link is no longer valid because it has expired, it has been ended, or the account has been \
                 transferred. Please ask the customer to complete API linkage authentication again.",
            ),
            ErrorId::InsufficientScope => (
                "This inquiry is not permitted for this link.",
                "Please make only the inquiries (scopes) the customer has permitted.",
            ),
            ErrorId::InvalidQuery => (
                "The inquiry conditions are invalid.",
                "Please specify dates in YYYY-MM-DD format, with the start date on or before the end date.",
            ),
            ErrorId::HistoryOutOfRange => (
                "Transactions for the specified period cannot be retrieved. Transaction history is available for up \
                 to the past 3 months.",
                "Please specify a start date no earlier than the beginning of the available period.",
            ),
            ErrorId::AccountNotLinked => {
                ("The specified account is not linked.", "Please specify the account ID of a linked account.")
            }
            ErrorId::CookiesBlocked => (
                "API linkage authentication cannot continue because cookies are disabled.",
                "Please enable cookies in your browser settings, or open this page again in a browser such as Safari \
                 or Chrome.",
            ),
            ErrorId::ScriptBlocked => (
                "API linkage authentication cannot continue because JavaScript is disabled.",
                "Please enable JavaScript in your browser settings, or open this page again in a browser such as \
                 Safari or Chrome.",
            ),
            ErrorId::LinkNotFound => (
                "The specified link could not be found. It may already have been ended.",
                "Please reload the list and check your current links.",
            ),
            ErrorId::InvalidAppRequest => (
                "The procedure cannot be started because the link request from the app contains an error.",
                "We apologize for the inconvenience, but please contact the provider of the app you are using.",
            ),
            ErrorId::WebhookRejected => (
                "The notification's signature could not be verified.",
                "Please check the telephony service settings (URL and auth token).",
            ),
        }
    }
}
