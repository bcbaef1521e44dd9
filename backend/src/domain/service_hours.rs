//! The service calendar applied (rules ①–⑤ in `common::calendar`, rule ⑥
//! the operator's windows in our database) and the operator's switch. They
//! close the flow and the OAuth entry points alike.

use crate::clock::Clock;
use crate::domain::error::{DomainError, DomainResult};
use crate::store::Store;
use renkei_common::api::ServiceStatus;
use renkei_common::calendar::{Availability, availability_at, jst, next_closure_within};
use renkei_common::catalogue::ErrorId;
use time::{Duration, PrimitiveDateTime};

/// How far ahead screen ① warns of a maintenance window.
pub const WARNING_AHEAD: Duration = Duration::minutes(15);

/// How long an app is told to wait while the operator has the service
/// off: the switch has no known end.
pub const SWITCHED_OFF_RETRY: Duration = Duration::minutes(5);

/// Why the service is closed now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Closed {
    /// The operator switched API authentication off.
    SwitchedOff,
    /// A maintenance window (rules ①–⑥), reopening this long from now.
    Window { reopens_in: Duration },
}

impl Closed {
    /// The catalogue entry a customer is shown.
    pub fn id(self) -> ErrorId {
        match self {
            Closed::SwitchedOff => ErrorId::ServiceUnavailable,
            Closed::Window { .. } => ErrorId::OutOfHours,
        }
    }

    /// When an app should try again.
    pub fn retry_after(self) -> Duration {
        match self {
            Closed::SwitchedOff => SWITCHED_OFF_RETRY,
            Closed::Window { reopens_in } => reopens_in,
        }
    }
}

#[derive(Clone, Copy)]
pub struct ServiceHours<'a> {
    pub store: &'a Store,
    pub clock: &'a dyn Clock,
}

impl ServiceHours<'_> {
    /// `Ok` inside service hours while the operator has the service on;
    /// `service_unavailable` or `out_of_hours` otherwise.
    pub async fn require_open(&self) -> DomainResult<()> {
        match self.closed_now().await? {
            None => Ok(()),
            Some(closed) => Err(DomainError::Refused(closed.id())),
        }
    }

    /// `None` while open; otherwise why it is closed.
    pub async fn closed_now(&self) -> DomainResult<Option<Closed>> {
        if !self.store.flow_enabled().await? {
            return Ok(Some(Closed::SwitchedOff));
        }
        let now = self.clock.now();
        let ad_hoc = self.store.ad_hoc_windows(now).await?;
        let t = jst(now);
        Ok(match availability_at(t, &ad_hoc) {
            Availability::Open => None,
            Availability::Closed { until, .. } => Some(Closed::Window { reopens_in: until - t }),
        })
    }

    /// Open or closed now, when it reopens, and whether it closes soon.
    pub async fn status(&self) -> DomainResult<ServiceStatus> {
        let now = self.clock.now();
        let ad_hoc = self.store.ad_hoc_windows(now).await?;
        let t = jst(now);
        Ok(match availability_at(t, &ad_hoc) {
            Availability::Open => ServiceStatus {
                open: true,
                reopens_at: None,
                closes_soon_at: next_closure_within(t, WARNING_AHEAD, &ad_hoc).map(|w| clock_text(w.start)),
            },
            Availability::Closed { until, .. } => {
                ServiceStatus { open: false, reopens_at: Some(clock_text(until)), closes_soon_at: None }
            }
        })
    }
}

/// `H:MM`, as Japanese notices write times.
fn clock_text(t: PrimitiveDateTime) -> String {
    format!("{}:{:02}", t.hour(), t.minute())
}
