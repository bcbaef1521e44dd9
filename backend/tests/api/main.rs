//! Integration tests of the HTTP API: the real app on a free port, spoken
//! to over HTTP, every test on SQLite and on PostgreSQL.

mod support;

mod app_flow;
mod bad_input;
mod bank_api;
mod basics;
mod call_webhook;
mod core_contract;
mod core_embedded;
mod core_port;
mod database_restart;
mod discovery;
mod fapi;
mod grants;
mod hardening;
mod instances;
mod keys;
mod language;
mod links;
mod lockout;
mod logs;
mod mail;
mod oauth;
mod openapi;
mod operations;
mod resilience;
mod retention;
mod schema;
mod screen_account;
mod screen_customer;
mod screen_phone;
mod screen_pin;
mod service_hours;
mod smtp_sink;
mod static_files;
mod throttle;
