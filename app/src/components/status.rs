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

/// A state name (an API value such as `running`) as the page's language says it; a state it does
/// not know is shown as it is.
pub fn state_label(state: &str) -> &str {
    match state {
        "pending" => crate::tr!(common.state_pending),
        "running" => crate::tr!(common.state_running),
        "stopping" => crate::tr!(common.state_stopping),
        "stopped" => crate::tr!(common.state_stopped),
        "shutting-down" => crate::tr!(common.state_shutting_down),
        "terminated" => crate::tr!(common.state_terminated),
        "available" => crate::tr!(common.state_available),
        "unavailable" => crate::tr!(common.state_unavailable),
        "in-use" => crate::tr!(common.state_in_use),
        "creating" => crate::tr!(common.state_creating),
        "deleting" => crate::tr!(common.state_deleting),
        "deleted" => crate::tr!(common.state_deleted),
        "attaching" => crate::tr!(common.state_attaching),
        "attached" => crate::tr!(common.state_attached),
        "detaching" => crate::tr!(common.state_detaching),
        "detached" => crate::tr!(common.state_detached),
        "completed" => crate::tr!(common.state_completed),
        "failed" => crate::tr!(common.state_failed),
        "error" => crate::tr!(common.state_error),
        "deregistered" => crate::tr!(common.state_deregistered),
        "ok" => crate::tr!(common.state_ok),
        "impaired" => crate::tr!(common.state_impaired),
        "initializing" => crate::tr!(common.state_initializing),
        "insufficient-data" => crate::tr!(common.state_insufficient_data),
        "not-applicable" => crate::tr!(common.state_not_applicable),
        other => other,
    }
}

/// A state label: icon (hidden from screen readers) and the state's name as text, in the page's
/// language (the API value in `data-state`, and in a tooltip when the shown name differs).
#[component]
pub fn StatusIndicator(#[prop(into)] state: String) -> impl IntoView {
    let (icon, tone) = state_icon(&state);
    let label = state_label(&state).to_string();
    let tooltip = (label != state).then(|| state.clone());
    view! {
        <span class=format!("status status-{tone}") data-state=state title=tooltip>
            <span class="status-icon" aria-hidden="true">{icon}</span>
            {label}
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
