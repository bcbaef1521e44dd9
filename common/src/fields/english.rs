//! The field errors in English, in the order of [`FieldError`]'s variants.
//! The Japanese text is each variant's `Display`.

use super::FieldError;

impl FieldError {
    /// The text shown under the field, in English.
    pub(super) fn english(self) -> &'static str {
        match self {
            FieldError::BranchRequired => "Please select the branch where you hold the account.",
            FieldError::BranchFormat => "Please enter the branch number as 3 digits.",
            FieldError::AccountTypeRequired => "Please select the account type.",
            FieldError::AccountNumberRequired => "Please enter the account number.",
            FieldError::AccountNumberFormat => "Please enter the account number using up to 7 digits.",
            FieldError::BirthDateRequired => "Please enter your date of birth.",
            FieldError::BirthDateFormat => "Please enter a valid date of birth, such as \"1985-04-01\".",
            FieldError::BirthDateNotPast => "Today or a later date cannot be entered as your date of birth.",
            FieldError::KanaRequired => "Please enter your name in katakana.",
            FieldError::KanaFormat => "Please enter your name in full-width katakana.",
            FieldError::KanaTooLong => "Please enter your name in katakana using up to 30 characters.",
            FieldError::EmailRequired => "Please enter your email address.",
            FieldError::EmailFormat => "The email address is not in a valid format.",
            FieldError::EmailMismatch => "The confirmation email address does not match.",
            FieldError::PhoneLast4Format => "Please enter the last 4 digits of your registered phone number.",
            FieldError::PinFormat => "Please enter the PIN as 4 digits.",
        }
    }
}
