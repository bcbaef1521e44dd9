//! The app shell (header, step bar, footer with the contact desk) and the
//! routes of the screens.

use crate::components::{ErrorBanner, Footer, HELP_PATH, Header, StepBar};
use crate::pages::{
    AccountPage, CallPage, ConsentPage, CustomerPage, EndedPage, HelpPage, LinksPage, NotFoundPage, PhoneConfirmPage,
    PinPage,
};
use leptos::prelude::*;
use leptos_router::components::{Redirect, Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;
use renkei_common::api::UnionProfile;
use renkei_common::catalogue::{ApiError, ErrorId};
use renkei_common::steps::Step;

/// The union's profile, once loaded: pages read it for the contact desk.
#[derive(Clone, Copy)]
pub struct UnionContext(pub Signal<Option<UnionProfile>>);

#[component]
pub fn App() -> impl IntoView {
    let union = union_profile();
    provide_context(UnionContext(union));
    view! {
        <Router>
            <Header union=union />
            <CurrentStepBar />
            <main class="page">
                {(!keeps_cookies()).then(|| view! { <ErrorBanner error=ApiError::new(ErrorId::CookiesBlocked) desk=None /> })}
                <Routes fallback=Fallback>
                    <Route path=path!("/") view=|| view! { <Redirect path=Step::Account.path() /> } />
                    <Route path=path!("/auth/account") view=AccountPage />
                    <Route path=path!("/auth/customer") view=CustomerPage />
                    <Route path=path!("/auth/phone") view=PhoneConfirmPage />
                    <Route path=path!("/auth/call") view=CallPage />
                    <Route path=path!("/auth/pin") view=PinPage />
                    <Route path=path!("/auth/consent") view=ConsentPage />
                    <Route path=path!("/auth/ended") view=EndedPage />
                    <Route path=path!("/help") view=HelpPage />
                    <Route path=path!("/links") view=LinksPage />
                </Routes>
            </main>
            <Footer union=union />
        </Router>
    }
}

/// The step bar follows the URL, so it is right after a reload too. The
/// help page and 連携管理's list are no step of the procedure and go
/// without it.
#[component]
fn CurrentStepBar() -> impl IntoView {
    let location = use_location();
    let current = Signal::derive(move || {
        let path = location.pathname.get();
        let step = Step::ALL.into_iter().find(|step| step.path() == path);
        // A gallery state shows the step bar at its screen's step.
        #[cfg(feature = "gallery")]
        let step = step.or_else(|| crate::gallery::step_at(&path));
        step
    });
    let on_help = Memo::new(move |_| location.pathname.with(|path| path == HELP_PATH || path == Step::Links.path()));
    move || (!on_help.get()).then(|| view! { <StepBar current=current /> })
}

/// The union's profile: from the server's page, or asked for.
#[cfg(not(feature = "gallery"))]
fn union_profile() -> Signal<Option<UnionProfile>> {
    match embedded::<UnionProfile>(renkei_common::page::UNION_DATA_ID) {
        Some(profile) => Signal::stored(Some(profile)),
        None => {
            let profile = crate::pages::load(crate::api::UNION);
            Signal::derive(move || profile.get().and_then(Result::ok))
        }
    }
}

/// The gallery has no server to ask: the demo union.
#[cfg(feature = "gallery")]
fn union_profile() -> Signal<Option<UnionProfile>> {
    Signal::stored(Some(crate::gallery::union()))
}

/// A value the server wrote into the page as a JSON data block (never
/// executed): the union's profile, so header and footer are there from
/// the first render, and ⑥'s question. A page without it (a static host)
/// fetches instead.
/// Read once: the block goes, so a later visit within the SPA asks the
/// server afresh.
pub(crate) fn embedded<T: serde::de::DeserializeOwned>(id: &str) -> Option<T> {
    let block = document().get_element_by_id(id)?;
    block.remove();
    serde_json::from_str(&block.text_content()?).ok()
}

/// Whether this browser keeps our cookies. The flow follows the customer
/// from screen to screen by one; an in-app browser set to refuse them
/// would fail at ② with a puzzling "expired". Tried for real: a cookie
/// is written and read back (`navigator.cookieEnabled` says yes in
/// browsers that then drop it).
fn keeps_cookies() -> bool {
    use js_sys::Reflect;
    const PROBE: &str = "renkei_cookie_probe=1";
    let document = document();
    let cookie = "cookie".into();
    let write = |value: &str| Reflect::set(&document, &cookie, &value.into()).is_ok();
    if !write(&format!("{PROBE}; path=/; SameSite=Strict")) {
        return false;
    }
    let kept = Reflect::get(&document, &cookie).ok().and_then(|v| v.as_string()).is_some_and(|c| c.contains(PROBE));
    write("renkei_cookie_probe=; path=/; SameSite=Strict; max-age=0");
    kept
}

/// An address no route takes: not found, or (in the gallery build) one of
/// the gallery's pages.
#[component]
fn Fallback() -> impl IntoView {
    #[cfg(feature = "gallery")]
    if let Some(page) = crate::gallery::page(&use_location().pathname.get_untracked()) {
        return page;
    }
    view! { <NotFoundPage /> }.into_any()
}
