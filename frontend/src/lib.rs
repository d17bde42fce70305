//! The browser entry point: hydrates the server-rendered page.

/// Called by the generated JS once the WASM is loaded; marks `<html data-hydrated>` when done.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
    if let Some(root) = leptos::prelude::document().document_element() {
        let _ = root.set_attribute("data-hydrated", "true");
    }
}
