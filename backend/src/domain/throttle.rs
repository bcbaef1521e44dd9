//! Throttles on screens ①② (ours, not the manual's: limits against abuse
//! that a real customer never meets). The daily lock (`lockout`) bounds how
//! often one account's details can be guessed; it does not bound how many
//! accounts one flow or one address can try, and its failures are anyone's
//! to cause. So, before the core is asked anything:
//!
//! - **per flow**: ① answered on an app's flow and ② checked, together;
//! - **per client address**: identity checks (②) in a window;
//! - **per account**: distinct addresses checking one account in a window.
//!
//! A throttled request is refused before the check, so it never counts
//! toward the customer's failures or lock, and it learns nothing about the
//! account: the account is counted as named on ①, known to the core or not,
//! so a throttled answer does not tell an existing account from another.
//!
//! Windows are fixed (aligned on multiples of their length, so an hour runs
//! from the top of the hour): one atomic upsert per counter, at the price of
//! allowing up to twice a limit across a window's edge.

use crate::clock::Clock;
use crate::domain::audit::ClientInfo;
use crate::domain::error::{DomainError, DomainResult};
use crate::store::Store;
use crate::store::flows::FlowRecord;
use crate::store::throttle::Counter;
pub use crate::store::throttle::ThrottleScope;
use renkei_common::api::AccountInput;
use time::Duration;

/// The limits (`config::ThrottleConfig` explains the defaults).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ThrottleLimits {
    pub answers_per_flow: i64,
    pub checks_per_address: i64,
    pub addresses_per_account: i64,
    /// The window of the address and account throttles.
    pub window: Duration,
}

/// Requests whose address the web layer could not tell (more proxies
/// configured than the request passed) share one budget: a control that
/// failed open on them would fail open for anyone who strips the header.
const UNKNOWN_ADDRESS: &str = "unknown";

#[derive(Clone, Copy)]
pub struct Throttle<'a> {
    pub store: &'a Store,
    pub clock: &'a dyn Clock,
    pub limits: ThrottleLimits,
}

impl Throttle<'_> {
    /// One answer of ① or ② on `flow`.
    pub async fn answer(&self, flow: &FlowRecord) -> DomainResult<()> {
        let counter = Counter {
            scope: ThrottleScope::Flow,
            subject: &flow.id_hash,
            window_start: 0,
            expires_at: flow.expires_at.unix_timestamp(),
        };
        if self.store.claim_throttle(&counter, self.limits.answers_per_flow).await? {
            return Ok(());
        }
        // This flow takes no more answers: the customer starts again from
        // the app, so there is no time to wait for.
        Err(refused(ThrottleScope::Flow, &flow.reference(), self.limits.answers_per_flow, None))
    }

    /// Screen ②'s check of the account ① named, from `client`: counted on
    /// the flow, the address and the account, in that order.
    pub async fn identity_check(
        &self,
        flow: &FlowRecord,
        account: &AccountInput,
        client: &ClientInfo,
    ) -> DomainResult<()> {
        self.answer(flow).await?;
        let now = self.clock.now().unix_timestamp();
        let length = self.limits.window.whole_seconds().max(1);
        let window_start = now - now.rem_euclid(length);
        let window_end = window_start + length;
        let retry_after = Some(window_end - now);
        let address = client.ip.as_deref().unwrap_or(UNKNOWN_ADDRESS);

        let limit = self.limits.checks_per_address;
        let per_address =
            Counter { scope: ThrottleScope::Address, subject: address, window_start, expires_at: window_end };
        if !self.store.claim_throttle(&per_address, limit).await? {
            return Err(refused(ThrottleScope::Address, address, limit, retry_after));
        }

        let named =
            format!("{}-{}-{}", account.branch.as_str(), account.account_type.as_str(), account.number.as_str());
        let limit = self.limits.addresses_per_account;
        let per_account =
            Counter { scope: ThrottleScope::Account, subject: &named, window_start, expires_at: window_end };
        if !self.store.admit_member(&per_account, address, limit).await? {
            let masked = format!("{}-{}", account.branch.as_str(), account.number.masked());
            return Err(refused(ThrottleScope::Account, &masked, limit, retry_after));
        }
        Ok(())
    }
}

/// The refusal, with a warning for the operators: a throttle that trips is
/// someone guessing, or a limit set too low.
fn refused(scope: ThrottleScope, subject: &str, limit: i64, retry_after_seconds: Option<i64>) -> DomainError {
    tracing::warn!(scope = scope.as_str(), subject, limit, "throttled before the identity check");
    crate::telemetry::metrics::throttled(scope.as_str());
    DomainError::Throttled { scope, retry_after_seconds }
}
