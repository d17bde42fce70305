//! GET forms (the filters, the region picker): plain HTML forms, so they work before hydration;
//! after it, a submit navigates in the page to `action?fields`, as the router's `<Form>` does for
//! GET. The router's `<Form>` also carries its POST and fetch code, which the region picker put in
//! the WASM every first visit downloads, the sign-in page's too.

use leptos::ev::SubmitEvent;
use leptos_router::hooks::use_navigate;
use wasm_bindgen::JsCast;

/// The `on:submit` of a GET form: navigates in the page to the URL the browser would load (the
/// form's own `action`, with the named fields and pressed button encoded as the browser does).
pub fn submit_in_page() -> impl Fn(SubmitEvent) + 'static {
    let navigate = use_navigate();
    move |ev: SubmitEvent| {
        if ev.default_prevented() {
            return;
        }
        let action = ev
            .target()
            .and_then(|form| form.dyn_into::<web_sys::Element>().ok())
            .and_then(|form| form.get_attribute("action"));
        let Some(action) = action else {
            return;
        };
        let Ok(fields) = leptos::form::form_data_from_event(&ev) else {
            return;
        };
        // Leptos adds the pressed button even without a name (`&=`); the browser sends only named ones.
        fields.delete("");
        let Ok(query) = web_sys::UrlSearchParams::new_with_str_sequence_sequence(&fields) else {
            return;
        };
        ev.prevent_default();
        let query = query.to_string().as_string().unwrap_or_default();
        navigate(&format!("{action}?{query}"), Default::default());
    }
}
