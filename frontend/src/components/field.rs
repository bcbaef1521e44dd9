//! A labelled text field with its validation message underneath, tied
//! together for screen readers (`aria-describedby`, `aria-invalid`).

use leptos::prelude::*;

/// The message under a field, when there is one.
#[component]
pub fn FieldHint(id: String, #[prop(into)] message: Signal<Option<String>>) -> impl IntoView {
    view! {
        <p class="field__error" id=id aria-live="polite">
            {move || message.get().unwrap_or_default()}
        </p>
    }
}

#[component]
pub fn TextField(
    id: &'static str,
    label: &'static str,
    #[prop(optional)] note: Option<&'static str>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] placeholder: Option<&'static str>,
    #[prop(optional)] maxlength: Option<u32>,
    /// Refuse pasting (the PIN must be typed).
    #[prop(optional)]
    no_paste: bool,
    value: RwSignal<String>,
    /// Called when the customer leaves the field, to show its error.
    #[prop(into)]
    on_blur: Callback<()>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let hint_id = format!("{id}-error");
    view! {
        <div class="field" class:field--invalid=move || error.get().is_some()>
            <label class="field__label" for=id>{label}</label>
            {note.map(|n| view! { <p class="field__note">{n}</p> })}
            <input
                class="field__input"
                id=id
                name=id
                type=input_type
                inputmode=inputmode
                autocomplete=autocomplete.unwrap_or("off")
                placeholder=placeholder
                maxlength=maxlength
                aria-describedby=hint_id.clone()
                aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
                on:blur=move |_| on_blur.run(())
                on:paste=move |ev| {
                    if no_paste {
                        ev.prevent_default();
                    }
                }
            />
            <FieldHint id=hint_id message=error />
        </div>
    }
}
