//! The union's core banking system (勘定系) as a port.
//!
//! A real union does not hand its customer records or PIN hashes to this
//! service: its core answers the questions API authentication and the bank
//! API ask, and nothing else. [`CoreBanking`] is that set of questions. The
//! embedded implementation ([`embedded::EmbeddedCore`]) answers them from
//! demo tables in our own database and is the default; a union's integrator
//! writes one adapter for their core and proves it with [`contract`], the
//! suite every implementation must pass.
//!
//! Nothing here knows HTTP, our flows or our locks: only the core's facts.

pub mod contract;
pub mod embedded;

use async_trait::async_trait;
use renkei_common::api::{AccountInput, Branch};
use renkei_common::fields::{PhoneLast4, PhoneNumber, Pin};
use std::sync::Arc;
use thiserror::Error;
use time::{Date, OffsetDateTime};

/// The core's own key for an account. Stable for the account's life and
/// opaque to us: our tables (locks, consents) refer to accounts by it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AccountId(pub i64);

/// An account as the core knows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CoreAccount {
    pub id: AccountId,
    /// Branch, type and number, as the core holds them.
    pub key: AccountInput,
    pub state: AccountState,
}

/// An account found by the core's key, with its holder's name as the
/// passbook prints it: what the bank API reports of a linked account.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeldAccount {
    pub account: CoreAccount,
    /// The holder's name in katakana (口座名義カナ).
    pub holder_kana: String,
}

/// Whether the account can take part in API authentication, and if not why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AccountState {
    /// In use, with a cash card: it can be linked.
    InUse,
    /// In use, but no cash card was issued (screen ⑤ could never be passed).
    NoCashCard,
    /// Moved (移管) to another branch or number; `to` is the new account
    /// where the core tells it.
    Moved {
        to: Option<AccountInput>,
    },
    Closed,
}

impl CoreAccount {
    /// Only an account in use with a cash card can be linked (the manual's
    /// account_not_handled otherwise).
    pub fn is_linkable(&self) -> bool {
        self.state == AccountState::InUse
    }
}

/// What the core said of screen ②'s details. Each item separately, so the
/// manual's rules (e.g. a holder with no registered phone) can be applied
/// above the core.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IdentityMatch {
    pub birth_date: bool,
    /// The last four digits are those of one of the registered phones.
    pub phone_last4: bool,
}

impl IdentityMatch {
    pub fn is_holder(self) -> bool {
        self.birth_date && self.phone_last4
    }
}

/// The core's (or its HSM's) verdict on a cash-card PIN.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PinCheck {
    Matches,
    Wrong,
    /// The account has no PIN to check against (no card, or not set).
    NoPin,
}

/// Balances in whole yen; no floats anywhere.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Balance {
    pub balance: i64,
    /// What can be withdrawn now (the balance less holds).
    pub withdrawable: i64,
    pub previous_day_balance: i64,
    /// The moment the figures stand at (e.g. the start of the business day
    /// they cover); never later than now.
    pub as_of: OffsetDateTime,
}

/// Money in (入金) or out (出金): the bankers' association's codes 1 and 2.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Deposit,
    Withdrawal,
}

/// One line of the passbook.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Transaction {
    /// Unique within the account and stable for the line's life: the
    /// paging key and the bank API's itemKey.
    pub item_key: String,
    pub date: Date,
    pub value_date: Date,
    pub direction: Direction,
    /// Whole yen, always positive; `direction` gives the sign.
    pub amount: i64,
    /// As the passbook prints it (摘要).
    pub remarks: String,
    /// The balance after this line.
    pub balance: i64,
}

/// Transactions booked from `from` to `to` (inclusive, JST dates), oldest
/// first, after the line `after` (a page's `next`). `limit` is how many a
/// page may hold; an implementation may cap it (the embedded core at 500)
/// and answers at least one line per page while lines remain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TransactionQuery {
    pub from: Date,
    pub to: Date,
    pub after: Option<String>,
    pub limit: u32,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TransactionPage {
    pub transactions: Vec<Transaction>,
    /// Where the next page starts; `None` on the last page. Lines booked
    /// while a customer pages never make a line repeat or go missing.
    pub next: Option<String>,
}

/// The core could not answer (down, timed out, refused us). The customer
/// sees the system error; the cause goes to the log.
#[derive(Debug, Error)]
pub enum CoreError {
    #[error("core banking unavailable: {0}")]
    Unavailable(String),
    /// The core answered something we cannot read (a stored value out of
    /// its format, an unknown state).
    #[error("core banking answered unreadably: {0}")]
    Unreadable(String),
}

/// Everything API authentication and the bank API read from the union's
/// core. Implementations must pass [`contract`].
///
/// An [`AccountId`] the core does not know is no error: identity matches
/// nothing, there are no phones, no PIN (`NoPin`) and no balance.
#[async_trait]
pub trait CoreBanking: Send + Sync + 'static {
    /// The union's branches in its own order (screen ①'s picker, ⑥'s
    /// wording).
    async fn branches(&self) -> Result<Vec<Branch>, CoreError>;

    /// The account with this branch, type and number, in whatever state;
    /// `None` when the core knows no such account.
    async fn find_account(&self, key: &AccountInput) -> Result<Option<CoreAccount>, CoreError>;

    /// The account under the core's own key, in whatever state (a link
    /// names its account by it; a moved or closed account must end it).
    async fn account_by_id(&self, account: AccountId) -> Result<Option<HeldAccount>, CoreError>;

    /// Whether the holder's date of birth, and the last four digits of one
    /// of their registered phones, are these.
    async fn check_identity(
        &self,
        account: AccountId,
        birth_date: Date,
        phone_last4: &PhoneLast4,
    ) -> Result<IdentityMatch, CoreError>;

    /// The holder's registered phones, in the core's order (screen ③).
    async fn registered_phones(&self, account: AccountId) -> Result<Vec<PhoneNumber>, CoreError>;

    /// The core (or its HSM) checks the cash-card PIN; we never hold it.
    async fn verify_pin(&self, account: AccountId, pin: &Pin) -> Result<PinCheck, CoreError>;

    /// The balance now; `None` for an account the core does not know.
    async fn balance(&self, account: AccountId) -> Result<Option<Balance>, CoreError>;

    async fn transactions(&self, account: AccountId, query: &TransactionQuery) -> Result<TransactionPage, CoreError>;
}

pub type SharedCore = Arc<dyn CoreBanking>;
