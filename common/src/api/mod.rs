//! Request and response bodies of the JSON API, one section per endpoint.
//! Requests carry the customer's raw text; `parse` turns them into field
//! newtypes or the list of problems to show.

use crate::catalogue::FieldProblem;
use crate::fields::{AccountNumber, AccountType, BirthDate, BranchCode, Email, FieldError, KanaName, PhoneLast4};
use crate::steps::Step;
use serde::{Deserialize, Serialize};

mod service;
pub use service::{Branch, BranchList, ContactDesk, ServiceStatus, UnionProfile};

// ---- POST /api/flow/account (screen ①) ------------------------------------

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountRequest {
    pub branch_code: String,
    pub account_type: String,
    pub account_number: String,
}

/// Screen ①'s input once parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccountInput {
    pub branch: BranchCode,
    pub account_type: AccountType,
    pub number: AccountNumber,
}

impl AccountRequest {
    pub const BRANCH_CODE: &'static str = "branch_code";
    pub const ACCOUNT_TYPE: &'static str = "account_type";
    pub const ACCOUNT_NUMBER: &'static str = "account_number";

    pub fn parse(&self) -> Result<AccountInput, Vec<FieldProblem>> {
        let mut problems = Problems::default();
        let branch = problems.check(Self::BRANCH_CODE, BranchCode::parse(&self.branch_code));
        let account_type = problems.check(Self::ACCOUNT_TYPE, AccountType::parse(&self.account_type));
        let number = problems.check(Self::ACCOUNT_NUMBER, AccountNumber::parse(&self.account_number));
        match (branch, account_type, number) {
            (Some(branch), Some(account_type), Some(number)) => Ok(AccountInput { branch, account_type, number }),
            _ => Err(problems.0),
        }
    }
}

// ---- POST /api/flow/customer (screen ②) -----------------------------------

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CustomerRequest {
    pub birth_date: String,
    pub phone_last4: String,
    pub kana_name: String,
    pub email: String,
    pub email_confirmation: String,
}

/// Screen ②'s input once parsed. Only the birth date and the phone digits
/// are checked against the core; kana goes to the operation log and the
/// e-mail address receives the completion notice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CustomerInput {
    pub birth_date: BirthDate,
    pub phone_last4: PhoneLast4,
    pub kana_name: KanaName,
    pub email: Email,
}

impl CustomerRequest {
    pub const BIRTH_DATE: &'static str = "birth_date";
    pub const PHONE_LAST4: &'static str = "phone_last4";
    pub const KANA_NAME: &'static str = "kana_name";
    pub const EMAIL: &'static str = "email";
    pub const EMAIL_CONFIRMATION: &'static str = "email_confirmation";

    /// `today` is the JST date (a birth date must lie before it).
    pub fn parse(&self, today: time::Date) -> Result<CustomerInput, Vec<FieldProblem>> {
        let mut problems = Problems::default();
        let birth_date = problems.check(Self::BIRTH_DATE, BirthDate::parse(&self.birth_date, today));
        let phone_last4 = problems.check(Self::PHONE_LAST4, PhoneLast4::parse(&self.phone_last4));
        let kana_name = problems.check(Self::KANA_NAME, KanaName::parse(&self.kana_name));
        let email = problems.check(Self::EMAIL, Email::parse(&self.email));
        // The confirmation is judged only once the address itself is valid.
        let confirmed = match email {
            Some(_) => {
                problems.check(Self::EMAIL_CONFIRMATION, Email::parse_confirmed(&self.email, &self.email_confirmation))
            }
            None => None,
        };
        match (birth_date, phone_last4, kana_name, confirmed) {
            (Some(birth_date), Some(phone_last4), Some(kana_name), Some(email)) => {
                Ok(CustomerInput { birth_date, phone_last4, kana_name, email })
            }
            _ => Err(problems.0),
        }
    }
}

/// Collects field problems while parsing a request, so the customer sees
/// every wrong field at once rather than one per round trip.
#[derive(Default)]
pub struct Problems(pub Vec<FieldProblem>);

impl Problems {
    pub fn check<T>(&mut self, field: &str, result: Result<T, FieldError>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(error) => {
                self.0.push(FieldProblem::new(field, error));
                None
            }
        }
    }
}

// ---- GET/POST /api/flow/phones (screen ③) --------------------------------

/// A registered phone as screen ③ shows it: masked, chosen by its index.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MaskedPhone {
    pub index: usize,
    /// e.g. `090-****-5678`
    pub masked: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PhoneChoices {
    pub phones: Vec<MaskedPhone>,
}

/// The phone the customer will call from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PhoneChoice {
    pub index: usize,
}

// ---- GET /api/flow/call, POST /api/flow/call/confirm (screen ④) -----------

/// What screen ④ shows: the number to call and the time left.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CallInstructions {
    /// e.g. `0120-111-222`
    pub destination: String,
    /// e.g. `tel:+81120111222`
    pub tel_uri: String,
    /// The caller the customer chose on screen ③, masked.
    pub caller: String,
    pub seconds_left: i64,
    /// A valid call has arrived.
    pub verified: bool,
    /// The development profile offers the call simulator on this screen.
    #[serde(default)]
    pub call_simulator: bool,
}

// ---- POST /api/flow/simulate-call (development only) ----------------------

/// Who the call simulator calls from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SimulatedCaller {
    /// The registered phone chosen on screen ③.
    Registered,
    /// Caller ID withheld (非通知).
    Withheld,
    /// A number the customer never registered.
    Stranger,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SimulatedCall {
    pub caller: SimulatedCaller,
}

/// What the caller heard from the provider's answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SimulatedCallResult {
    pub heard: String,
}

// ---- POST /api/flow/pin (screen ⑤) ---------------------------------------

/// The PIN as typed. Its `Debug` never shows it.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PinRequest {
    pub pin: String,
}

impl std::fmt::Debug for PinRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PinRequest { pin: **** }")
    }
}

// ---- GET /api/flow/consent (screen ⑥) -------------------------------------

/// What the customer is asked to allow on screen ⑥.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConsentView {
    /// The app's registered name, e.g. しんくみアプリwithCRECO.
    pub app_name: String,
    /// What it will read, e.g. 残高照会, 入出金明細照会.
    pub data: Vec<String>,
    /// The account, e.g. 本店営業部 普通 ****567.
    pub account: String,
    /// How long the link lasts.
    pub days: i64,
    /// Its last day, e.g. 2027年2月24日 (the server's clock, JST).
    pub until: String,
    /// The form posts here (a native POST; the answer is a 303 to the app).
    pub action: String,
    /// Where the completion notice comes from, when screen ② gave an
    /// address for it.
    #[serde(default)]
    pub mail_domain: Option<String>,
}

// ---- /api/flow/links (連携管理, after ①–⑤) ---------------------------------

/// The apps linked to the account the customer has just authenticated.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LinkList {
    /// The account, e.g. 本店営業部 普通 ****567.
    pub account: String,
    /// Standing links, newest first.
    pub links: Vec<LinkView>,
    /// The app whose link this answer ended, to say so.
    #[serde(default)]
    pub ended: Option<String>,
}

/// One app's link, as the customer sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LinkView {
    pub id: i64,
    pub app_name: String,
    /// What it reads, e.g. 残高照会.
    pub data: Vec<String>,
    /// Linked on, e.g. 2026年11月30日 (JST).
    pub since: String,
    /// Its last day, after which the app asks again.
    pub until: String,
}

/// POST /api/flow/links/end: the link to end.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EndLinkRequest {
    pub id: i64,
}

// ---- Flow progress (every step answers with it) ---------------------------

/// Where the flow stands: the screen the customer goes to next.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FlowProgress {
    pub step: Step,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(branch: &str, kind: &str, number: &str) -> AccountRequest {
        AccountRequest { branch_code: branch.into(), account_type: kind.into(), account_number: number.into() }
    }

    #[test]
    fn a_good_account_request_parses_with_padding() {
        let input = request("011", "ordinary", "111111").parse().unwrap();
        assert_eq!(input.branch.as_str(), "011");
        assert_eq!(input.account_type, AccountType::Ordinary);
        assert_eq!(input.number.as_str(), "0111111");
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let problems = request("", "current", "12345678").parse().unwrap_err();
        let fields: Vec<_> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["branch_code", "account_type", "account_number"]);
        assert_eq!(problems[2].message, FieldError::AccountNumberFormat.to_string());
    }

    #[test]
    fn customer_request_checks_every_field_and_the_confirmation() {
        let today = time::macros::date!(2026 - 11 - 26);
        let good = CustomerRequest {
            birth_date: "1985-04-01".into(),
            phone_last4: "5678".into(),
            kana_name: "やまだ たろう".into(),
            email: "taro@example.jp".into(),
            email_confirmation: "taro@example.jp".into(),
        };
        let input = good.parse(today).unwrap();
        assert_eq!(input.kana_name.as_str(), "ヤマダ\u{3000}タロウ");
        let mismatch = CustomerRequest { email_confirmation: "jiro@example.jp".into(), ..good.clone() };
        let problems = mismatch.parse(today).unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].field, "email_confirmation");
        let empty = CustomerRequest::default().parse(today).unwrap_err();
        let fields: Vec<_> = empty.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["birth_date", "phone_last4", "kana_name", "email"]);
    }

    #[test]
    fn branch_search_by_number_name_or_reading() {
        let branch = Branch { code: "011".into(), name: "一宮支店".into(), kana: "イチノミヤ".into() };
        assert!(branch.matches("01"));
        assert!(branch.matches("０１１"));
        assert!(branch.matches("一宮"));
        assert!(branch.matches("イチノ"));
        assert!(!branch.matches("11"));
        assert!(branch.matches(" "));
        assert_eq!(branch.display(), "011 一宮支店");
    }
}
