//! The lockout rule itself (`domain::lockout`), driven with the clock at the
//! edge of a JST day, where a request can begin before midnight and end
//! after it.

use crate::on_both_databases;
use renkei_backend::core::AccountId;
use renkei_backend::domain::lockout::{FailureCount, FailureKind};
use time::macros::datetime;

const YAMADA: AccountId = AccountId(1);

on_both_databases! {
    async fn a_check_counted_before_midnight_locks_only_until_that_midnight(app) {
        let lockout = app.state.lockout();
        app.clock.set(datetime!(2026-11-26 23:59:59.9 +9));
        for _ in 0..4 {
            let attempt = lockout.begin(YAMADA, FailureKind::Identity).await.unwrap();
            assert!(matches!(attempt.failed(&lockout).await.unwrap(), FailureCount::Counted { .. }));
        }
        let fifth = lockout.begin(YAMADA, FailureKind::Identity).await.unwrap();
        // The check takes a moment and fails after midnight.
        app.clock.set(datetime!(2026-11-27 00:00:00.2 +9));
        assert_eq!(fifth.failed(&lockout).await.unwrap(), FailureCount::LockedNow);
        let locked = |at| app.store.lock_of(YAMADA, at);
        assert_eq!(
            locked(datetime!(2026-11-26 23:59:59.95 +9)).await.unwrap(),
            Some(datetime!(2026-11-27 00:00 +9)),
            "the lock ends at the midnight that ends the day the failure counted in"
        );
        assert_eq!(locked(datetime!(2026-11-27 00:00:00.2 +9)).await.unwrap(), None, "the new day is free");
        assert_eq!(app.store.failures_on(YAMADA, FailureKind::Identity, "2026-11-27").await.unwrap(), 0);
    }
}
