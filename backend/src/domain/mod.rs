//! The manual's rules, free of HTTP: each module takes only the ports and
//! settings it needs (the store, the core, the clock, the random source)
//! and answers with domain results and [`error::DomainError`]. The web
//! layer extracts, calls one of these, and maps the answer to HTTP.
//!
//! | rule | module |
//! |---|---|
//! | the flow's life through ①–⑥ | [`journey`] |
//! | ①② account and identity | [`identity`] |
//! | ③④ the call from the registered phone | [`phone_call`] |
//! | ⑤ the cash-card PIN | [`pin`] |
//! | ⑥ consent, code and completion notice | [`consent`] |
//! | a link's life after ⑥, and 連携管理 | [`links`] |
//! | failures and the lock until 0:00 JST | [`lockout`] |
//! | limits against guessing on ①② | [`throttle`] |
//! | service hours and the operator's switch | [`service_hours`] |
//! | the operation log's contents | [`audit`] |
//! | OAuth: requests, clients, DPoP, tokens | [`oauth`] |

pub mod audit;
pub mod bank_api;
pub mod consent;
pub mod error;
pub mod identity;
pub mod journey;
pub mod links;
pub mod lockout;
pub mod oauth;
pub mod phone_call;
pub mod pin;
pub mod service_hours;
pub mod throttle;
