//! One module per screen of the manual. A screen takes plain data and
//! callbacks as props and fetches nothing, so the gallery can show it in
//! any state.

mod account;
mod consent;
mod customer;
mod ended;
mod help;
mod links;
mod phone_call;
mod phone_confirm;
mod pin;

pub use account::AccountScreen;
pub use consent::ConsentScreen;
pub use customer::CustomerScreen;
pub use ended::EndedScreen;
pub use help::HelpScreen;
pub use links::{LinksIntroScreen, LinksScreen};
pub use phone_call::PhoneCallScreen;
pub use phone_confirm::PhoneConfirmScreen;
pub use pin::PinScreen;
