//! One resource's History: the audit records that name it, newest first, each linking to its
//! full record on `/audit`. A tab in the instance details; a disclosure in every kit page's details.

use super::page::short_principal;
use super::{audit_history, AuditRecord};
use crate::components::feedback::{ErrorAlert, Loading};
use crate::components::table::href;
use leptos::prelude::*;

/// This resource's own outcome in `record` (a bulk action's item), else the record's.
fn outcome_for(record: &AuditRecord, resource: &str) -> String {
    match record.items.iter().find(|i| i.resource == resource) {
        Some(item) if item.message.is_empty() => item.outcome.clone(),
        Some(item) => format!("{}: {}", item.outcome, item.message),
        None => record.outcome_line(),
    }
}

/// The History of `resource`; reloaded when `refresh` changes.
#[component]
pub fn History(
    #[prop(into)] resource: String,
    #[prop(optional, into)] refresh: Option<Signal<u32>>,
) -> impl IntoView {
    let id = resource.clone();
    let records = LocalResource::new(move || {
        if let Some(r) = refresh {
            r.get();
        }
        audit_history(id.clone())
    });
    view! {
        <div class="history" data-testid="history">
            {move || {
                let resource = resource.clone();
                match records.get() {
                    None => view! { <Loading label=crate::tr!(audit.loading_history)/> }.into_any(),
                    Some(Err(error)) => view! { <ErrorAlert error/> }.into_any(),
                    Some(Ok(list)) if list.is_empty() => view! {
                        <p>{crate::tr!(audit.history_empty, resource = resource)}</p>
                    }.into_any(),
                    Some(Ok(list)) => view! {
                        <table class="data-table">
                            <caption>{crate::tr!(audit.history_of, resource = resource)}</caption>
                            <thead><tr>
                                <th scope="col">{crate::tr!(audit.col_time)}</th><th scope="col">{crate::tr!(audit.col_action)}</th>
                                <th scope="col">{crate::tr!(audit.col_who)}</th><th scope="col">{crate::tr!(audit.col_outcome)}</th>
                            </tr></thead>
                            <tbody>
                                {list.into_iter().map(|r| {
                                    let link = href("/audit", &[("resource", &resource), ("id", &r.seq.to_string())]);
                                    let outcome = outcome_for(&r, &resource);
                                    view! {
                                        <tr>
                                            <td><a href=link><crate::time::Time iso=r.time.clone()/></a></td>
                                            <td>{r.event.clone()}</td>
                                            <td title=r.principal.clone()>{short_principal(&r.principal)}</td>
                                            <td>{outcome}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any(),
                }
            }}
        </div>
    }
}

/// A "History" disclosure that loads the records only when opened.
#[component]
pub fn HistoryBox(#[prop(into)] resource: String) -> impl IntoView {
    let open = RwSignal::new(false);
    view! {
        <details class="history-box" on:toggle=move |_| open.set(true)>
            <summary>{crate::tr!(audit.history)}</summary>
            {move || open.get().then(|| view! { <History resource=resource.clone()/> })}
        </details>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::ItemOutcome;

    #[test]
    fn a_resource_shows_its_own_outcome_in_a_bulk_record() {
        let record = AuditRecord {
            outcome: "partial".into(),
            message: "1 of 2 failed".into(),
            items: vec![
                ItemOutcome {
                    resource: "i-1".into(),
                    outcome: "ok".into(),
                    ..ItemOutcome::default()
                },
                ItemOutcome {
                    resource: "i-2".into(),
                    outcome: "IncorrectInstanceState".into(),
                    message: "stopped".into(),
                    aws_request_id: None,
                },
            ],
            ..AuditRecord::default()
        };
        assert_eq!(outcome_for(&record, "i-1"), "ok");
        assert_eq!(outcome_for(&record, "i-2"), "IncorrectInstanceState: stopped");
        assert_eq!(outcome_for(&record, "i-3"), "partial: 1 of 2 failed");
    }
}
