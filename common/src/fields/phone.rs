//! Phone numbers as the telephony provider reports them and as the core
//! keeps them: E.164 (`+819012345678`), read from national or international
//! forms. A withheld or unknown caller ID is no number at all.

use super::fold_full_width;
use serde::{Deserialize, Serialize};

/// A Japanese phone number in E.164.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PhoneNumber(String);

impl PhoneNumber {
    /// `090-1234-5678`, `09012345678`, `+81 90 1234 5678`, `+819012345678`
    /// and `0081…` all give `+819012345678`. `None` for anything that is not
    /// a Japanese number: including what providers send for a withheld
    /// caller (`anonymous`, `+266696687`, empty).
    pub fn parse(input: &str) -> Option<Self> {
        let folded = fold_full_width(input.trim());
        let international = folded.starts_with('+');
        let digits: String = folded.chars().filter(char::is_ascii_digit).collect();
        let rest_ok = folded.chars().all(|c| c.is_ascii_digit() || " -+()".contains(c));
        if !rest_ok {
            return None;
        }
        let national = if international {
            digits.strip_prefix("81")?.to_owned()
        } else if let Some(rest) = digits.strip_prefix("0081") {
            rest.to_owned()
        } else {
            digits.strip_prefix('0')?.to_owned()
        };
        // Japanese numbers are 9 or 10 digits after the trunk prefix 0.
        if !(9..=10).contains(&national.len()) || national.starts_with('0') {
            return None;
        }
        Some(PhoneNumber(format!("+81{national}")))
    }

    pub fn e164(&self) -> &str {
        &self.0
    }

    /// The national form with its trunk 0: `09012345678`.
    fn national(&self) -> String {
        format!("0{}", &self.0[3..])
    }

    /// As people write it: `090-1234-5678`, `052-451-3128`, `0120-111-222`.
    pub fn display(&self) -> String {
        let n = self.national();
        let (a, b) = match (n.len(), &n[..2]) {
            (11, _) => (3, 7),                          // mobile, IP: 090-1234-5678
            (10, _) if n.starts_with("0120") => (4, 7), // toll free: 0120-111-222
            (10, "03" | "06") => (2, 6),                // Tokyo, Osaka: 03-1234-5678
            _ => (3, 6),                                // elsewhere: 052-451-3128
        };
        format!("{}-{}-{}", &n[..a], &n[a..b], &n[b..])
    }

    /// For the screens and the log: only the area code and the last four
    /// digits stay, `090-****-5678`.
    pub fn masked(&self) -> String {
        let shown = self.display();
        let first = shown.find('-').unwrap_or(0);
        let last = shown.rfind('-').unwrap_or(shown.len());
        let middle: String = shown[first + 1..last].chars().map(|_| '*').collect();
        format!("{}-{middle}{}", &shown[..first], &shown[last..])
    }

    /// For a `tel:` link.
    pub fn tel_uri(&self) -> String {
        format!("tel:{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e164(input: &str) -> Option<String> {
        PhoneNumber::parse(input).map(|p| p.e164().to_owned())
    }

    #[test]
    fn national_and_international_forms_meet_in_e164() {
        for input in [
            "090-1234-5678",
            "09012345678",
            "+819012345678",
            "+81 90-1234-5678",
            "０９０１２３４５６７８",
            "0081 90 1234 5678",
        ] {
            assert_eq!(e164(input).as_deref(), Some("+819012345678"), "{input}");
        }
        assert_eq!(e164("052-451-3128").as_deref(), Some("+81524513128"));
        assert_eq!(e164("0120-111-222").as_deref(), Some("+81120111222"));
    }

    #[test]
    fn withheld_unknown_and_foreign_callers_are_no_number() {
        for input in [
            "",
            "anonymous",
            "Anonymous",
            "+266696687",
            "+12025550123",
            "restricted",
            "1234",
            "090-1234-567a",
            "+8109012345678",
        ] {
            assert_eq!(e164(input), None, "{input}");
        }
    }

    #[test]
    fn numbers_display_and_mask_as_people_write_them() {
        let mobile = PhoneNumber::parse("+819012345678").unwrap();
        assert_eq!(mobile.display(), "090-1234-5678");
        assert_eq!(mobile.masked(), "090-****-5678");
        let landline = PhoneNumber::parse("0524510000").unwrap();
        assert_eq!(landline.display(), "052-451-0000");
        assert_eq!(landline.masked(), "052-***-0000");
        let tokyo = PhoneNumber::parse("0312345678").unwrap();
        assert_eq!(tokyo.display(), "03-1234-5678");
        let free = PhoneNumber::parse("+81120111222").unwrap();
        assert_eq!(free.display(), "0120-111-222");
        assert_eq!(free.tel_uri(), "tel:+81120111222");
    }
}
