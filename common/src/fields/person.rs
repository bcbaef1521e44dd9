//! Screen ②: date of birth, the last four digits of the registered phone,
//! and the e-mail address for the completion notice.

use super::{FieldError, digits_only, fold_full_width};
use serde::Serialize;
use time::{Date, Month};

/// A real date in the past (the customer's date of birth).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct BirthDate(Date);

impl BirthDate {
    /// Accepts `1985-04-01` (what `<input type="date">` sends), `1985/4/1`,
    /// `19850401`, in full or half width. `today` is the JST date.
    pub fn parse(input: &str, today: Date) -> Result<Self, FieldError> {
        let folded = fold_full_width(input.trim());
        if folded.is_empty() {
            return Err(FieldError::BirthDateRequired);
        }
        let parts: Vec<&str> = folded.split(['-', '/', '.']).collect();
        let (y, m, d) = match parts.as_slice() {
            [y, m, d] => (*y, *m, *d),
            // Eight ASCII digits only: slicing other text by bytes could cut
            // a character in two (found by `properties`).
            [compact] if compact.len() == 8 && compact.bytes().all(|b| b.is_ascii_digit()) => {
                (&compact[..4], &compact[4..6], &compact[6..])
            }
            _ => return Err(FieldError::BirthDateFormat),
        };
        let number = |s: &str| -> Result<u16, FieldError> {
            if s.is_empty() || s.len() > 4 || !s.chars().all(|c| c.is_ascii_digit()) {
                return Err(FieldError::BirthDateFormat);
            }
            s.parse().map_err(|_| FieldError::BirthDateFormat)
        };
        let year = number(y)?;
        let month = Month::try_from(number(m)? as u8).map_err(|_| FieldError::BirthDateFormat)?;
        let day = number(d)? as u8;
        if y.len() != 4 || year < 1900 {
            return Err(FieldError::BirthDateFormat);
        }
        let date = Date::from_calendar_date(year.into(), month, day).map_err(|_| FieldError::BirthDateFormat)?;
        if date >= today {
            return Err(FieldError::BirthDateNotPast);
        }
        Ok(BirthDate(date))
    }

    pub fn date(self) -> Date {
        self.0
    }

    /// `YYYY-MM-DD`, the stored and wire form.
    pub fn iso(self) -> String {
        let d = self.0;
        format!("{:04}-{:02}-{:02}", d.year(), d.month() as u8, d.day())
    }
}

/// The last four digits of a registered phone number.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PhoneLast4(String);

impl PhoneLast4 {
    pub fn parse(input: &str) -> Result<Self, FieldError> {
        match digits_only(input) {
            Some(d) if d.len() == 4 => Ok(PhoneLast4(d)),
            _ => Err(FieldError::PhoneLast4Format),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An e-mail address, syntax-checked only (it just receives the notice).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Email(String);

impl Email {
    pub const MAX_LEN: usize = 254;

    pub fn parse(input: &str) -> Result<Self, FieldError> {
        let folded = fold_full_width(input.trim());
        if folded.is_empty() {
            return Err(FieldError::EmailRequired);
        }
        let Some((local, domain)) = folded.rsplit_once('@') else {
            return Err(FieldError::EmailFormat);
        };
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && local.chars().all(|c| c.is_ascii_graphic() && !"@()<>[]:;,\\\"".contains(c))
            && !local.starts_with('.')
            && !local.ends_with('.')
            && !local.contains("..");
        let labels: Vec<&str> = domain.split('.').collect();
        let domain_ok = labels.len() >= 2
            && labels.iter().all(|l| {
                !l.is_empty()
                    && l.len() <= 63
                    && !l.starts_with('-')
                    && !l.ends_with('-')
                    && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            });
        if !local_ok || !domain_ok || folded.len() > Self::MAX_LEN {
            return Err(FieldError::EmailFormat);
        }
        Ok(Email(format!("{local}@{}", domain.to_ascii_lowercase())))
    }

    /// The address and its confirmation, entered twice on screen ②.
    pub fn parse_confirmed(input: &str, confirmation: &str) -> Result<Self, FieldError> {
        let email = Email::parse(input)?;
        match Email::parse(confirmation) {
            Ok(again) if again == email => Ok(email),
            _ => Err(FieldError::EmailMismatch),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    const TODAY: Date = date!(2026 - 11 - 26);

    #[test]
    fn eight_bytes_that_are_not_eight_digits_are_a_format_error_not_a_panic() {
        let today = time::macros::date!(2026 - 11 - 30);
        assert_eq!(BirthDate::parse("વ\u{10A17}8", today), Err(FieldError::BirthDateFormat));
        assert_eq!(BirthDate::parse("1985年4月", today), Err(FieldError::BirthDateFormat));
    }

    #[test]
    fn birth_date_accepts_the_common_spellings() {
        for input in ["1985-04-01", "1985/4/1", "19850401", "１９８５－０４－０１", "1985.04.01"] {
            assert_eq!(BirthDate::parse(input, TODAY).unwrap().iso(), "1985-04-01", "{input}");
        }
    }

    #[test]
    fn birth_date_must_be_a_real_past_date() {
        assert_eq!(BirthDate::parse("", TODAY), Err(FieldError::BirthDateRequired));
        assert_eq!(BirthDate::parse("1985-02-30", TODAY), Err(FieldError::BirthDateFormat));
        assert_eq!(BirthDate::parse("1985-13-01", TODAY), Err(FieldError::BirthDateFormat));
        assert_eq!(BirthDate::parse("85-04-01", TODAY), Err(FieldError::BirthDateFormat));
        assert_eq!(BirthDate::parse("1899-12-31", TODAY), Err(FieldError::BirthDateFormat));
        assert_eq!(BirthDate::parse("2026-11-26", TODAY), Err(FieldError::BirthDateNotPast));
        assert_eq!(BirthDate::parse("2030-01-01", TODAY), Err(FieldError::BirthDateNotPast));
        assert!(BirthDate::parse("2026-11-25", TODAY).is_ok());
        assert!(BirthDate::parse("2000-02-29", TODAY).is_ok());
        assert_eq!(BirthDate::parse("2001-02-29", TODAY), Err(FieldError::BirthDateFormat));
    }

    #[test]
    fn phone_last4_is_four_digits() {
        assert_eq!(PhoneLast4::parse("５６７８").unwrap().as_str(), "5678");
        assert_eq!(PhoneLast4::parse("567"), Err(FieldError::PhoneLast4Format));
        assert_eq!(PhoneLast4::parse("56789"), Err(FieldError::PhoneLast4Format));
        assert_eq!(PhoneLast4::parse("abcd"), Err(FieldError::PhoneLast4Format));
    }

    #[test]
    fn email_syntax_and_full_width_folding() {
        assert_eq!(Email::parse("taro@Example.JP").unwrap().as_str(), "taro@example.jp");
        assert_eq!(Email::parse("ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ").unwrap().as_str(), "taro@example.jp");
        assert_eq!(Email::parse(""), Err(FieldError::EmailRequired));
        for bad in ["taro", "taro@", "@example.jp", "taro@example", "ta ro@example.jp", "a..b@x.jp", "taro@-x.jp"] {
            assert_eq!(Email::parse(bad), Err(FieldError::EmailFormat), "{bad}");
        }
    }

    #[test]
    fn email_confirmation_must_match() {
        assert!(Email::parse_confirmed("taro@example.jp", "TARO@example.jp").is_err());
        assert!(Email::parse_confirmed("taro@example.jp", "taro@EXAMPLE.jp").is_ok());
        assert_eq!(Email::parse_confirmed("taro@example.jp", "jiro@example.jp"), Err(FieldError::EmailMismatch));
        assert_eq!(Email::parse_confirmed("bad", "bad"), Err(FieldError::EmailFormat));
    }
}
