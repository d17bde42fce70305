//! Copy-to-clipboard for IDs and addresses.

use leptos::prelude::*;

/// A small button that copies `value` (as it is when clicked) and says whether it worked.
#[component]
pub fn CopyButton(#[prop(into)] value: Signal<String>, label: &'static str) -> impl IntoView {
    let status = RwSignal::new("Copy");
    let copy = move |_| {
        let promise = window()
            .navigator()
            .clipboard()
            .write_text(&value.get_untracked());
        leptos::task::spawn_local(async move {
            let done = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
            status.set(if done { "Copied" } else { "Copy failed" });
        });
    };
    view! {
        <button type="button" class="copy-button" on:click=copy aria-label=format!("Copy {label}")
            title=format!("Copy {label}") data-copy=move || value.get()>
            <span aria-live="polite">{move || status.get()}</span>
        </button>
    }
}
