//! Types both sides of renkei-auth share.
//!
//! The backend uses these at its edge and the frontend uses the very same
//! parsers to show errors as the customer types, so a rule is written once.

pub mod api;
pub mod calendar;
pub mod catalogue;
pub mod fields;
pub mod help;
pub mod lang;
pub mod page;
pub mod scopes;
pub mod steps;
pub mod texts;

#[cfg(test)]
mod properties;

pub use catalogue::{ApiError, ErrorId, FieldProblem};
pub use lang::Lang;
