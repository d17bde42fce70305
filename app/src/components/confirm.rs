//! The confirmation dialog before destructive actions.

use leptos::prelude::*;

/// What a confirmation asks: the question, what will be lost, and the word to type (if any).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Confirmation {
    /// The dialog title, e.g. "Terminate 2 instances?".
    pub title: String,
    /// One line per consequence.
    pub lines: Vec<String>,
    /// The confirm button's label.
    pub confirm_label: String,
    /// A word the person must type before confirming (`terminate`), if the action needs one: the
    /// English word; the dialog shows it in the page's language (see [`word_in_language`]) and
    /// accepts either.
    pub typed_word: Option<String>,
}

impl Confirmation {
    /// Asks `title`, one line per consequence; the confirm button says `confirm_label`.
    pub fn new(title: impl Into<String>, confirm_label: impl Into<String>, lines: Vec<String>) -> Self {
        Self {
            title: title.into(),
            lines,
            confirm_label: confirm_label.into(),
            typed_word: None,
        }
    }

    /// The person must type `word` (English; `delete`, `terminate`…) before confirming.
    pub fn typed(mut self, word: &str) -> Self {
        self.typed_word = Some(word.to_string());
        self
    }
}

/// Whether `typed` confirms `word` (exact, ignoring surrounding spaces).
pub fn typed_confirms(word: Option<&str>, typed: &str) -> bool {
    word.is_none_or(|w| typed.trim() == w)
}

/// A confirmation word (English) in the page's language (`delete` is `삭제` in Korean); a word it
/// does not know stays as it is.
pub fn word_in_language(word: &str) -> &str {
    match word {
        "delete" => crate::tr!(common.word_delete),
        "terminate" => crate::tr!(common.word_terminate),
        "release" => crate::tr!(common.word_release),
        "deregister" => crate::tr!(common.word_deregister),
        "detach" => crate::tr!(common.word_detach),
        "disassociate" => crate::tr!(common.word_disassociate),
        "stop" => crate::tr!(common.word_stop),
        "reboot" => crate::tr!(common.word_reboot),
        "hibernate" => crate::tr!(common.word_hibernate),
        other => other,
    }
}

/// The dialog's element, for focus handling.
const DIALOG: &str = "[data-testid=confirm-dialog]";

/// A modal dialog for `request`; `on_answer(true)` when confirmed, `on_answer(false)` when cancelled
/// (also by Escape). It takes the focus, keeps Tab inside it, and gives the focus back to what had
/// it when it is answered.
#[component]
pub fn ConfirmDialog(
    request: Confirmation,
    on_answer: impl Fn(bool) + Copy + Send + Sync + 'static,
    /// Extra choices shown under the consequences (e.g. "also delete its snapshots").
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let typed = RwSignal::new(String::new());
    let word = request.typed_word.clone();
    // The word as the page's language says it: typing it, or the English word, confirms.
    let shown = word.as_deref().map(|w| word_in_language(w).to_string());
    let word_check = StoredValue::new((word.clone(), shown.clone()));
    let ready = move || {
        word_check.with_value(|(english, local)| {
            let text = typed.get();
            typed_confirms(english.as_deref(), &text)
                || local.as_deref().is_some_and(|l| typed_confirms(Some(l), &text))
        })
    };
    // The focus goes back where it was (the button that opened the dialog) once it is answered.
    let opener = StoredValue::new_local(focus::active());
    let on_answer = move |yes: bool| {
        opener.with_value(|el| focus::restore(el.as_ref()));
        on_answer(yes);
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
        "Escape" => on_answer(false),
        "Tab" => focus::trap(&ev, DIALOG),
        _ => {}
    };
    focus::first_when_shown(DIALOG);
    view! {
        <div class="dialog-backdrop">
            <div class="dialog" role="alertdialog" aria-modal="true" aria-labelledby="dialog-title"
                aria-describedby="dialog-body" on:keydown=on_key data-testid="confirm-dialog">
                <h2 id="dialog-title">{request.title.clone()}</h2>
                <div id="dialog-body">
                    <ul class="consequences">
                        {request.lines.iter().map(|l| view! { <li>{l.clone()}</li> }).collect_view()}
                    </ul>
                    {children.map(|c| c())}
                </div>
                <form on:submit=move |ev| {
                    ev.prevent_default();
                    if ready() {
                        on_answer(true);
                    }
                }>
                    {shown.map(|w| view! {
                        <div class="field">
                            <label for="confirm-word">{crate::tr!(common.confirm_type_word, word = w)}</label>
                            <input id="confirm-word" autocomplete="off" autofocus=true spellcheck="false"
                                on:input=move |ev| typed.set(event_target_value(&ev))/>
                        </div>
                    })}
                    <p class="button-row">
                        <button type="button" on:click=move |_| on_answer(false) autofocus=word.is_none()>{crate::tr!(common.cancel)}</button>
                        <button type="submit" class="danger" disabled=move || !ready()>{request.confirm_label.clone()}</button>
                    </p>
                </form>
            </div>
        </div>
    }
}

/// Focus handling of a modal dialog (in the browser; nothing on the server).
mod focus {
    use wasm_bindgen::JsCast;
    use web_sys::{Element, HtmlElement};

    /// What can take the focus inside a dialog.
    const FOCUSABLE: &str =
        "button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), a[href]";

    /// The element that has the focus now.
    pub fn active() -> Option<Element> {
        #[cfg(not(feature = "ssr"))]
        {
            leptos::prelude::document().active_element()
        }
        #[cfg(feature = "ssr")]
        {
            None
        }
    }

    /// Gives the focus back to `element` if it is still in the page.
    pub fn restore(element: Option<&Element>) {
        if let Some(el) = element.filter(|el| el.is_connected()) {
            if let Some(el) = el.dyn_ref::<HtmlElement>() {
                let _ = el.focus();
            }
        }
    }

    fn focusables(dialog: &str) -> Vec<HtmlElement> {
        let Some(root) = leptos::prelude::document().query_selector(dialog).ok().flatten() else {
            return Vec::new();
        };
        let Ok(list) = root.query_selector_all(FOCUSABLE) else {
            return Vec::new();
        };
        (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|node| node.dyn_into::<HtmlElement>().ok())
            .collect()
    }

    /// Keeps Tab and Shift+Tab inside the dialog: past the last element is the first, and back.
    pub fn trap(ev: &web_sys::KeyboardEvent, dialog: &str) {
        let items = focusables(dialog);
        let (Some(first), Some(last)) = (items.first(), items.last()) else {
            return;
        };
        let active = leptos::prelude::document().active_element();
        let at = |el: &HtmlElement| {
            active
                .as_ref()
                .is_some_and(|a| a == el.unchecked_ref::<Element>())
        };
        let inside = items.iter().any(at);
        if ev.shift_key() && (at(first) || !inside) {
            ev.prevent_default();
            let _ = last.focus();
        } else if !ev.shift_key() && (at(last) || !inside) {
            ev.prevent_default();
            let _ = first.focus();
        }
    }

    /// Focuses the dialog's `[autofocus]` element (else its first) once it is in the page:
    /// `autofocus` alone is not honoured for elements added after the page loaded.
    pub fn first_when_shown(dialog: &'static str) {
        #[cfg(not(feature = "ssr"))]
        leptos::prelude::request_animation_frame(move || {
            let chosen = leptos::prelude::document()
                .query_selector(&format!("{dialog} [autofocus]"))
                .ok()
                .flatten()
                .and_then(|el| el.dyn_into::<HtmlElement>().ok());
            if let Some(el) = chosen.or_else(|| focusables(dialog).into_iter().next()) {
                let _ = el.focus();
            }
        });
        #[cfg(feature = "ssr")]
        let _ = dialog;
    }
}

#[cfg(test)]
mod tests {
    use super::typed_confirms;

    #[test]
    fn only_the_exact_word_confirms() {
        assert!(typed_confirms(Some("terminate"), "terminate"));
        assert!(typed_confirms(Some("terminate"), " terminate "));
        assert!(!typed_confirms(Some("terminate"), "Terminate"));
        assert!(!typed_confirms(Some("terminate"), "term"));
        assert!(typed_confirms(None, ""));
    }
}
