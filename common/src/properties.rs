//! Fuzz targets for every parser of the screens' input, run on stable as
//! property tests (proptest) with the rest of the suite: any text at all,
//! and text near what customers type (digits of both widths, separators,
//! kana). None panics, and whatever one accepts is in its canonical form
//! and accepted again as itself. `PROPTEST_CASES=100000 cargo test -p
//! renkei-common properties` is the longer run.

use crate::Lang;
use crate::api::{AccountRequest, CustomerRequest};
use crate::fields::{
    AccountNumber, AccountType, BirthDate, BranchCode, Email, KanaName, PhoneLast4, PhoneNumber, Pin, fold_full_width,
};
use crate::scopes::Scope;
use proptest::prelude::*;

/// What people type into a number field: digits in both widths, spaces,
/// hyphens of several kinds, and now and then something else.
fn typed_number() -> impl Strategy<Value = String> {
    "[0-9０-９ 　\\-‐−ー+a]{0,16}"
}

fn today() -> time::Date {
    time::macros::date!(2026 - 11 - 30)
}

fn all_digits(text: &str, count: usize) -> bool {
    text.len() == count && text.bytes().all(|b| b.is_ascii_digit())
}

proptest! {
    #[test]
    fn account_fields_accept_only_their_canonical_digits(any in any::<String>(), typed in typed_number()) {
        for input in [any.as_str(), typed.as_str()] {
            if let Ok(branch) = BranchCode::parse(input) {
                prop_assert!(all_digits(branch.as_str(), 3));
                prop_assert_eq!(BranchCode::parse(branch.as_str()), Ok(branch.clone()));
            }
            if let Ok(number) = AccountNumber::parse(input) {
                prop_assert!(all_digits(number.as_str(), AccountNumber::DIGITS));
                prop_assert!(number.masked().ends_with(&number.as_str()[4..]));
                prop_assert_eq!(AccountNumber::parse(number.as_str()), Ok(number.clone()));
            }
            if let Ok(kind) = AccountType::parse(input) {
                prop_assert_eq!(AccountType::parse(kind.as_str()), Ok(kind));
            }
        }
    }

    #[test]
    fn secret_digits_are_exactly_four(any in any::<String>(), typed in typed_number()) {
        for input in [any.as_str(), typed.as_str()] {
            if let Ok(pin) = Pin::parse(input) {
                prop_assert!(all_digits(pin.expose(), 4));
            }
            if let Ok(last4) = PhoneLast4::parse(input) {
                prop_assert!(all_digits(last4.as_str(), 4));
                prop_assert_eq!(PhoneLast4::parse(last4.as_str()).map(|l| l.as_str().to_owned()), Ok(last4.as_str().to_owned()));
            }
        }
    }

    #[test]
    fn phone_numbers_are_japanese_and_read_back_the_same(any in any::<String>(), typed in typed_number()) {
        for input in [any.as_str(), typed.as_str()] {
            if let Some(phone) = PhoneNumber::parse(input) {
                prop_assert!(phone.e164().starts_with("+81"), "{}", phone.e164());
                prop_assert_eq!(PhoneNumber::parse(phone.e164()), Some(phone.clone()));
                prop_assert_eq!(PhoneNumber::parse(&phone.display()), Some(phone.clone()));
                prop_assert!(phone.masked().contains('*'));
            }
        }
    }

    #[test]
    fn person_fields_never_panic_and_keep_what_they_accept(
        any in any::<String>(),
        kana in "[ァ-ヶー　 ｦ-ﾟa-z]{0,35}",
        date in "[0-9０-９/\\-年月日 ]{0,14}",
        email in "[a-z0-9.@_+\\-]{0,30}",
    ) {
        for input in [any.as_str(), kana.as_str()] {
            if let Ok(name) = KanaName::parse(input) {
                prop_assert_eq!(KanaName::parse(name.as_str()).map(|n| n.as_str().to_owned()), Ok(name.as_str().to_owned()));
            }
        }
        for input in [any.as_str(), date.as_str()] {
            if let Ok(birth) = BirthDate::parse(input, today()) {
                prop_assert!(birth.date() < today());
            }
        }
        for input in [any.as_str(), email.as_str()] {
            if let Ok(address) = Email::parse(input) {
                prop_assert!(address.as_str().contains('@'));
                prop_assert_eq!(Email::parse(address.as_str()).map(|a| a.as_str().to_owned()), Ok(address.as_str().to_owned()));
                prop_assert!(Email::parse_confirmed(input, address.as_str()).is_ok());
            }
        }
    }

    #[test]
    fn whole_requests_never_panic(fields in proptest::collection::vec(any::<String>(), 8)) {
        let account = AccountRequest {
            branch_code: fields[0].clone(),
            account_type: fields[1].clone(),
            account_number: fields[2].clone(),
        };
        if let Err(problems) = account.parse() {
            prop_assert!(!problems.is_empty());
        }
        let customer = CustomerRequest {
            birth_date: fields[3].clone(),
            phone_last4: fields[4].clone(),
            kana_name: fields[5].clone(),
            email: fields[6].clone(),
            email_confirmation: fields[7].clone(),
        };
        if let Err(problems) = customer.parse(today()) {
            prop_assert!(problems.iter().all(|p| p.code.is_some()), "every problem has its code");
        }
    }

    #[test]
    fn headers_and_lists_never_panic(any in any::<String>(), header in "[a-zA-Z\\-_,;=.0-9 ]{0,40}") {
        for input in [any.as_str(), header.as_str()] {
            let _ = Lang::negotiate(input);
            if let Some(lang) = Lang::from_tag(input) {
                prop_assert!(Lang::ALL.contains(&lang));
            }
            if let Some(scopes) = Scope::parse_list(input) {
                prop_assert!(!scopes.is_empty());
                for (i, scope) in scopes.iter().enumerate() {
                    prop_assert!(!scopes[i + 1..].contains(scope), "each scope once");
                }
            }
        }
        prop_assert_eq!(fold_full_width(&any).chars().count(), any.chars().count());
    }
}
