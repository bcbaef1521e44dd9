//! When a field shows its message: once the customer has left it or pressed
//! the button, the shared parser's verdict; otherwise what the server said
//! about it last.

use crate::lang::lang;
use leptos::prelude::*;
use renkei_common::catalogue::ApiError;

#[derive(Clone, Copy)]
pub struct FormErrors {
    submitted: RwSignal<bool>,
    server: Signal<Option<ApiError>>,
}

impl FormErrors {
    pub fn new(server: Signal<Option<ApiError>>) -> Self {
        FormErrors { submitted: RwSignal::new(false), server }
    }

    /// The customer pressed the button: every field shows its verdict now.
    pub fn mark_submitted(self) {
        self.submitted.set(true);
    }

    /// A new attempt went out: the fields are fresh again (an emptied PIN
    /// field is not yet a mistake).
    pub fn reset(self) {
        self.submitted.set(false);
    }

    /// The message for field `name`. `check` runs the shared parser on the
    /// field's current text.
    pub fn for_field(
        self,
        name: &'static str,
        touched: RwSignal<bool>,
        check: impl Fn() -> Option<String> + Send + Sync + 'static,
    ) -> Signal<Option<String>> {
        Signal::derive(move || {
            let local = (touched.get() || self.submitted.get()).then(&check).flatten();
            local.or_else(|| {
                self.server.get().and_then(|e| e.fields.into_iter().find(|f| f.field == name).map(|f| f.text(lang())))
            })
        })
    }

    /// The refusal that is not about one field (shown as a banner).
    pub fn banner(self) -> Signal<Option<ApiError>> {
        let server = self.server;
        Signal::derive(move || server.get().filter(|e| e.fields.is_empty()))
    }
}
