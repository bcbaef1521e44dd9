//! Step 1 of API authentication (screens ①②): the account and the
//! holder's details checked together against the core, in the manual's
//! order:
//!
//! 1. an account not in use, moved, closed or without a cash card →
//!    account_not_handled;
//! 2. a locked account → locked (B84), whatever else was entered;
//! 3. wrong details → identity_mismatch, counted for the account and JST
//!    day; the failure that reaches the limit → locked_now.
//!
//! A success does not reset today's count (see README). Before any of it,
//! the throttles (`throttle`) may refuse the check: then nothing is
//! looked up and nothing counted.

use crate::core::CoreBanking;
use crate::domain::audit::ClientInfo;
use crate::domain::error::{DomainError, DomainResult};
use crate::domain::lockout::{FailureCount, FailureKind, Lockout};
use crate::domain::throttle::Throttle;
use crate::store::Store;
use crate::store::flows::FlowRecord;
use renkei_common::api::CustomerInput;
use renkei_common::catalogue::ErrorId;
use renkei_common::steps::Step;

#[derive(Clone, Copy)]
pub struct IdentityCheck<'a> {
    pub store: &'a Store,
    pub core: &'a dyn CoreBanking,
    pub lockout: Lockout<'a>,
    pub throttle: Throttle<'a>,
}

impl IdentityCheck<'_> {
    /// Checks screen ②'s details, sent from `client`, against the account
    /// screen ① named and, when they are the holder's, moves the flow on
    /// to ③.
    pub async fn check(&self, flow: &FlowRecord, input: &CustomerInput, client: &ClientInfo) -> DomainResult<Step> {
        let named = flow.account.as_ref().ok_or(DomainError::Refused(ErrorId::StepOutOfOrder))?;
        self.throttle.identity_check(flow, named, client).await?;
        let account = match self.core.find_account(named).await? {
            Some(account) if account.is_linkable() => account,
            _ => return Err(ErrorId::AccountNotHandled.into()),
        };
        let attempt = self.lockout.begin(account.id, FailureKind::Identity).await?;
        let matched = self.core.check_identity(account.id, input.birth_date.date(), &input.phone_last4).await?;
        // Without a registered phone ③④ cannot be passed: once the date of
        // birth has shown it is the holder, say so (and send them to the
        // branch) without counting a failure. Before that it is a mismatch
        // like any other, so nobody learns which accounts have no phone.
        if matched.birth_date && self.core.registered_phones(account.id).await?.is_empty() {
            attempt.succeeded(&self.lockout).await?;
            return Err(ErrorId::NoRegisteredPhone.into());
        }
        if !matched.is_holder() {
            return Err(match attempt.failed(&self.lockout).await? {
                FailureCount::Counted { .. } => ErrorId::IdentityMismatch,
                FailureCount::LockedNow => ErrorId::LockedNow,
            }
            .into());
        }
        attempt.succeeded(&self.lockout).await?;
        // Only if ① still names the account that was checked (a ① answered
        // again in between would pair one account's id with another's number).
        let moved = self
            .store
            .advance_after_identity(
                &flow.id_hash,
                Step::Customer,
                Step::PhoneConfirm,
                (account.id, named),
                input.kana_name.as_str(),
                input.email.as_str(),
            )
            .await?;
        if moved { Ok(Step::PhoneConfirm) } else { Err(ErrorId::StepOutOfOrder.into()) }
    }
}
