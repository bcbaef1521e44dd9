//! Delivers queued mail. Each round claims what is due, sends it, and on
//! failure schedules the next try further away (1, 2, 4 … minutes, at most
//! an hour), until the last allowed try, after which the mail is marked
//! failed with its reason; the failure goes to the log, never to the
//! customer. Each round also sweeps what can no longer be used and prunes
//! what has been kept long enough (`store::retention`).

use crate::state::AppState;
use crate::telemetry::metrics;
use std::time::Duration as StdDuration;
use time::Duration;

/// How long a claimed mail is left to one instance: longer than a round
/// can take (20 mails × the SMTP timeout), so no other instance resends it.
const LEASE_SECONDS: i64 = 20 * 10 + 60;

fn backoff(attempts: i64) -> Duration {
    Duration::minutes(1 << attempts.clamp(0, 6)).min(Duration::hours(1))
}

/// One round: what was sent and what failed.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Round {
    pub sent: usize,
    pub failed: usize,
}

pub async fn deliver_due(state: &AppState) -> Result<Round, sqlx::Error> {
    let now = state.clock.now();
    let due = state.store.claim_due_mail(now, LEASE_SECONDS, 20).await?;
    let mut round = Round::default();
    for mail in due {
        match state.mailer.send(&mail.to_address, &mail.subject, &mail.body).await {
            Ok(()) => {
                state.store.mark_mail_sent(mail.id, state.clock.now()).await?;
                metrics::mail(true);
                round.sent += 1;
            }
            Err(cause) if mail.attempts + 1 >= state.config.mail.max_attempts => {
                tracing::error!(mail_id = mail.id, attempts = mail.attempts + 1, %cause, "mail not delivered; given up");
                state.store.mark_mail_given_up(mail.id, &cause, state.clock.now()).await?;
                metrics::mail(false);
                round.failed += 1;
            }
            Err(cause) => {
                tracing::warn!(mail_id = mail.id, attempts = mail.attempts + 1, %cause, "mail not delivered; will retry");
                let retry_at = state.clock.now() + backoff(mail.attempts);
                state.store.mark_mail_failed(mail.id, &cause, retry_at).await?;
                metrics::mail(false);
                round.failed += 1;
            }
        }
    }
    Ok(round)
}

/// Runs rounds forever (spawned beside the server), and after each sweeps
/// records that can no longer be used (spent jtis, old flows).
pub async fn run(state: AppState) {
    let mut tick = tokio::time::interval(StdDuration::from_secs(5));
    loop {
        tick.tick().await;
        if let Err(cause) = deliver_due(&state).await {
            tracing::error!(%cause, "mail round failed");
        }
        let now = state.clock.now();
        if let Err(cause) = state.store.sweep_expired(now).await {
            tracing::error!(%cause, "sweep of expired records failed");
        }
        if let Err(cause) = state.store.prune_kept_records(now, state.config.retention).await {
            tracing::error!(%cause, "pruning of kept records failed");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_to_an_hour() {
        assert_eq!(backoff(0), Duration::minutes(1));
        assert_eq!(backoff(3), Duration::minutes(8));
        assert_eq!(backoff(20), Duration::hours(1));
    }
}
