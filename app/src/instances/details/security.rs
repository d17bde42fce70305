//! The Security tab: key pair, IAM profile and the rules of each security group.

use super::model::{InstanceDetails, Rule};
use super::or_dash;
use leptos::prelude::*;

fn rule_rows(rules: Vec<Rule>) -> impl IntoView {
    if rules.is_empty() {
        return view! { <p class="hint">"No rules."</p> }.into_any();
    }
    view! {
        <table class="data-table compact">
            <thead><tr><th scope="col">"Protocol"</th><th scope="col">"Ports"</th><th scope="col">"Source / destination"</th></tr></thead>
            <tbody>
                {rules.into_iter().map(|r| view! {
                    <tr><td>{r.protocol}</td><td>{r.ports}</td><td>{r.sources.join(", ")}</td></tr>
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

#[component]
pub(super) fn SecurityTab(d: InstanceDetails) -> impl IntoView {
    view! {
        <dl class="details-grid">
            <dt>"Key pair"</dt><dd>{or_dash(d.row.key_name.clone())}</dd>
            <dt>"IAM instance profile"</dt><dd>{or_dash(d.iam_profile.clone())}</dd>
        </dl>
        {d.security_groups.into_iter().map(|g| view! {
            <h3>{format!("{} ({})", g.name, g.id)}</h3>
            <h4>"Inbound rules"</h4>
            {rule_rows(g.inbound)}
            <h4>"Outbound rules"</h4>
            {rule_rows(g.outbound)}
        }).collect_view()}
    }
}
