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
#[component]
pub fn ErrorAlert(error: AppError) -> impl IntoView {
    let request_id = match &error {
        AppError::Aws {
            request_id: Some(id), ..
        } => Some(format!("Request ID: {id}")),
        _ => None,
    };
    let detail = match &error {
        AppError::Aws { message, .. } => message.clone(),
        other => other.to_string(),
    };
    view! {
        <div class="alert alert-error" role="alert">
            <strong class="alert-title">{error.title()}</strong>
            <p class="alert-detail">{detail}</p>
            {request_id.map(|id| view! { <p class="alert-meta">{id}</p> })}
            {matches!(error, AppError::NotSignedIn).then(|| view! { <p><a href="/sign-in">"Sign in again"</a></p> })}
        </div>
    }
}
