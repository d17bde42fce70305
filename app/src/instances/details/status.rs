//! The Status checks tab: the system and instance checks of a running instance.

use super::model::InstanceDetails;
use crate::components::status::StatusIndicator;
use leptos::prelude::*;

#[component]
pub(super) fn StatusTab(d: InstanceDetails) -> impl IntoView {
    match d.status {
        Some(s) => view! {
            <dl class="details-grid">
                <dt>"System status check"</dt><dd><StatusIndicator state=s.system.clone()/></dd>
                <dt>"Instance status check"</dt><dd><StatusIndicator state=s.instance.clone()/></dd>
                <dt>"Summary"</dt><dd>{s.summary()}</dd>
            </dl>
        }
        .into_any(),
        None => view! { <p class="hint">{format!("Status checks run only while the instance is running (it is {}).", d.row.state)}</p> }.into_any(),
    }
}
