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

/// A modal dialog for `request`; `on_answer(true)` when confirmed, `on_answer(false)` when cancelled
/// (also by Escape).
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
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            on_answer(false);
        }
    };
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
