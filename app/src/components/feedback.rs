//! Loading and error feedback.

use crate::error::AppError;
use leptos::prelude::*;

/// A polite, screen-reader-announced loading line.
#[component]
pub fn Loading(#[prop(into)] label: String) -> impl IntoView {
    view! {
        <p class="loading" role="status" aria-live="polite">
            <span class="spinner" aria-hidden="true"></span>
            {label}
        </p>
    }
}

/// An error as the user should read it: AWS's code and message, the field at fault, or a reference.
/// With `retry`, a Retry button runs it (for a list that failed to load, say).
#[component]
pub fn ErrorAlert(error: AppError, #[prop(optional, into)] retry: Option<Callback<()>>) -> impl IntoView {
    let request_id = match &error {
        AppError::Aws {
            request_id: Some(id), ..
        } => Some(crate::tr!(common.request_id, id = id)),
        _ => None,
    };
    // AWS's message is AWS's English, whatever the page's language.
    let (detail, lang) = match &error {
        AppError::Aws { .. } => (error.message(), Some("en")),
        other => (other.describe(), None),
    };
    view! {
        <div class="alert alert-error" role="alert">
            <strong class="alert-title">{error.title()}</strong>
            <p class="alert-detail" lang=lang translate=lang.map(|_| "no")>{detail}</p>
            {request_id.map(|id| view! { <p class="alert-meta">{id}</p> })}
            {matches!(error, AppError::NotSignedIn).then(|| view! { <p><a href="/sign-in">{crate::tr!(common.sign_in_again)}</a></p> })}
            {retry.map(|retry| view! { <p><button type="button" class="retry" on:click=move |_| retry.run(())>{crate::tr!(common.retry)}</button></p> })}
        </div>
    }
}

/// How a notice reads: success or failure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    /// The action succeeded.
    Ok,
    /// The action failed.
    Error,
}

/// One entry in the notification area.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    /// Unique within the page, for dismissal.
    pub id: u64,
    /// Success or failure.
    pub tone: Tone,
    /// The headline.
    pub title: String,
    /// More detail (the AWS message), if any.
    pub detail: Option<String>,
}

impl Notice {
    /// A success notice.
    pub fn ok(title: impl Into<String>) -> Self {
        Self {
            id: 0,
            tone: Tone::Ok,
            title: title.into(),
            detail: None,
        }
    }

    /// A failure notice with its detail.
    pub fn error(title: impl Into<String>, detail: impl Into<String>) -> Self {
        Self {
            id: 0,
            tone: Tone::Error,
            title: title.into(),
            detail: Some(detail.into()),
        }
    }
}

/// The page's notification list (newest first); copy it freely.
#[derive(Clone, Copy)]
pub struct Notices(RwSignal<Vec<Notice>>);

impl Default for Notices {
    fn default() -> Self {
        Self::new()
    }
}

impl Notices {
    /// An empty list.
    pub fn new() -> Self {
        Self(RwSignal::new(Vec::new()))
    }

    /// Adds a notice at the top.
    pub fn push(self, mut notice: Notice) {
        self.0.update(|list| {
            notice.id = list.iter().map(|n| n.id).max().unwrap_or(0) + 1;
            list.insert(0, notice);
            list.truncate(50);
        });
    }

    /// Reports an action's result: `done` when it succeeded, `attempt` with AWS's (or the
    /// console's) reason when it failed, so a refusal never reads as if it had happened.
    pub fn outcome(self, attempt: &str, done: &str, result: Result<(), AppError>) {
        self.report(attempt, result.map(|()| done.to_string()));
    }

    /// Like [`Notices::outcome`], with the success text made by the action itself.
    pub fn report(self, attempt: &str, result: Result<String, AppError>) {
        match result {
            Ok(done) => self.push(Notice::ok(done)),
            Err(e) => self.push(Notice::error(format!("{attempt}: {}", e.title()), e.describe())),
        }
    }

    /// Removes the notice with `id`.
    pub fn dismiss(self, id: u64) {
        self.0.update(|list| list.retain(|n| n.id != id));
    }
}

/// The notification area: each action's result, announced to screen readers, dismissible.
#[component]
pub fn NoticeArea(notices: Notices) -> impl IntoView {
    view! {
        <div class="notices" role="status" aria-live="polite" data-testid="notices">
            <For each=move || notices.0.get() key=|n| n.id let:notice>
                {
                    let id = notice.id;
                    let (tone, tone_name) = match notice.tone { Tone::Ok => ("notice notice-ok", "Ok"), Tone::Error => ("notice notice-error", "Error") };
                    view! {
                        <div class=tone data-tone=tone_name>
                            <span class="notice-icon" aria-hidden="true">{if notice.tone == Tone::Ok { "✔" } else { "✖" }}</span>
                            <div class="notice-text">
                                <strong>{notice.title.clone()}</strong>
                                {notice.detail.clone().map(|d| view! { <p>{d}</p> })}
                            </div>
                            <button type="button" class="notice-dismiss" on:click=move |_| notices.dismiss(id)
                                aria-label=crate::tr!(common.dismiss_notification)>"×"</button>
                        </div>
                    }
                }
            </For>
        </div>
    }
}
