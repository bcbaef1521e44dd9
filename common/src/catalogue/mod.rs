//! The error catalogue: every message the customer can be shown, with its
//! reason code, remedy and HTTP status (messages.md).
//!
//! Reason codes other than B84 are ours (the manual names only B84). They
//! are stable: operators and app providers quote them, so never renumber.

use crate::fields::FieldError;
use serde::{Deserialize, Serialize};

use crate::lang::Lang;

/// One entry of the catalogue. The string form (`as_str`) is the JSON `id`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorId {
    AccountNotHandled,
    IdentityMismatch,
    LockedNow,
    Locked,
    OutOfHours,
    Busy,
    /// Screens ①②: too many answers in one flow, checks from one address,
    /// or addresses on one account (refused before any check).
    Throttled,
    SystemError,
    ServiceUnavailable,
    /// One or more fields failed the shared validation (details in `fields`).
    InvalidInput,
    /// The flow cookie is missing, unknown or past its lifetime.
    FlowExpired,
    /// A step was requested before the one it depends on succeeded.
    StepOutOfOrder,
    /// The request came from another site (CSRF defence).
    ForbiddenOrigin,
    NotFound,
    /// Screen ④: the 120 seconds passed without a valid call.
    PhoneExpired,
    /// Screen ③: the core has no phone number for this customer.
    NoRegisteredPhone,
    /// Screen ④: the call fitted this attempt and another one of the same
    /// phone and number, so it verified neither.
    CallAmbiguous,
    /// A telephony webhook whose signature does not verify.
    WebhookRejected,
    /// Screen ⑤: wrong cash-card PIN (with the attempts left).
    PinMismatch,
    /// The app's authorization request cannot be honoured (unknown app,
    /// unregistered redirect URI, …): shown by us, never redirected.
    InvalidAppRequest,
    /// Bank API: the access token is missing, unknown, expired or revoked,
    /// or its link ended (the account moved or closed).
    InvalidToken,
    /// Bank API: the token's link does not allow this inquiry.
    InsufficientScope,
    /// Bank API: a query parameter is missing or malformed.
    InvalidQuery,
    /// Bank API: transactions older than the history the API serves.
    HistoryOutOfRange,
    /// Bank API: an `accountId` the token's link does not cover.
    AccountNotLinked,
    /// 連携管理: the link to end is not one of the account's standing links
    /// (ended already, perhaps in another tab).
    LinkNotFound,
    /// The browser (often an app's in-app browser) keeps no cookies: the
    /// flow cannot follow the customer from one screen to the next.
    CookiesBlocked,
    /// The browser runs no JavaScript: the screens cannot work.
    ScriptBlocked,
}

/// What the catalogue says about one [`ErrorId`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    pub reason_code: &'static str,
    pub message: &'static str,
    pub remedy: &'static str,
    pub status: u16,
    /// Whether the message sends the customer to the contact desk, so the
    /// screen shows the desk beside it.
    pub shows_contact: bool,
}

impl ErrorId {
    pub const ALL: [ErrorId; 28] = [
        ErrorId::AccountNotHandled,
        ErrorId::IdentityMismatch,
        ErrorId::LockedNow,
        ErrorId::Locked,
        ErrorId::OutOfHours,
        ErrorId::Busy,
        ErrorId::Throttled,
        ErrorId::SystemError,
        ErrorId::ServiceUnavailable,
        ErrorId::InvalidInput,
        ErrorId::FlowExpired,
        ErrorId::StepOutOfOrder,
        ErrorId::ForbiddenOrigin,
        ErrorId::NotFound,
        ErrorId::PhoneExpired,
        ErrorId::NoRegisteredPhone,
        ErrorId::CallAmbiguous,
        ErrorId::WebhookRejected,
        ErrorId::PinMismatch,
        ErrorId::InvalidAppRequest,
        ErrorId::InvalidToken,
        ErrorId::InsufficientScope,
        ErrorId::InvalidQuery,
        ErrorId::HistoryOutOfRange,
        ErrorId::AccountNotLinked,
        ErrorId::LinkNotFound,
        ErrorId::CookiesBlocked,
        ErrorId::ScriptBlocked,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ErrorId::AccountNotHandled => "account_not_handled",
            ErrorId::IdentityMismatch => "identity_mismatch",
            ErrorId::LockedNow => "locked_now",
            ErrorId::Locked => "locked",
            ErrorId::OutOfHours => "out_of_hours",
            ErrorId::Busy => "busy",
            ErrorId::Throttled => "throttled",
            ErrorId::SystemError => "system_error",
            ErrorId::ServiceUnavailable => "service_unavailable",
            ErrorId::InvalidInput => "invalid_input",
            ErrorId::FlowExpired => "flow_expired",
            ErrorId::StepOutOfOrder => "step_out_of_order",
            ErrorId::ForbiddenOrigin => "forbidden_origin",
            ErrorId::NotFound => "not_found",
            ErrorId::PhoneExpired => "phone_expired",
            ErrorId::NoRegisteredPhone => "no_registered_phone",
            ErrorId::CallAmbiguous => "call_ambiguous",
            ErrorId::WebhookRejected => "webhook_rejected",
            ErrorId::PinMismatch => "pin_mismatch",
            ErrorId::InvalidAppRequest => "invalid_app_request",
            ErrorId::InvalidToken => "invalid_token",
            ErrorId::InsufficientScope => "insufficient_scope",
            ErrorId::InvalidQuery => "invalid_query",
            ErrorId::HistoryOutOfRange => "history_out_of_range",
            ErrorId::AccountNotLinked => "account_not_linked",
            ErrorId::LinkNotFound => "link_not_found",
            ErrorId::CookiesBlocked => "cookies_blocked",
            ErrorId::ScriptBlocked => "script_blocked",
        }
    }

    /// The message and remedy in `lang` (Japanese: the manual's words).
    pub fn words(self, lang: Lang) -> (&'static str, &'static str) {
        match lang {
            Lang::Ja => {
                let entry = self.entry();
                (entry.message, entry.remedy)
            }
            Lang::En => self.english(),
        }
    }
}

/// A field that failed validation, as sent to the screen.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldProblem {
    /// The request field's JSON name, e.g. `account_number`.
    pub field: String,
    /// In Japanese, the manual's language.
    pub message: String,
    /// Which refusal it is, so a screen in another language words it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<FieldError>,
}

impl FieldProblem {
    pub fn new(field: &str, error: FieldError) -> Self {
        FieldProblem { field: field.to_owned(), message: error.to_string(), code: Some(error) }
    }

    /// The message in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        match self.code {
            Some(code) => code.text(lang),
            None => self.message.clone(),
        }
    }
}

/// The JSON error body every failing API call answers with:
/// `{"error": {...}}`. The frontend renders it as is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiError {
    pub id: ErrorId,
    pub reason_code: String,
    pub message: String,
    pub remedy: String,
    pub shows_contact: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldProblem>,
    /// How many more failures today before API authentication locks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attempts_left: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = ServiceError))]
pub struct ErrorBody {
    pub error: ApiError,
}

impl ApiError {
    pub fn new(id: ErrorId) -> Self {
        let entry = id.entry();
        ApiError {
            id,
            reason_code: entry.reason_code.to_owned(),
            message: entry.message.to_owned(),
            remedy: entry.remedy.to_owned(),
            shows_contact: entry.shows_contact,
            fields: Vec::new(),
            attempts_left: None,
        }
    }

    pub fn invalid_fields(fields: Vec<FieldProblem>) -> Self {
        ApiError { fields, ..ApiError::new(ErrorId::InvalidInput) }
    }
}

mod english;
mod entries;

#[cfg(test)]
mod tests;
