//! Load shedding: above a number of requests in flight the flow's API and
//! the OAuth endpoints answer `busy` at once (503 + Retry-After) instead of queueing, and
//! recovers by itself as requests finish. Written here rather than with
//! tower's ConcurrencyLimit + LoadShed because the limit must be readable
//! and adjustable at run time (the operator's desk, and tests).

use crate::app::AppState;
use crate::error::AppError;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use renkei_common::catalogue::ErrorId;
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

    fn try_enter(&self) -> Option<Admitted<'_>> {
        let before = self.current.fetch_add(1, Ordering::AcqRel);
        if before >= self.limit.load(Ordering::Relaxed) {
            self.current.fetch_sub(1, Ordering::AcqRel);
            return None;
        }
        Some(Admitted(self))
    }
}

/// Leaves the count when the request ends, however it ends.
struct Admitted<'a>(&'a InFlight);

impl Drop for Admitted<'_> {
    fn drop(&mut self) {
        self.0.current.fetch_sub(1, Ordering::AcqRel);
    }
}

pub async fn shed_when_busy(State(state): State<AppState>, request: Request, next: Next) -> Result<Response, AppError> {
    let Some(_admitted) = state.in_flight.try_enter() else {
        return Err(AppError::Refused(ErrorId::Busy));
    };
    Ok(next.run(request).await)
}

/// The same budget for the OAuth endpoints, answered in OAuth's words:
/// 503 `temporarily_unavailable` with Retry-After to an app, our ended page
/// (busy) to a browser at the authorization endpoint.
pub async fn shed_oauth_when_busy(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let Some(_admitted) = state.in_flight.try_enter() else {
        return if request.uri().path().ends_with("/authorize") {
            crate::oauth::authorize::ended_page(ErrorId::Busy).into_response()
        } else {
            crate::oauth::error::OAuthError::temporarily_unavailable().into_response()
        };
    };
    next.run(request).await
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
