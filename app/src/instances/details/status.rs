//! The Status checks tab: the system and instance checks of a running instance.

use super::model::InstanceDetails;
use crate::components::status::StatusIndicator;
use leptos::prelude::*;

#[component]
pub(super) fn StatusTab(d: InstanceDetails) -> impl IntoView {
    match d.status {
        Some(s) => view! {
            <dl class="details-grid">
                <dt>{crate::tr!(instances.system_check)}</dt><dd><StatusIndicator state=s.system.clone()/></dd>
                <dt>{crate::tr!(instances.instance_check)}</dt><dd><StatusIndicator state=s.instance.clone()/></dd>
                <dt>{crate::tr!(instances.summary)}</dt><dd>{s.summary()}</dd>
            </dl>
        }
        .into_any(),
        None => view! { <p class="hint">{crate::tr!(instances.checks_not_running, state = d.row.state)}</p> }.into_any(),
    }
}
