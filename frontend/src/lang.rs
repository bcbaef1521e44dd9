//! The language of this page, fixed for its life: the server wrote it into
//! `<html lang>` (the switch's choice, the cookie, or the browser's
//! language); the gallery, with no server, reads `?lang=` itself. The
//! switch is a link that loads the page again in the other language, so
//! no text needs to change under the customer's eyes.

use renkei_common::Lang;
use renkei_common::texts::Texts;
use std::sync::OnceLock;

static LANG: OnceLock<Lang> = OnceLock::new();

pub fn lang() -> Lang {
    *LANG.get_or_init(|| {
        let document = leptos::prelude::document();
        let asked = document
            .location()
            .and_then(|location| location.search().ok())
            .and_then(|search| search.split(['?', '&']).find_map(|pair| pair.strip_prefix("lang=").map(str::to_owned)));
        let html = document.document_element();
        let written = html.as_ref().and_then(|html| html.get_attribute("lang"));
        let lang = asked.or(written).as_deref().and_then(Lang::from_tag).unwrap_or_default();
        // Where the query chose it (no server wrote the page), say so too.
        if let Some(html) = html {
            let _ = html.set_attribute("lang", lang.tag());
        }
        lang
    })
}

/// This page's words.
pub fn t() -> &'static Texts {
    lang().texts()
}
