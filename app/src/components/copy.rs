//! Copy-to-clipboard for IDs and addresses.

use leptos::prelude::*;

/// A small button that copies `value` (as it is when clicked) and says whether it worked.
#[component]
pub fn CopyButton(#[prop(into)] value: Signal<String>, label: &'static str) -> impl IntoView {
    let status = RwSignal::new(crate::tr!(common.copy));
    let (copied, failed) = (crate::tr!(common.copied), crate::tr!(common.copy_failed));
    let copy = move |_| {
        let promise = window()
            .navigator()
            .clipboard()
            .write_text(&value.get_untracked());
        leptos::task::spawn_local(async move {
            let done = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
            status.set(if done { copied } else { failed });
        });
    };
    let name = crate::tr!(common.copy_named, label = label);
    view! {
        <button type="button" class="copy-button" on:click=copy aria-label=name.clone()
            title=name data-copy=move || value.get()>
            <span aria-live="polite">{move || status.get()}</span>
        </button>
    }
}
