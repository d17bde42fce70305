//! The Security tab: key pair, IAM profile and the rules of each security group.

use super::model::{InstanceDetails, Rule};
use super::or_dash;
use leptos::prelude::*;

/// A rule's protocol or ports, with the console's `all` in the page's language.
fn all_words(value: String) -> String {
    if value == "all" {
        crate::tr!(instances.rule_all).to_string()
    } else {
        value
    }
}

fn rule_rows(rules: Vec<Rule>) -> impl IntoView {
    if rules.is_empty() {
        return view! { <p class="hint">{crate::tr!(instances.no_rules)}</p> }.into_any();
    }
    view! {
        <table class="data-table compact">
            <thead><tr>
                <th scope="col">{crate::tr!(instances.protocol)}</th>
                <th scope="col">{crate::tr!(instances.ports)}</th>
                <th scope="col">{crate::tr!(instances.source_destination)}</th>
            </tr></thead>
            <tbody>
                {rules.into_iter().map(|r| view! {
                    <tr><td>{all_words(r.protocol)}</td><td>{all_words(r.ports)}</td><td>{r.sources.join(", ")}</td></tr>
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
            <dt>{crate::tr!(instances.key_pair)}</dt><dd>{or_dash(d.row.key_name.clone())}</dd>
            <dt>{crate::tr!(instances.iam_profile)}</dt><dd>{or_dash(d.iam_profile.clone())}</dd>
        </dl>
        {d.security_groups.into_iter().map(|g| view! {
            <h3>{format!("{} ({})", g.name, g.id)}</h3>
            <h4>{crate::tr!(instances.inbound_rules)}</h4>
            {rule_rows(g.inbound)}
            <h4>{crate::tr!(instances.outbound_rules)}</h4>
            {rule_rows(g.outbound)}
        }).collect_view()}
    }
}
