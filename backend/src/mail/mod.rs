//! The completion notice (連携完了のお知らせ): written when the customer
//! allows a link, queued in the outbox, delivered by a worker over SMTP
//! (`lettre`), retried with back-off. In development nothing leaves the
//! machine: mails are kept in the outbox, listed at `/dev/outbox`.

pub mod mailer;
pub mod notice;
pub mod worker;
