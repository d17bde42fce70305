//! Status shown as text plus an icon, never colour alone.

use leptos::prelude::*;

/// The icon and CSS tone for an instance (or volume, image…) state name.
pub fn state_icon(state: &str) -> (&'static str, &'static str) {
    match state {
        "running" | "available" | "in-use" | "attached" => ("✔", "ok"),
        "stopped" | "detached" => ("■", "stopped"),
        "pending" | "stopping" | "shutting-down" | "creating" | "attaching" | "detaching" => {
            ("◔", "progress")
        }
        "terminated" | "deleted" | "failed" | "error" => ("✖", "error"),
        _ => ("•", "unknown"),
    }
}

/// A state label: icon (hidden from screen readers) and the state name as text.
#[component]
pub fn StatusIndicator(#[prop(into)] state: String) -> impl IntoView {
    let (icon, tone) = state_icon(&state);
    let data_state = state.clone();
    view! {
        <span class=format!("status status-{tone}") data-state=data_state>
            <span class="status-icon" aria-hidden="true">{icon}</span>
            {state}
        </span>
    }
}

#[cfg(test)]
mod tests {
    use super::state_icon;

    #[test]
    fn transitions_share_the_progress_tone() {
        for s in ["pending", "stopping", "shutting-down"] {
            assert_eq!(state_icon(s).1, "progress");
        }
        assert_eq!(state_icon("running").1, "ok");
        assert_eq!(state_icon("stopped").1, "stopped");
        assert_eq!(state_icon("something-new").1, "unknown");
    }
}
