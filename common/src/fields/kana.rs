//! カナ氏名: full-width katakana, with what IMEs and old systems produce
//! (hiragana, half-width katakana) folded into it.

use super::FieldError;
use serde::Serialize;

/// A name in full-width katakana, words separated by one ideographic space.
/// Not checked against the core: it only goes to the operation log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct KanaName(String);

/// Half-width katakana U+FF66 (ｦ) to U+FF9D (ﾝ), in code-point order.
const HALF_WIDTH_KATAKANA: &str =
    "ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン";

impl KanaName {
    pub const MAX_CHARS: usize = 30;

    pub fn parse(input: &str) -> Result<Self, FieldError> {
        let folded = fold_to_katakana(input);
        let words: Vec<&str> = folded.split([' ', '\u{3000}']).filter(|w| !w.is_empty()).collect();
        if words.is_empty() {
            return Err(FieldError::KanaRequired);
        }
        let name = words.join("\u{3000}");
        if !name.chars().all(|c| c == '\u{3000}' || is_katakana(c)) {
            return Err(FieldError::KanaFormat);
        }
        if name.chars().count() > Self::MAX_CHARS {
            return Err(FieldError::KanaTooLong);
        }
        Ok(KanaName(name))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn is_katakana(c: char) -> bool {
    matches!(c, '\u{30A1}'..='\u{30FA}' | 'ー' | '・')
}

/// Hiragana → katakana, half-width katakana (with its separate voicing
/// marks) → full-width, everything else untouched.
fn fold_to_katakana(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    for c in input.chars() {
        match c {
            '\u{3041}'..='\u{3096}' => out.push(char::from_u32(c as u32 + 0x60).unwrap_or(c)),
            '\u{FF66}'..='\u{FF9D}' => {
                let index = (c as u32 - 0xFF66) as usize;
                out.push(HALF_WIDTH_KATAKANA.chars().nth(index).unwrap_or(c));
            }
            '\u{FF65}' => out.push('・'),
            // ﾞ (voiced) and ﾟ (semi-voiced) join the kana before them.
            '\u{FF9E}' | '\u{FF9F}' => {
                let voiced = out.pop().and_then(|prev| voice(prev, c == '\u{FF9F}'));
                match voiced {
                    Some(v) => out.push(v),
                    None => {
                        out.push(c); // left in place so the format check refuses it
                    }
                }
            }
            _ => out.push(c),
        }
    }
    out
}

fn voice(base: char, semi: bool) -> Option<char> {
    let b = base as u32;
    // カ…チ sit on odd code points with the voiced form next; ッ breaks the
    // pattern, so ツテト are named.
    let is_ka_to = ((0x30AB..=0x30C1).contains(&b) && b % 2 == 1) || matches!(base, 'ツ' | 'テ' | 'ト');
    let is_ha_row = (0x30CF..=0x30DB).contains(&b) && (b - 0x30CF).is_multiple_of(3);
    match (base, semi) {
        ('ウ', false) => Some('ヴ'),
        (_, false) if is_ka_to || is_ha_row => char::from_u32(b + 1),
        (_, true) if is_ha_row => char::from_u32(b + 2),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_katakana_passes_and_spaces_are_normalised() {
        assert_eq!(KanaName::parse("ヤマダ タロウ").unwrap().as_str(), "ヤマダ\u{3000}タロウ");
        assert_eq!(KanaName::parse("  ヤマダ　　タロウ ").unwrap().as_str(), "ヤマダ\u{3000}タロウ");
    }

    #[test]
    fn hiragana_becomes_katakana() {
        assert_eq!(KanaName::parse("やまだ たろう").unwrap().as_str(), "ヤマダ\u{3000}タロウ");
    }

    #[test]
    fn half_width_katakana_with_voicing_marks_becomes_full_width() {
        assert_eq!(KanaName::parse("ﾔﾏﾀﾞ ﾀﾛｳ").unwrap().as_str(), "ヤマダ\u{3000}タロウ");
        assert_eq!(KanaName::parse("ｽｽﾞｷ ﾊﾅｺ").unwrap().as_str(), "スズキ\u{3000}ハナコ");
        assert_eq!(KanaName::parse("ﾎﾟｰﾙ").unwrap().as_str(), "ポール");
        assert_eq!(KanaName::parse("ｳﾞｨｯﾄ").unwrap().as_str(), "ヴィット");
        assert_eq!(KanaName::parse("ﾂﾞﾃﾞﾄﾞ").unwrap().as_str(), "ヅデド");
    }

    #[test]
    fn kanji_latin_and_stray_marks_are_refused() {
        assert_eq!(KanaName::parse("山田 太郎"), Err(FieldError::KanaFormat));
        assert_eq!(KanaName::parse("Yamada"), Err(FieldError::KanaFormat));
        assert_eq!(KanaName::parse("ﾞｱ"), Err(FieldError::KanaFormat));
        assert_eq!(KanaName::parse("ｱﾟ"), Err(FieldError::KanaFormat));
    }

    #[test]
    fn empty_and_too_long_are_refused() {
        assert_eq!(KanaName::parse(" 　"), Err(FieldError::KanaRequired));
        let long = "ア".repeat(31);
        assert_eq!(KanaName::parse(&long), Err(FieldError::KanaTooLong));
        assert!(KanaName::parse(&"ア".repeat(30)).is_ok());
    }
}
