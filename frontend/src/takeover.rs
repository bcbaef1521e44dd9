//! Taking over from the server's page. It painted the screen's frame; the
//! SPA replaces it with the same frame only once the browser has shown it
//! (its first contentful paint), so the customer sees the screen at once
//! on a slow link, and on a fast one the frame is not swapped before it
//! was ever shown. A tab that never paints (opened in the background)
//! starts the SPA after a second anyway.

use leptos::prelude::{document, set_timeout, window};
use renkei_common::page::SHELL_ID;
use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{PerformanceObserver, PerformanceObserverInit};

/// Longest wait for a paint before the SPA starts regardless.
const PATIENCE: Duration = Duration::from_secs(1);

/// The take-over, run once by whichever comes first: the paint or the
/// timeout.
#[derive(Clone)]
struct TakeOver(Rc<Cell<Option<Mount>>>);

type Mount = Box<dyn FnOnce()>;

impl TakeOver {
    fn run(&self) {
        if let Some(take_over) = self.0.take() {
            take_over();
        }
    }
}

/// Runs `mount` in place of the server's frame, once it has been painted;
/// at once where there is no frame (a static host's plain page).
pub fn mount_after_the_frame_is_shown(mount: impl FnOnce() + 'static) {
    let Some(shell) = document().get_element_by_id(SHELL_ID) else {
        mount();
        return;
    };
    let take_over = TakeOver(Rc::new(Cell::new(Some(Box::new(move || {
        shell.remove();
        mount();
    })))));
    let painted = window()
        .performance()
        .is_none_or(|performance| performance.get_entries_by_name("first-contentful-paint").length() > 0);
    if painted || !on_first_paint(take_over.clone()) {
        take_over.run();
        return;
    }
    set_timeout(move || take_over.run(), PATIENCE);
}

/// Runs `take_over` when the first contentful paint is recorded; `false`
/// if this browser cannot say.
fn on_first_paint(take_over: TakeOver) -> bool {
    let callback = Closure::<dyn FnMut(JsValue, PerformanceObserver)>::new(
        move |_entries: JsValue, observer: PerformanceObserver| {
            observer.disconnect();
            take_over.run();
        },
    );
    let Ok(observer) = PerformanceObserver::new(callback.as_ref().unchecked_ref()) else {
        return false;
    };
    observer.observe(&PerformanceObserverInit::new(&js_sys::Array::of1(&"paint".into())));
    // The browser holds the observer; the callback lives as long as it.
    callback.forget();
    true
}
