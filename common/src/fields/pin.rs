//! Screen ⑤: the cash-card PIN (暗証番号).

use super::{FieldError, digits_only};
use std::fmt;

/// Four digits. Its `Debug` never shows them, so a PIN cannot reach a log
/// by accident; it is deliberately not `Serialize`.
#[derive(Clone, PartialEq, Eq)]
pub struct Pin(String);

impl Pin {
    pub fn parse(input: &str) -> Result<Self, FieldError> {
        match digits_only(input) {
            Some(d) if d.len() == 4 => Ok(Pin(d)),
            _ => Err(FieldError::PinFormat),
        }
    }

    /// The digits, for hashing or verifying only.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Pin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Pin(****)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pin_is_four_digits_and_never_debug_printed() {
        let pin = Pin::parse("１２３４").unwrap();
        assert_eq!(pin.expose(), "1234");
        assert_eq!(format!("{pin:?}"), "Pin(****)");
        assert_eq!(Pin::parse("123"), Err(FieldError::PinFormat));
        assert_eq!(Pin::parse("12345"), Err(FieldError::PinFormat));
        assert_eq!(Pin::parse("12a4"), Err(FieldError::PinFormat));
    }
}
