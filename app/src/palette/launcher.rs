//! What every page carries of the palette: its keys. `Ctrl+K` / `Cmd+K` opens and closes it, and
//! its code (a WASM chunk of its own) is fetched the first time it opens; what is typed before its
//! field has focus is kept for it. `/` outside a text field focuses the page's filter box.

use super::view::{palette_view, FIELD_ID};
use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Whether a key press is typing into a field (then `/` is only a slash).
fn in_field(event: &web_sys::KeyboardEvent) -> bool {
    event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|e| matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
}

/// The page's first element matching a CSS `selector`.
pub(super) fn html_element(selector: &str) -> Option<web_sys::HtmlElement> {
    document()
        .query_selector(selector)
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
}

/// Whether the palette's field has the focus.
fn palette_focused() -> bool {
    document().active_element().is_some_and(|e| e.id() == FIELD_ID)
}

/// The palette's keys, and the palette once it has been opened.
#[component]
pub fn PaletteLauncher() -> impl IntoView {
    let open = RwSignal::new(false);
    let wanted = RwSignal::new(false);
    let typed = RwSignal::new(String::new());
    Effect::new(move |_| {
        let handle = window_event_listener(ev::keydown, move |e: web_sys::KeyboardEvent| {
            let key = e.key();
            let plain = !(e.ctrl_key() || e.meta_key() || e.alt_key());
            if !plain && key.eq_ignore_ascii_case("k") {
                e.prevent_default();
                if !wanted.get_untracked() {
                    wanted.set(true);
                }
                typed.set(String::new());
                open.update(|o| *o = !*o);
            } else if open.get_untracked() && !palette_focused() {
                // The palette is opening (its code may still be on the way): its field gets the
                // keys once it is there, and keeps those typed before.
                if key == "Escape" {
                    open.set(false);
                } else if plain && key.chars().count() == 1 {
                    match html_element(&format!("#{FIELD_ID}")) {
                        // Focused during the key press, the field receives the character.
                        Some(field) => {
                            let _ = field.focus();
                        }
                        None => {
                            e.prevent_default();
                            typed.update(|t| t.push_str(&key));
                        }
                    }
                }
            } else if key == "/" && !open.get_untracked() && !in_field(&e) {
                if let Some(filter) = html_element("main input[type=search]") {
                    e.prevent_default();
                    let _ = filter.focus();
                }
            }
        });
        on_cleanup(move || handle.remove());
    });
    move || {
        wanted.get().then(|| {
            view! {
                <Suspense fallback=|| ()>
                    {Suspend::new(async move { palette_view(open, typed).await })}
                </Suspense>
            }
        })
    }
}
