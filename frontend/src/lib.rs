//! The browser entry point: hydrates the server-rendered page.

/// Called by the generated JS once the WASM is loaded. Hydration waits for the current page's
/// lazily loaded chunk; `<html data-hydrated>` is set once the whole page is interactive.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    use leptos::prelude::document;
    console_error_panic_hook::set_once();
    wasm_bindgen_futures::spawn_local(async {
        let app = leptos::mount::hydrate_from_async(leptos::tachys::dom::body(), app::App).await;
        app.forget();
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-hydrated", "true");
        }
    });
}
