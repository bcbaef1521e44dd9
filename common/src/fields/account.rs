//! Screen ①: branch, account type (科目) and account number.

use super::{FieldError, digits_only};
use serde::{Deserialize, Serialize};

/// A branch number (店番): exactly three digits.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct BranchCode(String);

impl BranchCode {
    pub fn parse(input: &str) -> Result<Self, FieldError> {
        if input.trim().is_empty() {
            return Err(FieldError::BranchRequired);
        }
        match digits_only(input) {
            Some(d) if d.len() == 3 => Ok(BranchCode(d)),
            _ => Err(FieldError::BranchFormat),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The account types that can be linked, with the bankers' association's
/// codes (1 普通, 4 貯蓄) as the bank API reports them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountType {
    /// 普通預金
    Ordinary,
    /// 貯蓄預金
    Savings,
}

impl AccountType {
    pub const ALL: [AccountType; 2] = [AccountType::Ordinary, AccountType::Savings];

    pub fn parse(input: &str) -> Result<Self, FieldError> {
        match input.trim() {
            "ordinary" | "普通" | "1" => Ok(AccountType::Ordinary),
            "savings" | "貯蓄" | "4" => Ok(AccountType::Savings),
            _ => Err(FieldError::AccountTypeRequired),
        }
    }

    /// The value sent over the wire and stored.
    pub fn as_str(self) -> &'static str {
        match self {
            AccountType::Ordinary => "ordinary",
            AccountType::Savings => "savings",
        }
    }

    /// The short label the manual uses on screen ①.
    pub fn label(self) -> &'static str {
        match self {
            AccountType::Ordinary => "普通",
            AccountType::Savings => "貯蓄",
        }
    }

    pub fn code(self) -> u8 {
        match self {
            AccountType::Ordinary => 1,
            AccountType::Savings => 4,
        }
    }
}

/// An account number: up to seven digits, kept left-padded with zeros to
/// seven (the manual's own example `011-111111` has six).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct AccountNumber(String);

impl AccountNumber {
    pub const DIGITS: usize = 7;

    pub fn parse(input: &str) -> Result<Self, FieldError> {
        if input.trim().is_empty() {
            return Err(FieldError::AccountNumberRequired);
        }
        match digits_only(input) {
            Some(d) if !d.is_empty() && d.len() <= Self::DIGITS => Ok(AccountNumber(format!("{d:0>7}"))),
            _ => Err(FieldError::AccountNumberFormat),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// For the operation log: only the last three digits stay readable.
    pub fn masked(&self) -> String {
        format!("****{}", &self.0[Self::DIGITS - 3..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn branch_is_three_digits_full_width_accepted() {
        assert_eq!(BranchCode::parse("011").unwrap().as_str(), "011");
        assert_eq!(BranchCode::parse("０２２").unwrap().as_str(), "022");
        assert_eq!(BranchCode::parse(""), Err(FieldError::BranchRequired));
        assert_eq!(BranchCode::parse("11"), Err(FieldError::BranchFormat));
        assert_eq!(BranchCode::parse("1111"), Err(FieldError::BranchFormat));
        assert_eq!(BranchCode::parse("01a"), Err(FieldError::BranchFormat));
    }

    #[test]
    fn account_number_pads_to_seven_like_the_manuals_example() {
        assert_eq!(AccountNumber::parse("111111").unwrap().as_str(), "0111111");
        assert_eq!(AccountNumber::parse("2222222").unwrap().as_str(), "2222222");
        assert_eq!(AccountNumber::parse("１２３４５６７").unwrap().as_str(), "1234567");
        assert_eq!(AccountNumber::parse("12-345").unwrap().as_str(), "0012345");
    }

    #[test]
    fn account_number_refuses_empty_long_and_letters() {
        assert_eq!(AccountNumber::parse(" "), Err(FieldError::AccountNumberRequired));
        assert_eq!(AccountNumber::parse("12345678"), Err(FieldError::AccountNumberFormat));
        assert_eq!(AccountNumber::parse("12a"), Err(FieldError::AccountNumberFormat));
        assert_eq!(AccountNumber::parse("--"), Err(FieldError::AccountNumberFormat));
    }

    #[test]
    fn account_number_masks_all_but_the_last_three() {
        assert_eq!(AccountNumber::parse("1234567").unwrap().masked(), "****567");
    }

    #[test]
    fn account_type_accepts_wire_names_labels_and_codes() {
        assert_eq!(AccountType::parse("ordinary"), Ok(AccountType::Ordinary));
        assert_eq!(AccountType::parse("貯蓄"), Ok(AccountType::Savings));
        assert_eq!(AccountType::parse("4"), Ok(AccountType::Savings));
        assert_eq!(AccountType::parse("当座"), Err(FieldError::AccountTypeRequired));
        assert_eq!(AccountType::parse(""), Err(FieldError::AccountTypeRequired));
        for t in AccountType::ALL {
            assert_eq!(AccountType::parse(t.as_str()), Ok(t));
        }
    }
}
