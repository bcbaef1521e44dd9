//! The on-screen PIN keypad: digits in a layout shuffled for every attempt
//! (a shoulder-surfer or a smudge learns nothing from positions), plus
//! 訂正 (delete one) and クリア.

use crate::lang::t;
use leptos::prelude::*;

/// A random order of the ten digits (Fisher–Yates on the browser's RNG).
pub fn shuffled_digits() -> [u8; 10] {
    let mut digits = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    for i in (1..digits.len()).rev() {
        let j = (js_sys::Math::random() * (i + 1) as f64) as usize;
        digits.swap(i, j.min(i));
    }
    digits
}

#[component]
pub fn Keypad(
    /// This attempt's digit order; a new order redraws the keys.
    #[prop(into)]
    layout: Signal<[u8; 10]>,
    /// The PIN so far; the keypad appends to it, at most four digits.
    value: RwSignal<String>,
    #[prop(into)] disabled: Signal<bool>,
) -> impl IntoView {
    let press = move |digit: u8| {
        value.update(|v| {
            if v.chars().count() < 4 {
                v.push(char::from(b'0' + digit));
            }
        })
    };
    let key = move |digit: u8| {
        view! {
            <button class="keypad__key" type="button" disabled=move || disabled.get() on:click=move |_| press(digit)>
                {digit.to_string()}
            </button>
        }
    };
    move || {
        let layout = layout.get();
        view! {
            <div class="keypad" role="group" aria-label=t().pin.keypad>
                {layout[..9].iter().map(|d| key(*d)).collect_view()}
                <button class="keypad__key keypad__key--action" type="button" on:click=move |_| value.set(String::new())>
                    {t().pin.clear}
                </button>
                {key(layout[9])}
                <button
                    class="keypad__key keypad__key--action"
                    type="button"
                    on:click=move |_| value.update(|v| { v.pop(); })
                >
                    {t().pin.delete}
                </button>
            </div>
        }
    }
}
