//! The bank API's rules (what an app reads with its access token): which
//! token opens which account and inquiry, how a DPoP-bound token is proven
//! (RFC 9449 §7), and the inquiries themselves over the core, within the
//! about three months of history the API serves.

use crate::clock::Clock;
use crate::core::{Balance, CoreBanking, CoreError, HeldAccount, TransactionPage, TransactionQuery};
use crate::domain::error::DomainError;
use crate::domain::oauth::OAuthServer;
use crate::domain::oauth::dpop::{self, DpopError};
use crate::secrets;
use crate::store::Store;
use crate::store::oauth::AccessGrant;
use renkei_common::catalogue::ErrorId;
use renkei_common::scopes::Scope;
use time::{Date, Month};

/// How many months of transactions the API serves (the manual's FAQ:
/// about three).
pub const HISTORY_MONTHS: u8 = 3;
/// The most lines one page holds.
pub const PAGE_LIMIT: u32 = 500;

/// The authorization scheme the request used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scheme {
    Bearer,
    Dpop,
}

/// The token as the request presented it.
pub struct Presented<'a> {
    pub scheme: Scheme,
    pub token: &'a str,
    /// The values of the request's `DPoP` headers.
    pub proofs: &'a [&'a str],
    pub method: &'a str,
    /// Our URL of the request, as the proof's `htu` must name it.
    pub url: &'a str,
}

/// Why the bank API refused.
#[derive(Debug)]
pub enum BankApiError {
    /// 401: no usable token (or proof). `scheme` is the challenge to
    /// answer with; `error` the RFC 6750 / RFC 9449 error code, if any.
    Unauthorized {
        scheme: Scheme,
        error: Option<&'static str>,
        nonce: Option<String>,
    },
    /// 403: the link does not allow this inquiry.
    InsufficientScope {
        scheme: Scheme,
    },
    /// 400/404: the catalogue entry.
    Refused(ErrorId),
    Core(CoreError),
    Database(sqlx::Error),
}

impl From<sqlx::Error> for BankApiError {
    fn from(cause: sqlx::Error) -> Self {
        BankApiError::Database(cause)
    }
}

impl From<DomainError> for BankApiError {
    fn from(cause: DomainError) -> Self {
        match cause {
            DomainError::Database(cause) => BankApiError::Database(cause),
            DomainError::Core(cause) => BankApiError::Core(cause),
            other => BankApiError::Refused(other.id()),
        }
    }
}

impl From<CoreError> for BankApiError {
    fn from(cause: CoreError) -> Self {
        BankApiError::Core(cause)
    }
}

fn invalid(scheme: Scheme, error: &'static str) -> BankApiError {
    BankApiError::Unauthorized { scheme, error: Some(error), nonce: None }
}

/// A request the token was accepted for: its link's account and scopes.
#[derive(Clone, Debug)]
pub struct Authorized {
    pub scheme: Scheme,
    pub grant: AccessGrant,
    pub account: HeldAccount,
}

impl Authorized {
    /// Refuses with 403 unless the link allows `scope`.
    pub fn require(&self, scope: Scope) -> Result<(), BankApiError> {
        let allowed = Scope::parse_list(&self.grant.scope).unwrap_or_default();
        if allowed.contains(&scope) { Ok(()) } else { Err(BankApiError::InsufficientScope { scheme: self.scheme }) }
    }
}

#[derive(Clone, Copy)]
pub struct BankApi<'a> {
    pub store: &'a Store,
    pub core: &'a dyn CoreBanking,
    pub clock: &'a dyn Clock,
    pub oauth: OAuthServer<'a>,
}

impl BankApi<'_> {
    /// Checks the presented token: live, presented as its kind (a
    /// DPoP-bound token only with a proof by its key, never as a bearer),
    /// and its link's account still in use at the core.
    pub async fn authorize(&self, presented: &Presented<'_>) -> Result<Authorized, BankApiError> {
        let now = self.clock.now();
        let Some(grant) = self.store.access_grant(&secrets::hash(presented.token), now).await? else {
            return Err(invalid(presented.scheme, "invalid_token"));
        };
        match (&grant.dpop_jkt, presented.scheme) {
            (Some(bound), Scheme::Dpop) => {
                let checked =
                    dpop::check(&self.oauth, presented.proofs, presented.method, presented.url, Some(presented.token))
                        .await;
                match checked {
                    Ok(Some(proof)) if &proof.jkt == bound => {}
                    Ok(Some(_)) => return Err(invalid(Scheme::Dpop, "invalid_dpop_proof")),
                    Ok(None) | Err(DpopError::Missing) => return Err(invalid(Scheme::Dpop, "invalid_dpop_proof")),
                    Err(DpopError::UseNonce) => {
                        let nonce = Some(dpop::current_nonce(&self.oauth));
                        return Err(BankApiError::Unauthorized {
                            scheme: Scheme::Dpop,
                            error: Some("use_dpop_nonce"),
                            nonce,
                        });
                    }
                    Err(DpopError::Invalid(why)) => {
                        tracing::info!(why, "DPoP proof refused at the bank API");
                        return Err(invalid(Scheme::Dpop, "invalid_dpop_proof"));
                    }
                    Err(DpopError::Unavailable) => return Err(BankApiError::Refused(ErrorId::SystemError)),
                }
            }
            // A bound token sent as a bearer would let anyone who saw it
            // use it: that is what binding prevents (RFC 9449 §7.2).
            (Some(_), Scheme::Bearer) => return Err(invalid(Scheme::Dpop, "invalid_token")),
            (None, Scheme::Dpop) => return Err(invalid(Scheme::Bearer, "invalid_token")),
            (None, Scheme::Bearer) => {}
        }
        // The link ends when its account moves or closes (移管): checked
        // on every use, and the link is revoked so refreshing fails too.
        let Some(account) = self.oauth.links().account_in_use(grant.consent_id, grant.account).await? else {
            return Err(invalid(presented.scheme, "invalid_token"));
        };
        Ok(Authorized { scheme: presented.scheme, grant, account })
    }

    pub async fn balance(&self, authorized: &Authorized) -> Result<Balance, BankApiError> {
        authorized.require(Scope::Balance)?;
        self.core.balance(authorized.account.account.id).await?.ok_or(BankApiError::Refused(ErrorId::AccountNotLinked))
    }

    /// One page of the account's transactions from `from` to `to` (today
    /// by default), oldest first.
    pub async fn transactions(
        &self,
        authorized: &Authorized,
        range: (Option<Date>, Option<Date>),
        after: Option<String>,
    ) -> Result<(Date, Date, TransactionPage), BankApiError> {
        authorized.require(Scope::Transactions)?;
        let today = renkei_common::calendar::jst(self.clock.now()).date();
        let (from, to) = (range.0.unwrap_or(today), range.1.unwrap_or(today));
        if from > to {
            return Err(BankApiError::Refused(ErrorId::InvalidQuery));
        }
        if from < history_start(today) || to > today {
            return Err(BankApiError::Refused(ErrorId::HistoryOutOfRange));
        }
        let query = TransactionQuery { from, to, after, limit: PAGE_LIMIT };
        let page = self.core.transactions(authorized.account.account.id, &query).await.map_err(|e| match e {
            // The only thing a caller can make unreadable is its cursor.
            CoreError::Unreadable(_) => BankApiError::Refused(ErrorId::InvalidQuery),
            other => BankApiError::Core(other),
        })?;
        Ok((from, to, page))
    }
}

/// The first day the API serves: the same day three months back (or that
/// month's last day, for the 31st).
pub fn history_start(today: Date) -> Date {
    let mut month = today.month();
    let mut year = today.year();
    for _ in 0..HISTORY_MONTHS {
        month = month.previous();
        if month == Month::December {
            year -= 1;
        }
    }
    let last = time::util::days_in_month(month, year);
    Date::from_calendar_date(year, month, today.day().min(last)).unwrap_or(today)
}

#[cfg(test)]
mod tests {
    use super::history_start;
    use time::macros::date;

    #[test]
    fn history_reaches_back_three_calendar_months() {
        assert_eq!(history_start(date!(2026 - 11 - 26)), date!(2026 - 08 - 26));
        assert_eq!(history_start(date!(2026 - 02 - 15)), date!(2025 - 11 - 15));
        assert_eq!(history_start(date!(2026 - 05 - 31)), date!(2026 - 02 - 28));
    }
}
