//! Every word the screens show that is not the catalogue's, the field
//! errors' or the FAQ's, in both languages: `ja.rs` is the manual's
//! wording, `en.rs` its English. One struct, so a text missing in either
//! language does not compile.
//!
//! Texts that take a value are plain functions: word order differs
//! between the languages, so the value goes where each language puts it.

use crate::fields::AccountType;
use crate::lang::Lang;
use crate::steps::Step;

mod en;
mod ja;

impl Lang {
    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::Ja => &ja::TEXTS,
            Lang::En => &en::TEXTS,
        }
    }
}

/// A sentence around a link: `before`, the link, `after`.
#[derive(Debug)]
pub struct AroundLink {
    pub before: &'static str,
    pub after: &'static str,
}

#[derive(Debug)]
pub struct Texts {
    pub frame: FrameTexts,
    /// Per [`Step`], in its order (連携管理 last): title, lead, step bar label.
    pub step_titles: [&'static str; 7],
    pub step_leads: [Option<&'static str>; 7],
    pub step_labels: [&'static str; 7],
    pub account: AccountTexts,
    pub customer: CustomerTexts,
    pub phone: PhoneTexts,
    pub pin: PinTexts,
    pub consent: ConsentTexts,
    pub links: LinksTexts,
    pub help: HelpTexts,
}

#[derive(Debug)]
pub struct FrameTexts {
    /// The service's name in the header, and the title of pages outside the steps.
    pub service: &'static str,
    /// The page's `<meta name="description">`.
    pub description: &'static str,
    pub step_bar: &'static str,
    /// The line a screen shows while its data is on the way.
    pub loading: &'static str,
    pub desk_heading: &'static str,
    pub help_label: &'static str,
    pub phone: &'static str,
    pub mail: &'static str,
    /// After the desk's number: its hours, in brackets.
    pub desk_hours: fn(&str) -> String,
    /// Before the desk's name in a message that sends the customer there.
    pub desk_prefix: &'static str,
    /// Around the help link under such a message.
    pub see_help: AroundLink,
    pub error_code: &'static str,
    pub next: &'static str,
    pub leave: &'static str,
    pub back_to_start: &'static str,
    /// The language switch's label, for screen readers.
    pub language: &'static str,
    /// Where the completion notice comes from (the manual's FAQ 2.Q3).
    pub mail_domain_note: fn(&str) -> String,
    /// After the flow ends away from the app.
    pub ended_lead: &'static str,
}

#[derive(Debug)]
pub struct AccountTexts {
    pub branch: &'static str,
    pub branch_note: &'static str,
    pub branch_placeholder: &'static str,
    pub branch_list: &'static str,
    pub branch_none: &'static str,
    pub account_type: &'static str,
    pub ordinary: &'static str,
    pub savings: &'static str,
    pub number: &'static str,
    pub number_note: &'static str,
    pub number_placeholder: &'static str,
    /// The service is closed; it reopens at the time given.
    pub reopens: fn(&str) -> String,
    /// Maintenance begins at the time given, within 15 minutes.
    pub closes_soon: fn(&str) -> String,
}

#[derive(Debug)]
pub struct CustomerTexts {
    pub birth_date: &'static str,
    pub birth_date_note: &'static str,
    pub birth_date_placeholder: &'static str,
    pub phone_last4: &'static str,
    pub phone_last4_note: &'static str,
    pub phone_last4_placeholder: &'static str,
    pub kana: &'static str,
    pub kana_note: &'static str,
    pub kana_placeholder: &'static str,
    pub email: &'static str,
    pub email_note: &'static str,
    pub email_placeholder: &'static str,
    pub email_confirmation: &'static str,
    pub email_confirmation_note: &'static str,
}

#[derive(Debug)]
pub struct PhoneTexts {
    /// ③ with several phones: which one the customer calls from.
    pub choose: &'static str,
    /// ③ with one phone.
    pub registered: &'static str,
    pub withheld_note: &'static str,
    pub unknown_note: &'static str,
    /// ④, word for word in Japanese (messages.md).
    pub instructions: &'static str,
    pub waiting: &'static str,
    pub caller: &'static str,
    pub destination: &'static str,
    /// The call link's label for screen readers.
    pub call_label: fn(&str) -> String,
    pub tap_to_call: &'static str,
    pub tap_to_call_free: &'static str,
    pub time_left: &'static str,
    pub verified: &'static str,
    pub confirm: &'static str,
    pub simulator: &'static str,
    pub simulate_registered: &'static str,
    pub simulate_withheld: &'static str,
    pub simulate_stranger: &'static str,
    pub heard: fn(&str) -> String,
}

#[derive(Debug)]
pub struct PinTexts {
    pub pin: &'static str,
    pub keypad: &'static str,
    pub clear: &'static str,
    pub delete: &'static str,
    pub attempts_left: fn(i64) -> String,
    pub locked_note: &'static str,
    pub note: &'static str,
}

/// Screen ⑥'s fixed words, for the SPA's screen and the server's page.
#[derive(Debug)]
pub struct ConsentTexts {
    pub app: &'static str,
    pub data: &'static str,
    pub account: &'static str,
    pub period: &'static str,
    pub period_note: &'static str,
    pub after_uninstall: &'static str,
    pub allow: &'static str,
    pub deny: &'static str,
    /// e.g. 90日間（2027年2月24日まで）: days, then the last day.
    pub lasts: fn(i64, &str) -> String,
}

#[derive(Debug)]
pub struct LinksTexts {
    pub intro_lead: &'static str,
    pub intro: &'static str,
    pub start: &'static str,
    pub list_lead: fn(&str) -> String,
    pub ended: fn(&str) -> String,
    pub none: &'static str,
    pub end_note: &'static str,
    pub confirm: fn(&str) -> String,
    pub end: &'static str,
    pub end_confirmed: &'static str,
    pub cancel: &'static str,
    pub data: &'static str,
    pub since: &'static str,
    pub until: &'static str,
}

#[derive(Debug)]
pub struct HelpTexts {
    pub lead: &'static str,
    pub links_heading: &'static str,
    pub links: AroundLink,
    pub desk_lead: &'static str,
    pub desk: &'static str,
    pub phone: &'static str,
    pub mail: &'static str,
    pub hours: &'static str,
}

impl Texts {
    pub fn title(&self, step: Step) -> &'static str {
        self.step_titles[step as usize]
    }

    /// The sentence under the title, where it does not depend on the
    /// customer's data: the screen shows it, and so does the page the
    /// server sends before the SPA starts (so it is painted at once).
    pub fn lead(&self, step: Step) -> Option<&'static str> {
        self.step_leads[step as usize]
    }

    /// A short label for the step bar, where the full title does not fit.
    pub fn step_label(&self, step: Step) -> &'static str {
        self.step_labels[step as usize]
    }

    pub fn account_type(&self, kind: AccountType) -> &'static str {
        match kind {
            AccountType::Ordinary => self.account.ordinary,
            AccountType::Savings => self.account.savings,
        }
    }
}

#[cfg(test)]
mod tests;
