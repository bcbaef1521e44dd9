//! Field newtypes of the screens, each built only by `parse`, which returns a
//! field-specific [`FieldError`]. Invalid values cannot exist past the edge.

mod account;
mod english;
mod kana;
mod person;
mod phone;
mod pin;

pub use account::{AccountNumber, AccountType, BranchCode};
pub use kana::KanaName;
pub use person::{BirthDate, Email, PhoneLast4};
pub use phone::PhoneNumber;
pub use pin::Pin;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::lang::Lang;

/// Why a field was refused. `Display` is the Japanese text shown under the
/// field, so the frontend and the backend word it identically.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Error, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FieldError {
    #[error("お取引店舗を選択して下さい。")]
    BranchRequired,
    #[error("店番は3桁の数字で入力して下さい。")]
    BranchFormat,
    #[error("科目を選択して下さい。")]
    AccountTypeRequired,
    #[error("口座番号を入力して下さい。")]
    AccountNumberRequired,
    #[error("口座番号は7桁以内の数字で入力して下さい。")]
    AccountNumberFormat,
    #[error("生年月日を入力して下さい。")]
    BirthDateRequired,
    #[error("生年月日は「1985-04-01」のように正しい日付で入力して下さい。")]
    BirthDateFormat,
    #[error("生年月日に本日以降の日付は入力できません。")]
    BirthDateNotPast,
    #[error("カナ氏名を入力して下さい。")]
    KanaRequired,
    #[error("カナ氏名は全角カタカナで入力して下さい。")]
    KanaFormat,
    #[error("カナ氏名は30文字以内で入力して下さい。")]
    KanaTooLong,
    #[error("メールアドレスを入力して下さい。")]
    EmailRequired,
    #[error("メールアドレスの形式が正しくありません。")]
    EmailFormat,
    #[error("確認用のメールアドレスが一致しません。")]
    EmailMismatch,
    #[error("お届け出電話番号の下4桁を数字で入力して下さい。")]
    PhoneLast4Format,
    #[error("暗証番号は4桁の数字で入力して下さい。")]
    PinFormat,
}

impl FieldError {
    /// Every variant, in their order (a new one belongs here too).
    pub const ALL: [FieldError; 16] = [
        FieldError::BranchRequired,
        FieldError::BranchFormat,
        FieldError::AccountTypeRequired,
        FieldError::AccountNumberRequired,
        FieldError::AccountNumberFormat,
        FieldError::BirthDateRequired,
        FieldError::BirthDateFormat,
        FieldError::BirthDateNotPast,
        FieldError::KanaRequired,
        FieldError::KanaFormat,
        FieldError::KanaTooLong,
        FieldError::EmailRequired,
        FieldError::EmailFormat,
        FieldError::EmailMismatch,
        FieldError::PhoneLast4Format,
        FieldError::PinFormat,
    ];

    /// The text shown under the field, in `lang` (Japanese: as `Display`).
    pub fn text(self, lang: Lang) -> String {
        match lang {
            Lang::Ja => self.to_string(),
            Lang::En => self.english().to_owned(),
        }
    }
}

/// Folds what a Japanese IME types into ASCII: full-width digits, letters
/// and signs (U+FF01–U+FF5E) and the ideographic space.
pub fn fold_full_width(input: &str) -> String {
    input
        .chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .collect()
}

/// Digits only, after folding full width and dropping the separators people
/// type (spaces, hyphens of every width). `None` if anything else remains.
fn digits_only(input: &str) -> Option<String> {
    let folded = fold_full_width(input);
    let kept: String = folded.chars().filter(|c| !matches!(c, ' ' | '-' | '‐' | '−' | 'ー' | '―')).collect();
    kept.chars().all(|c| c.is_ascii_digit()).then_some(kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_digits_and_space_fold_to_ascii() {
        assert_eq!(fold_full_width("０１２３　ａＢ＠"), "0123 aB@");
    }

    #[test]
    fn digits_only_drops_separators_and_refuses_letters() {
        assert_eq!(digits_only("０９０−１２３４").as_deref(), Some("0901234"));
        assert_eq!(digits_only("12a4"), None);
    }

    #[test]
    fn every_field_error_is_written_in_both_languages() {
        for (i, error) in FieldError::ALL.into_iter().enumerate() {
            assert!(FieldError::ALL[i + 1..].iter().all(|other| *other != error), "{error:?} listed once");
            assert_eq!(error.text(Lang::Ja), error.to_string());
            let english = error.text(Lang::En);
            assert!(!english.trim().is_empty(), "{error:?}");
            let japanese = english.chars().find(|c| {
                matches!(
                    c,
                    '\u{3000}'..='\u{303F}' | '\u{3040}'..='\u{30FF}' | '\u{4E00}'..='\u{9FFF}' | '\u{FF00}'..='\u{FFEF}'
                )
            });
            assert_eq!(japanese, None, "{error:?}: {english}");
            let distinct = FieldError::ALL[i + 1..].iter().all(|other| other.text(Lang::En) != english);
            assert!(distinct, "{error:?}: {english}");
        }
    }
}
