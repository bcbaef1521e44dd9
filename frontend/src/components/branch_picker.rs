//! お取引店舗: a search box over the union's branches (by number, name or
//! reading) with the matches listed under it, as an ARIA combobox.

use super::FieldHint;
use crate::lang::t;
use leptos::ev::KeyboardEvent;
use leptos::prelude::*;
use renkei_common::api::Branch;

const INPUT_ID: &str = "branch";
const LIST_ID: &str = "branch-options";

#[component]
pub fn BranchPicker(
    branches: Vec<Branch>,
    selected: RwSignal<Option<Branch>>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(into)] on_blur: Callback<()>,
) -> impl IntoView {
    let branches = StoredValue::new(branches);
    let query = RwSignal::new(selected.get_untracked().map(|b| b.display()).unwrap_or_default());
    let open = RwSignal::new(false);
    let active = RwSignal::new(0_usize);
    let matches = Memo::new(move |_| {
        let q = query.get();
        branches.with_value(|all| all.iter().filter(|b| b.matches(&q)).cloned().collect::<Vec<_>>())
    });
    let choose = move |branch: Branch| {
        query.set(branch.display());
        selected.set(Some(branch));
        open.set(false);
    };
    let on_keydown = move |ev: KeyboardEvent| {
        let count = matches.with(Vec::len);
        match ev.key().as_str() {
            "ArrowDown" if count > 0 => {
                ev.prevent_default();
                open.set(true);
                active.update(|i| *i = (*i + 1).min(count - 1));
            }
            "ArrowUp" => {
                ev.prevent_default();
                active.update(|i| *i = i.saturating_sub(1));
            }
            "Enter" if open.get() && count > 0 => {
                ev.prevent_default();
                if let Some(branch) = matches.with(|m| m.get(active.get()).cloned()) {
                    choose(branch);
                }
            }
            "Escape" => open.set(false),
            _ => {}
        }
    };
    // Leaving the box with exactly one match (e.g. a typed 店番) selects it.
    let on_focusout = move |_| {
        if selected.get_untracked().is_none() {
            let only = matches.with_untracked(|m| (m.len() == 1).then(|| m[0].clone()));
            if let Some(branch) = only.filter(|_| !query.get_untracked().trim().is_empty()) {
                choose(branch);
            }
        }
        on_blur.run(());
    };
    let hint_id = format!("{INPUT_ID}-error");
    view! {
        <div class="field branch-picker" class:field--invalid=move || error.get().is_some()>
            <label class="field__label" for=INPUT_ID>{t().account.branch}</label>
            <p class="field__note">{t().account.branch_note}</p>
            <input
                class="field__input"
                id=INPUT_ID
                type="search"
                role="combobox"
                autocomplete="off"
                placeholder=t().account.branch_placeholder
                aria-autocomplete="list"
                aria-controls=LIST_ID
                aria-expanded=move || if open.get() { "true" } else { "false" }
                aria-describedby=hint_id.clone()
                aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                prop:value=move || query.get()
                on:input=move |ev| {
                    query.set(event_target_value(&ev));
                    selected.set(None);
                    active.set(0);
                    open.set(true);
                }
                on:focus=move |_| open.set(selected.get_untracked().is_none())
                on:keydown=on_keydown
                on:blur=on_focusout
            />
            <ul class="branch-picker__list" id=LIST_ID role="listbox" aria-label=t().account.branch_list hidden=move || !open.get()>
                <For
                    each=move || matches.get().into_iter().enumerate()
                    key=|(index, branch)| (*index, branch.code.clone())
                    children=move |(index, branch)| {
                        let label = branch.display();
                        let is_active = move || active.get() == index;
                        view! {
                            <li
                                class="branch-picker__option"
                                class:branch-picker__option--active=is_active
                                role="option"
                                aria-selected=move || if is_active() { "true" } else { "false" }
                                // mousedown, not click: it comes before the input's blur.
                                on:mousedown=move |ev| {
                                    ev.prevent_default();
                                    choose(branch.clone());
                                }
                            >
                                {label}
                            </li>
                        }
                    }
                />
                <Show when=move || matches.with(Vec::is_empty)>
                    <li class="branch-picker__empty">{t().account.branch_none}</li>
                </Show>
            </ul>
            <FieldHint id=hint_id message=error />
        </div>
    }
}
