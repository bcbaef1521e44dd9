//! Delivers queued mail. Each round claims what is due, sends it, and on
//! failure schedules the next try further away (1, 2, 4 … minutes, at most
//! an hour); the failure goes to the log, never to the customer.

use crate::config::MailConfig;
use crate::state::AppState;
use lettre::message::{Mailbox, header::ContentType};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
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
        match send(&state.config.mail, &mail.to_address, &mail.subject, &mail.body).await {
            Ok(()) => {
                state.store.mark_mail_sent(mail.id, state.clock.now()).await?;
                round.sent += 1;
            }
            Err(cause) => {
                tracing::warn!(mail_id = mail.id, attempts = mail.attempts + 1, %cause, "mail not delivered; will retry");
                let retry_at = state.clock.now() + backoff(mail.attempts);
                state.store.mark_mail_failed(mail.id, &cause, retry_at).await?;
                round.failed += 1;
            }
        }
    }
    Ok(round)
}

async fn send(config: &MailConfig, to: &str, subject: &str, body: &str) -> Result<(), String> {
    let Some(smtp_url) = config.smtp_url.as_deref() else {
        // Development: the outbox is the destination.
        return Ok(());
    };
    let from: Mailbox = config.from.parse().map_err(|e| format!("from address: {e}"))?;
    let to: Mailbox = to.parse().map_err(|e| format!("to address: {e}"))?;
    let message = Message::builder()
        .from(from)
        .to(to)
        .subject(subject)
        .header(ContentType::TEXT_PLAIN)
        .body(body.to_owned())
        .map_err(|e| format!("message: {e}"))?;
    let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(smtp_url)
        .map_err(|e| format!("smtp url: {e}"))?
        .timeout(Some(StdDuration::from_secs(10)))
        .build();
    transport.send(message).await.map(drop).map_err(|e| format!("smtp: {e}"))
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
        if let Err(cause) = state.store.sweep_expired(state.clock.now()).await {
            tracing::error!(%cause, "sweep of expired records failed");
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
