//! Step 2 of API authentication (screens ③④): the customer picks one of
//! their registered phones, is shown an authentication number drawn at
//! random, and calls it from that phone within 120 seconds; the caller ID
//! proves they hold the phone. A call verifies an attempt only from its
//! caller, to its number, inside its deadline, and only when it fits no
//! other attempt: otherwise someone who knows the holder's details could
//! hold an attempt for the holder's phone on every number of the pool and
//! let the holder's own call verify it.

use crate::clock::Clock;
use crate::core::CoreBanking;
use crate::domain::audit::{AuditLog, ClientInfo, Operation};
use crate::domain::error::{DomainError, DomainResult};
use crate::domain::journey::{Journey, matched_account};
use crate::domain::lockout::Lockout;
use crate::domain::service_hours::ServiceHours;
use crate::random::Random;
use crate::store::Store;
use crate::store::calls::{CallAttempt, CallOutcome, ReportedCall};
use crate::store::flows::{FlowRecord, reference};
use renkei_common::catalogue::ErrorId;
use renkei_common::fields::PhoneNumber;
use renkei_common::steps::Step;
use time::Duration;

/// The numbers customers call, and how long they have.
#[derive(Clone, Copy)]
pub struct CallSettings<'a> {
    /// One is drawn at random for every attempt.
    pub auth_numbers: &'a [PhoneNumber],
    /// The manual: 120 seconds.
    pub window: Duration,
    /// Keys the digest under which an attempt keeps its caller's number
    /// (the instances' shared secret).
    pub phone_key: &'a str,
}

impl CallSettings<'_> {
    /// The caller's number as an attempt keeps it: recognisable, never
    /// readable (`secrets::keyed_digest`).
    pub fn caller_digest(&self, phone: &PhoneNumber) -> String {
        crate::secrets::keyed_digest(self.phone_key, "call-attempt-caller", phone.e164())
    }
}

#[derive(Clone, Copy)]
pub struct PhoneCall<'a> {
    pub store: &'a Store,
    pub core: &'a dyn CoreBanking,
    pub clock: &'a dyn Clock,
    pub random: &'a dyn Random,
    pub lockout: Lockout<'a>,
    pub journey: Journey<'a>,
    /// A call while the service is closed verifies nothing, as every flow
    /// endpoint refuses then.
    pub service_hours: ServiceHours<'a>,
    pub settings: CallSettings<'a>,
}

/// Screen ④ as it stands now.
#[derive(Clone, Debug)]
pub struct CallStatus {
    pub destination: PhoneNumber,
    /// Masked: the attempt keeps no more of it.
    pub caller: String,
    pub seconds_left: i64,
    pub verified: bool,
}

/// A call as a telephony provider reports it, already authenticated.
#[derive(Clone, Debug)]
pub struct IncomingCall {
    /// The provider's id for the call: a replayed webhook repeats it.
    pub call_id: String,
    /// `None` when the caller ID is withheld or unknown.
    pub from: Option<PhoneNumber>,
    pub to: Option<PhoneNumber>,
}

/// Draws the number to call. Every attempt draws afresh, so a number seen
/// once tells nothing about the next attempt.
pub fn draw_destination<'a>(pool: &'a [PhoneNumber], random: &dyn Random) -> Option<&'a PhoneNumber> {
    (!pool.is_empty()).then(|| &pool[random.below(pool.len())])
}

impl PhoneCall<'_> {
    /// Screen ③: the holder's registered phones, after the step and lock
    /// checks every phone screen shares.
    pub async fn registered_phones(&self, flow: &FlowRecord) -> DomainResult<Vec<PhoneNumber>> {
        let account = matched_account(flow)?;
        self.lockout.ensure_unlocked(account).await?;
        Ok(self.core.registered_phones(account).await?)
    }

    /// Screen ③'s choice: the attempt starts and the flow moves on to ④.
    pub async fn start(&self, flow: &FlowRecord, phone_index: usize) -> DomainResult<Step> {
        let phones = self.registered_phones(flow).await?;
        let caller = phones.get(phone_index).ok_or(DomainError::Refused(ErrorId::InvalidInput))?;
        let destination = draw_destination(self.settings.auth_numbers, self.random)
            .ok_or_else(|| DomainError::Internal("no authentication numbers configured".into()))?;
        let now = self.clock.now();
        let deadline = now + self.settings.window;
        let digest = self.settings.caller_digest(caller);
        let masked = caller.masked();
        self.store.start_call_attempt(&flow.id_hash, &digest, &masked, destination.e164(), now, deadline).await?;
        self.journey.advance(flow, Step::PhoneConfirm, Step::PhoneCall).await
    }

    async fn attempt_of(&self, flow: &FlowRecord) -> DomainResult<CallAttempt> {
        self.lockout.ensure_unlocked(matched_account(flow)?).await?;
        self.store.call_attempt(&flow.id_hash).await?.ok_or(DomainError::Refused(ErrorId::StepOutOfOrder))
    }

    /// The attempt is void and nothing can continue it (`why`: its 120
    /// seconds ran out, or a call fitted it and another attempt): the
    /// customer starts again from ①. A flow an app started goes back to ①
    /// with the app's request (in production there is no other way to
    /// reach ①); a development flow ends, and ① starts a new one.
    async fn start_again(&self, flow: &FlowRecord, why: ErrorId) -> DomainError {
        let gone = if flow.begun_before_screen_one() {
            self.store.restart_flow(&flow.id_hash, Step::PhoneCall).await.map_err(DomainError::from)
        } else {
            self.journey.end(flow).await
        };
        match gone {
            Ok(_) => why.into(),
            Err(cause) => cause,
        }
    }

    /// The attempt as it stands, or why the customer must start again.
    async fn live_attempt(&self, flow: &FlowRecord) -> DomainResult<CallAttempt> {
        let attempt = self.attempt_of(flow).await?;
        if attempt.ambiguous {
            return Err(self.start_again(flow, ErrorId::CallAmbiguous).await);
        }
        if attempt.is_void_at(self.clock.now()) {
            return Err(self.start_again(flow, ErrorId::PhoneExpired).await);
        }
        Ok(attempt)
    }

    /// Screen ④: the number to call and the time left. Said as soon as the
    /// attempt is void, rather than offering a 「確定する」 that can only fail.
    pub async fn status(&self, flow: &FlowRecord) -> DomainResult<CallStatus> {
        let attempt = self.live_attempt(flow).await?;
        let now = self.clock.now();
        let stored = |e164: &str| {
            PhoneNumber::parse(e164).ok_or_else(|| DomainError::Internal(format!("stored number {e164:?}")))
        };
        Ok(CallStatus {
            destination: stored(&attempt.destination_e164)?,
            caller: attempt.caller_masked.clone(),
            seconds_left: (attempt.deadline - now).whole_seconds().max(0),
            verified: attempt.verified,
        })
    }

    /// 「確定する」: ⑤ once the call verified, ④ (認証中) while it has not.
    /// Pressed in time, the customer may wait past the deadline for the
    /// screen to move on by itself; a first press after it is void.
    pub async fn confirm(&self, flow: &FlowRecord) -> DomainResult<Step> {
        let attempt = self.live_attempt(flow).await?;
        if attempt.verified {
            return self.journey.advance(flow, Step::PhoneCall, Step::Pin).await;
        }
        self.store.press_confirm(&flow.id_hash, self.clock.now()).await?;
        Ok(Step::PhoneCall)
    }

    /// A call the provider reported: registered once per call id, decided
    /// (in a maintenance window, or with the service switched off, it
    /// matches nothing), and logged with masked numbers only and the
    /// references of the flows it verified or voided.
    pub async fn receive(
        &self,
        provider: &str,
        call: &IncomingCall,
        audit: AuditLog<'_>,
        client: &ClientInfo,
    ) -> DomainResult<CallOutcome> {
        let closed = match self.service_hours.require_open().await {
            Ok(()) => None,
            Err(DomainError::Refused(why)) => Some(why),
            Err(cause) => return Err(cause),
        };
        let from_masked = call.from.as_ref().map(PhoneNumber::masked).unwrap_or_else(|| "非通知".to_owned());
        let from_digest = call.from.as_ref().map(|from| self.settings.caller_digest(from));
        let reported = ReportedCall {
            provider,
            call_id: &call.call_id,
            from_digest: from_digest.as_deref(),
            from_masked: &from_masked,
            to_e164: call.to.as_ref().map(PhoneNumber::e164),
        };
        let verdict = self.store.register_call(&reported, self.clock.now(), closed.is_none()).await?;
        let outcome = verdict.outcome;
        crate::telemetry::metrics::call(outcome.as_str());
        let to = call.to.as_ref().map(PhoneNumber::display).unwrap_or_default();
        let flows: Vec<String> = verdict.flows.iter().map(|hash| reference(hash)).collect();
        let logged = match (outcome, closed) {
            (CallOutcome::Verified, _) => "ok",
            (CallOutcome::Closed, Some(why)) => why.as_str(),
            (CallOutcome::Ambiguous, _) => {
                // Someone else may hold an attempt for this customer's phone.
                tracing::warn!(provider, from = %from_masked, %to, flows = ?flows, "a call fitted several attempts; none verified");
                ErrorId::CallAmbiguous.as_str()
            }
            _ => "call_refused",
        };
        // The flows go in the detail: the row is the provider's request (its
        // address, no client), not a step of one customer's flow.
        let mut detail = format!("{provider} call from {from_masked} to {to}: {}", outcome.as_str());
        if !flows.is_empty() {
            detail.push_str(&format!(" (flows {})", flows.join(", ")));
        }
        let operation = Operation::new(Step::PhoneCall, None, None).with_outcome_text(logged).with_detail(detail);
        audit.record(client, operation).await;
        Ok(outcome)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::random::SeededRandom;
    use std::collections::HashSet;

    #[test]
    fn every_number_of_the_pool_is_drawn_over_many_attempts() {
        let pool: Vec<PhoneNumber> = ["0120-111-222", "0120-333-444", "0120-555-666", "052-451-3100"]
            .iter()
            .filter_map(|n| PhoneNumber::parse(n))
            .collect();
        let random = SeededRandom::new(1);
        let drawn: HashSet<String> =
            (0..400).filter_map(|_| draw_destination(&pool, &*random)).map(|n| n.e164().to_owned()).collect();
        assert_eq!(drawn.len(), pool.len());
        assert!(draw_destination(&[], &*random).is_none());
    }

    #[test]
    fn the_same_seed_draws_the_same_number() {
        let pool: Vec<PhoneNumber> =
            ["0120-111-222", "0120-333-444"].iter().filter_map(|n| PhoneNumber::parse(n)).collect();
        let first = draw_destination(&pool, &*SeededRandom::new(9)).map(|n| n.e164().to_owned());
        assert_eq!(first, draw_destination(&pool, &*SeededRandom::new(9)).map(|n| n.e164().to_owned()));
    }
}
