//! Step 3 of API authentication (screen ⑤): the cash-card PIN, verified
//! by the core (we never hold it). Wrong PINs count per account and JST
//! day; the one that reaches the limit (3) locks API authentication until
//! 0:00 JST. Only ours: nothing here touches the card's ATM use.

use crate::core::{CoreBanking, PinCheck};
use crate::domain::error::{DomainError, DomainResult};
use crate::domain::journey::{Journey, matched_account};
use crate::domain::lockout::{FailureCount, FailureKind, Lockout};
use crate::store::flows::{FlowPurpose, FlowRecord};
use renkei_common::catalogue::ErrorId;
use renkei_common::fields::Pin;
use renkei_common::steps::Step;

#[derive(Clone, Copy)]
pub struct PinStep<'a> {
    pub core: &'a dyn CoreBanking,
    pub lockout: Lockout<'a>,
    pub journey: Journey<'a>,
}

impl PinStep<'_> {
    /// Checks the PIN and, when it is right, moves the flow on to ⑥ (or,
    /// on 連携管理, to the list of links).
    pub async fn check(&self, flow: &FlowRecord, pin: &Pin) -> DomainResult<Step> {
        let account = matched_account(flow)?;
        let attempt = self.lockout.begin(account, FailureKind::Pin).await?;
        let verdict = match self.core.verify_pin(account, pin).await {
            Ok(verdict) => verdict,
            Err(cause) => {
                // The core did not answer: not the customer's failure.
                attempt.succeeded(&self.lockout).await?;
                return Err(cause.into());
            }
        };
        match verdict {
            PinCheck::Matches => {
                attempt.succeeded(&self.lockout).await?;
                let next = match flow.purpose {
                    FlowPurpose::Link => Step::Consent,
                    FlowPurpose::ManageLinks => Step::Links,
                };
                self.journey.advance(flow, Step::Pin, next).await
            }
            PinCheck::NoPin => {
                attempt.succeeded(&self.lockout).await?;
                Err(ErrorId::AccountNotHandled.into())
            }
            PinCheck::Wrong => Err(match attempt.failed(&self.lockout).await? {
                FailureCount::Counted { remaining } => DomainError::WrongPin { attempts_left: remaining },
                FailureCount::LockedNow => ErrorId::LockedNow.into(),
            }),
        }
    }
}
