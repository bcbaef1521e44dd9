//! Pieces the screens share. Each takes plain data as props.

mod branch_picker;
mod error_banner;
mod field;
mod form;
mod frame;
mod help_link;
mod keypad;
mod leave_button;
mod loading;
mod mail_domain_note;
mod screen_title;
mod step_bar;

pub use branch_picker::BranchPicker;
pub use error_banner::ErrorBanner;
pub use field::{FieldHint, TextField};
pub use form::FormErrors;
pub use frame::{Footer, Header};
pub use help_link::{HELP_PATH, HelpLink};
pub use keypad::{Keypad, shuffled_digits};
pub use leave_button::LeaveButton;
pub use loading::LoadingScreen;
pub use mail_domain_note::MailDomainNote;
pub use screen_title::ScreenTitle;
pub use step_bar::StepBar;
