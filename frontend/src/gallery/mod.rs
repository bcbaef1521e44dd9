//! The screen gallery (cargo feature `gallery`, never in the customer's
//! bundle): every screen in every state, from fixtures and with no
//! backend, for the union's designers.
//!
//! - `/gallery`: every state, grouped by screen, as links;
//! - `/gallery/<slug>`: one state, in the app's frame, at the window's size;
//! - `/gallery/view/<slug>`: that state side by side in a phone (390×844),
//!   a small phone (320×568), a tablet (768×1024) and a desktop (1280×800).
//!
//! `cargo xtask gallery` serves it with live reload; `cargo xtask
//! gallery-shots` renders every state at phone and desktop size to PNG.

mod fixtures;
mod states;

use leptos::prelude::*;
pub use states::STATES;

/// The frames of `/gallery/view/<slug>`: name, width, height.
const DEVICES: [(&str, u32, u32); 4] = [
    ("スマートフォン", 390, 844),
    ("小型スマートフォン", 320, 568),
    ("タブレット", 768, 1024),
    ("デスクトップ", 1280, 800),
];

/// The union the gallery shows (there is no server to ask).
pub fn union() -> renkei_common::api::UnionProfile {
    fixtures::union()
}

/// The step of the screen a state at `path` shows (its mark, ①…⑥).
pub fn step_at(path: &str) -> Option<renkei_common::steps::Step> {
    let slug = path.strip_prefix("/gallery/")?;
    let state = STATES.iter().find(|s| s.slug == slug)?;
    renkei_common::steps::Step::ALL.into_iter().find(|step| state.screen.starts_with(step.mark()))
}

/// The gallery's page for `path`, if it is one of its addresses.
pub fn page(path: &str) -> Option<AnyView> {
    let rest = path.strip_prefix("/gallery")?;
    let slug = rest.trim_start_matches('/');
    if slug.is_empty() {
        return Some(view! { <GalleryIndex /> }.into_any());
    }
    if let Some(slug) = slug.strip_prefix("view/") {
        let state = STATES.iter().find(|s| s.slug == slug)?;
        return Some(view! { <GalleryViewer slug=state.slug /> }.into_any());
    }
    let state = STATES.iter().find(|s| s.slug == slug)?;
    Some((state.render)())
}

/// The gallery's query for its language, carried from page to page (a
/// static host keeps no cookie for it): `?lang=en`, or nothing.
fn in_language() -> String {
    let lang = crate::lang::lang();
    if lang == renkei_common::Lang::default() { String::new() } else { format!("?lang={}", lang.tag()) }
}

#[component]
fn GalleryIndex() -> impl IntoView {
    let mut screens: Vec<&'static str> = Vec::new();
    for state in STATES {
        if !screens.contains(&state.screen) {
            screens.push(state.screen);
        }
    }
    let groups = screens
        .into_iter()
        .map(|screen| {
            let items = STATES
                .iter()
                .filter(|s| s.screen == screen)
                .map(|s| {
                    view! {
                        <li data-gallery-state=s.slug>
                            <a href=format!("/gallery/{}{}", s.slug, in_language())>{s.state}</a>
                            " · "
                            <a href=format!("/gallery/view/{}{}", s.slug, in_language())>"4画面で比較"</a>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <h2 class="gallery__screen">{screen}</h2>
                <ul class="gallery__states">{items}</ul>
            }
        })
        .collect_view();
    view! {
        <section class="screen" aria-labelledby="screen-title">
            <h1 class="screen__title" id="screen-title">"画面ギャラリー"</h1>
            <p class="screen__lead">{format!("全{}状態。各状態に固有のURLがあります。", STATES.len())}</p>
            {groups}
        </section>
    }
}

#[component]
fn GalleryViewer(slug: &'static str) -> impl IntoView {
    let frames = DEVICES
        .into_iter()
        .map(|(name, width, height)| {
            view! {
                <figure class="gallery__device">
                    <figcaption>{format!("{name} {width}×{height}")}</figcaption>
                    <iframe
                        src=format!("/gallery/{slug}{}", in_language())
                        title=format!("{slug} {name}")
                        width=width.to_string()
                        height=height.to_string()
                    ></iframe>
                </figure>
            }
        })
        .collect_view();
    view! {
        <section class="gallery__viewer">
            <p><a href=format!("/gallery{}", in_language())>"← 画面ギャラリー"</a> " " {slug}</p>
            <div class="gallery__devices">{frames}</div>
        </section>
    }
}
