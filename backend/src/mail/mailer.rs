//! The SMTP side of the mail port: one transport for the process, built
//! once from the configuration, whose connection pool every round reuses
//! (`lettre`'s pool), rather than a new connection per mail.

use crate::config::MailConfig;
use lettre::message::{Mailbox, header::ContentType};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::time::Duration;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum MailerError {
    #[error("RENKEI_SMTP_URL is not a usable SMTP URL: {0}")]
    SmtpUrl(String),
    #[error("RENKEI_MAIL_FROM is not an address: {0}")]
    From(String),
}

/// Where mail goes: an SMTP server, or (development) nowhere but the outbox.
pub struct Mailer {
    transport: Option<AsyncSmtpTransport<Tokio1Executor>>,
    from: Mailbox,
}

impl Mailer {
    pub fn from_config(config: &MailConfig) -> Result<Self, MailerError> {
        let from: Mailbox = config.from.parse().map_err(|e| MailerError::From(format!("{e}")))?;
        let transport = match config.smtp_url.as_deref() {
            Some(url) => Some(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .map_err(|e| MailerError::SmtpUrl(e.to_string()))?
                    .timeout(Some(Duration::from_secs(10)))
                    .build(),
            ),
            None => None,
        };
        Ok(Mailer { transport, from })
    }

    /// Sends one mail; `Ok` without a server means the outbox is the
    /// destination (development).
    pub async fn send(&self, to: &str, subject: &str, body: &str) -> Result<(), String> {
        let Some(transport) = &self.transport else { return Ok(()) };
        let to: Mailbox = to.parse().map_err(|e| format!("to address: {e}"))?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(subject)
            .header(ContentType::TEXT_PLAIN)
            .body(body.to_owned())
            .map_err(|e| format!("message: {e}"))?;
        transport.send(message).await.map(drop).map_err(|e| format!("smtp: {e}"))
    }
}
