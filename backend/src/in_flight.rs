//! Requests in flight, counted for load shedding: above the limit the
//! flow's API and the OAuth endpoints answer `busy` at once (503 +
//! Retry-After) instead of queueing, and recover by themselves as requests
//! finish. Written here rather than with tower's ConcurrencyLimit +
//! LoadShed because the limit must be readable and adjustable at run time
//! (the operator's desk, and tests). The layers are in `web::load_shed`.

use std::sync::atomic::{AtomicUsize, Ordering};

#[derive(Debug)]
pub struct InFlight {
    current: AtomicUsize,
    limit: AtomicUsize,
}

impl InFlight {
    pub fn new(limit: usize) -> Self {
        InFlight { current: AtomicUsize::new(0), limit: AtomicUsize::new(limit) }
    }

    pub fn set_limit(&self, limit: usize) {
        self.limit.store(limit, Ordering::Relaxed);
    }

    /// A place, if one is free; it is given back when dropped.
    pub fn try_enter(&self) -> Option<Admitted<'_>> {
        let before = self.current.fetch_add(1, Ordering::AcqRel);
        if before >= self.limit.load(Ordering::Relaxed) {
            self.current.fetch_sub(1, Ordering::AcqRel);
            return None;
        }
        Some(Admitted(self))
    }
}

/// Leaves the count when the request ends, however it ends.
pub struct Admitted<'a>(&'a InFlight);

impl Drop for Admitted<'_> {
    fn drop(&mut self) {
        self.0.current.fetch_sub(1, Ordering::AcqRel);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn admits_up_to_the_limit_and_frees_places_as_requests_end() {
        let in_flight = InFlight::new(2);
        let a = in_flight.try_enter();
        let b = in_flight.try_enter();
        assert!(a.is_some() && b.is_some());
        assert!(in_flight.try_enter().is_none(), "the third is shed");
        drop(a);
        assert!(in_flight.try_enter().is_some(), "a place came free");
    }
}
