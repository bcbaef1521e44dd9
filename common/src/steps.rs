//! The six screens of API authentication, in order. Their titles, leads
//! and step-bar labels, in both languages, are in `texts`.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// ① ご利用口座情報入力
    Account,
    /// ② お客様情報入力
    Customer,
    /// ③ 電話番号の確認
    PhoneConfirm,
    /// ④ 電話番号認証
    PhoneCall,
    /// ⑤ キャッシュカード暗証番号認証
    Pin,
    /// ⑥ 情報連携認可
    Consent,
    /// 連携管理: after ①–⑤ on the customer's own view of their links, in
    /// place of ⑥ (not one of the manual's six screens).
    Links,
}

impl Step {
    pub const ALL: [Step; 6] =
        [Step::Account, Step::Customer, Step::PhoneConfirm, Step::PhoneCall, Step::Pin, Step::Consent];

    /// The stored and logged name (the same as its JSON form).
    pub fn as_str(self) -> &'static str {
        match self {
            Step::Account => "account",
            Step::Customer => "customer",
            Step::PhoneConfirm => "phone_confirm",
            Step::PhoneCall => "phone_call",
            Step::Pin => "pin",
            Step::Consent => "consent",
            Step::Links => "links",
        }
    }

    pub fn from_name(name: &str) -> Option<Step> {
        Step::ALL.into_iter().chain([Step::Links]).find(|step| step.as_str() == name)
    }

    /// 1 to 6, as the manual numbers the screens.
    pub fn number(self) -> u8 {
        self as u8 + 1
    }

    /// The circled numeral the manual uses: ①…⑥.
    pub fn mark(self) -> char {
        char::from_u32('①' as u32 + self as u32).unwrap_or('・')
    }

    /// The SPA route of the screen.
    pub fn path(self) -> &'static str {
        match self {
            Step::Account => "/auth/account",
            Step::Customer => "/auth/customer",
            Step::PhoneConfirm => "/auth/phone",
            Step::PhoneCall => "/auth/call",
            Step::Pin => "/auth/pin",
            Step::Consent => "/auth/consent",
            Step::Links => "/links",
        }
    }

    /// Which of the manual's three stages (口座情報・電話・暗証番号) it belongs to.
    pub fn stage(self) -> u8 {
        (self as u8) / 2 + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_numbered_and_marked_like_the_manual() {
        assert_eq!(Step::Account.number(), 1);
        assert_eq!(Step::Account.mark(), '①');
        assert_eq!(Step::Consent.mark(), '⑥');
        assert_eq!(Step::Pin.stage(), 3);
        assert_eq!(Step::PhoneConfirm.stage(), 2);
        assert_eq!(Step::Customer.stage(), 1);
    }

    #[test]
    fn names_round_trip_and_match_the_json_form() {
        for step in Step::ALL {
            assert_eq!(Step::from_name(step.as_str()), Some(step));
            assert_eq!(serde_json::to_string(&step).unwrap(), format!("\"{}\"", step.as_str()));
        }
        assert_eq!(Step::from_name("done"), None);
    }

    #[test]
    fn every_step_has_its_own_path() {
        let mut paths: Vec<_> = Step::ALL.iter().map(|s| s.path()).collect();
        paths.dedup();
        assert_eq!(paths.len(), 6);
    }
}
