//! What an app may read through the bank API, as OAuth scopes and as the
//! words screen ⑥ uses for them.

use crate::lang::Lang;

/// `balance` and `transactions` (SPEC §4: 残高照会 and 入出金明細照会).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scope {
    Balance,
    Transactions,
}

impl Scope {
    pub const ALL: [Scope; 2] = [Scope::Balance, Scope::Transactions];

    pub fn name(self) -> &'static str {
        match self {
            Scope::Balance => "balance",
            Scope::Transactions => "transactions",
        }
    }

    /// The consent screen's word for it.
    pub fn label(self) -> &'static str {
        match self {
            Scope::Balance => "残高照会",
            Scope::Transactions => "入出金明細照会（約3か月分）",
        }
    }

    /// The consent screen's word for it in `lang` (Japanese: [`Scope::label`]).
    pub fn label_in(self, lang: Lang) -> &'static str {
        match (lang, self) {
            (Lang::Ja, _) => self.label(),
            (Lang::En, Scope::Balance) => "Balance inquiry",
            (Lang::En, Scope::Transactions) => "Transaction history (about 3 months)",
        }
    }

    pub fn parse(name: &str) -> Option<Scope> {
        Scope::ALL.into_iter().find(|s| s.name() == name)
    }

    /// A space-separated scope string, each known scope once, or `None` if
    /// any is unknown or none is given.
    pub fn parse_list(text: &str) -> Option<Vec<Scope>> {
        let mut scopes = Vec::new();
        for name in text.split(' ').filter(|n| !n.is_empty()) {
            let scope = Scope::parse(name)?;
            if !scopes.contains(&scope) {
                scopes.push(scope);
            }
        }
        scopes.sort();
        (!scopes.is_empty()).then_some(scopes)
    }

    pub fn join(scopes: &[Scope]) -> String {
        scopes.iter().map(|s| s.name()).collect::<Vec<_>>().join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scope_lists_parse_known_names_once_and_refuse_others() {
        assert_eq!(Scope::parse_list("transactions balance balance"), Some(vec![Scope::Balance, Scope::Transactions]));
        assert_eq!(Scope::parse_list("balance payments"), None);
        assert_eq!(Scope::parse_list(""), None);
        assert_eq!(Scope::join(&[Scope::Balance, Scope::Transactions]), "balance transactions");
        assert_eq!(Scope::Balance.label(), "残高照会");
    }

    #[test]
    fn labels_in_both_languages() {
        assert_eq!(Scope::Transactions.label_in(Lang::Ja), "入出金明細照会（約3か月分）");
        assert_eq!(Scope::Balance.label_in(Lang::En), "Balance inquiry");
        assert_eq!(Scope::Transactions.label_in(Lang::En), "Transaction history (about 3 months)");
        for scope in Scope::ALL {
            assert_eq!(scope.label_in(Lang::Ja), scope.label());
        }
    }
}
