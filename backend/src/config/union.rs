//! The union's profile in English: its name, desk and hours as the union
//! writes them in English (`RENKEI_UNION_NAME_EN`, `RENKEI_DESK_NAME_EN`,
//! `RENKEI_DESK_HOURS_EN`). Phone, address and sending domain are the same
//! in both languages.

use super::Config;
use renkei_common::Lang;
use renkei_common::api::UnionProfile;

#[derive(Clone, Debug)]
pub struct UnionInEnglish {
    pub name: String,
    pub desk_name: String,
    pub desk_hours: String,
}

impl UnionInEnglish {
    /// Each English word from its variable; without it, the demo union's
    /// English where the Japanese is the demo's too, else the union's own
    /// Japanese (better its real name than the demo's).
    pub fn from_lookup(lookup: &impl Fn(&str) -> Option<String>) -> UnionInEnglish {
        let word = |name: &str, demo: &str| {
            lookup(&format!("{name}_EN")).or_else(|| lookup(name)).unwrap_or_else(|| demo.to_owned())
        };
        UnionInEnglish {
            name: word("RENKEI_UNION_NAME", "Aichi Shogin Credit Union"),
            desk_name: word("RENKEI_DESK_NAME", "Operations Department, Head Office"),
            desk_hours: word("RENKEI_DESK_HOURS", "Weekdays 9:00–17:00"),
        }
    }
}

impl Config {
    /// The union's profile as the customer reads it in `lang`.
    pub fn union_profile(&self, lang: Lang) -> UnionProfile {
        let mut profile = self.union.clone();
        if lang == Lang::En {
            profile.name.clone_from(&self.union_in_english.name);
            profile.desk.name.clone_from(&self.union_in_english.desk_name);
            profile.desk.hours.clone_from(&self.union_in_english.desk_hours);
        }
        profile
    }
}
