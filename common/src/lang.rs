//! The screens' two languages. Japanese is the default and the manual's
//! wording; English is chosen by the switch in the header (kept in a
//! cookie) or by the browser's language.
//!
//! The server decides, in this order: the `lang` query parameter (the
//! switch is a plain link, so it works before the SPA has started), the
//! cookie, `Accept-Language`. It writes the answer into `<html lang>`,
//! where the SPA reads it, so the server's page and the SPA never
//! disagree.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Ja,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Ja, Lang::En];

    /// The cookie keeping the customer's choice.
    pub const COOKIE: &'static str = "renkei_lang";

    /// The query parameter of the switch's link.
    pub const QUERY: &'static str = "lang";

    /// The BCP 47 tag: `<html lang>`, the cookie and the query value.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::En => "en",
        }
    }

    /// A language tag's primary subtag, in any case: `en-GB` is English.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?;
        Lang::ALL.into_iter().find(|lang| primary.eq_ignore_ascii_case(lang.tag()))
    }

    /// The language an `Accept-Language` header prefers among ours: the
    /// highest weight wins, the earlier on a tie; Japanese when neither is
    /// asked for (a browser set to French reads the manual's Japanese
    /// rather than a guess).
    pub fn negotiate(accept_language: &str) -> Lang {
        let mut best: Option<(Lang, u16)> = None;
        for item in accept_language.split(',') {
            let mut parts = item.split(';');
            let Some(lang) = parts.next().and_then(Lang::from_tag) else { continue };
            let weight = parts.find_map(|p| p.trim().strip_prefix("q=")).map_or(Some(1000), quality);
            let Some(weight) = weight.filter(|w| *w > 0) else { continue };
            if best.is_none_or(|(_, w)| weight > w) {
                best = Some((lang, weight));
            }
        }
        best.map(|(lang, _)| lang).unwrap_or_default()
    }

    /// The other language: what the switch offers.
    pub fn other(self) -> Lang {
        match self {
            Lang::Ja => Lang::En,
            Lang::En => Lang::Ja,
        }
    }

    /// The switch's words for this language, written in it.
    pub fn own_name(self) -> &'static str {
        match self {
            Lang::Ja => "日本語",
            Lang::En => "English",
        }
    }
}

/// A `q` value in thousandths (`0.8` → 800); `None` if malformed.
fn quality(text: &str) -> Option<u16> {
    let value: f32 = text.trim().parse().ok()?;
    (0.0..=1.0).contains(&value).then(|| (value * 1000.0).round() as u16)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_read_by_their_primary_subtag() {
        assert_eq!(Lang::from_tag("en-GB"), Some(Lang::En));
        assert_eq!(Lang::from_tag("JA_jp"), Some(Lang::Ja));
        assert_eq!(Lang::from_tag("fr"), None);
        assert_eq!(Lang::from_tag(""), None);
        for lang in Lang::ALL {
            assert_eq!(Lang::from_tag(lang.tag()), Some(lang));
        }
    }

    #[test]
    fn the_browsers_preference_decides_by_weight_then_order() {
        assert_eq!(Lang::negotiate("en-US,en;q=0.9,ja;q=0.8"), Lang::En);
        assert_eq!(Lang::negotiate("ja,en-US;q=0.9,en;q=0.8"), Lang::Ja);
        assert_eq!(Lang::negotiate("fr-FR,fr;q=0.9,en;q=0.5"), Lang::En);
        assert_eq!(Lang::negotiate("en;q=0.2, ja;q=0.7"), Lang::Ja);
        assert_eq!(Lang::negotiate("en, ja"), Lang::En, "a tie goes to the first");
    }

    #[test]
    fn japanese_when_neither_is_asked_for_or_the_header_is_broken() {
        assert_eq!(Lang::negotiate(""), Lang::Ja);
        assert_eq!(Lang::negotiate("fr-FR,de"), Lang::Ja);
        assert_eq!(Lang::negotiate("en;q=0"), Lang::Ja, "q=0 means not wanted");
        assert_eq!(Lang::negotiate("en;q=abc"), Lang::Ja);
        assert_eq!(Lang::negotiate(";;,,"), Lang::Ja);
    }
}
