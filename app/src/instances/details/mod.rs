//! The details panel: one instance's configuration in tabs, with its per-instance actions
//! (type change, termination protection, tags, user data, system log).

mod model;
mod networking;
mod security;
mod status;
mod storage;
mod summary;
mod tags;

use super::describe_instance;
use crate::audit::History;
use crate::components::copy::CopyButton;
use crate::components::feedback::{ErrorAlert, Loading, Notices};
use crate::components::table::with_param;
use crate::locale::Label;
use leptos::prelude::*;
use leptos_router::components::A;
use networking::NetworkingTab;
use security::SecurityTab;
use status::StatusTab;
use storage::StorageTab;
use summary::DetailsTab;
use tags::TagsTab;

pub use model::{BlockDevice, GroupRules, InstanceDetails, Interface, Rule, StatusChecks};

/// The panel's tabs: the key (in the URL and element IDs) and the label.
const TABS: [(&str, Label); 8] = [
    ("details", crate::label!(instances.tab_details)),
    ("status", crate::label!(instances.tab_status)),
    ("security", crate::label!(instances.tab_security)),
    ("networking", crate::label!(instances.tab_networking)),
    ("storage", crate::label!(instances.tab_storage)),
    ("tags", crate::label!(instances.tab_tags)),
    ("monitoring", crate::label!(instances.tab_monitoring)),
    ("history", crate::label!(instances.tab_history)),
];

fn or_dash(value: Option<String>) -> String {
    value.unwrap_or_else(|| "–".into())
}

/// A value that can be copied.
#[component]
fn Copyable(#[prop(into)] value: Option<String>, label: &'static str) -> impl IntoView {
    match value {
        Some(v) => view! { <code>{v.clone()}</code>" "<CopyButton value=v label=label/> }.into_any(),
        None => "–".into_any(),
    }
}

/// The details panel for instance `id`; `writable` shows the per-instance actions, and `changed`
/// is bumped after one so the list can refresh.
#[component]
pub fn DetailsPanel(
    #[prop(into)] id: Signal<String>,
    #[prop(into)] region: Signal<Option<String>>,
    writable: bool,
    notices: Notices,
    changed: RwSignal<u32>,
) -> impl IntoView {
    let refresh = RwSignal::new(0u32);
    // Loaded in the browser, without a Suspense: a panel opened by the URL is server-rendered as
    // "Loading details…" and filled in after hydration (a Suspense nested in the list's left its
    // streamed chunk incomplete, and hydration failed).
    let details = LocalResource::new(move || {
        refresh.get();
        describe_instance(region.get(), id.get())
    });
    // The tab named in the URL (`?tab=monitoring` from the dashboard), else Details.
    let asked = leptos_router::hooks::use_query_map().with_untracked(|q| q.get("tab"));
    let tab = RwSignal::new(
        TABS.iter()
            .find(|(k, _)| Some(*k) == asked.as_deref())
            .map_or("details", |(k, _)| *k),
    );
    let bump = move || {
        refresh.update(|n| *n += 1);
        changed.update(|n| *n += 1);
    };
    let locale = crate::locale::current();
    let tabs = TABS
        .iter()
        .map(|&(key, label)| {
            let label = label(locale);
            view! {
                <button type="button" role="tab" id=format!("tab-{key}") aria-controls="details-tabpanel"
                    aria-selected=move || (tab.get() == key).to_string()
                    on:click=move |_| tab.set(key)>{label}</button>
            }
        })
        .collect_view();
    view! {
        <section class="details-panel" aria-labelledby="details-heading" data-testid="details-panel">
            <header class="details-header">
                <h2 id="details-heading">{move || crate::tr!(instances.details_heading, id = id.get())}</h2>
                <A href=move || with_param("id", None) attr:class="close-link">{crate::tr!(instances.close_details)}</A>
            </header>
            <div role="tablist" aria-label=crate::tr!(instances.details_label)>{tabs}</div>
            <div role="tabpanel" id="details-tabpanel" aria-labelledby=move || format!("tab-{}", tab.get())>
                {move || match details.get() {
                    None => view! { <Loading label=crate::tr!(instances.loading_details)/> }.into_any(),
                    Some(Err(error)) => view! { <ErrorAlert error/> }.into_any(),
                    Some(Ok(d)) => {
                        let d = StoredValue::new(d);
                        (move || {
                            let tab = tab.get();
                            untrack(move || match tab {
                                "status" => view! { <StatusTab d=d.get_value()/> }.into_any(),
                                "security" => view! { <SecurityTab d=d.get_value()/> }.into_any(),
                                "networking" => view! { <NetworkingTab d=d.get_value()/> }.into_any(),
                                "storage" => view! { <StorageTab d=d.get_value()/> }.into_any(),
                                "history" => view! { <History resource=id.get_untracked() refresh=changed/> }.into_any(),
                                "monitoring" => view! {
                                    <crate::monitoring::MonitoringTab id=id.get_untracked() region writable notices/>
                                }.into_any(),
                                "tags" => view! { <TagsTab d=d.get_value() region writable notices on_change=bump/> }.into_any(),
                                _ => view! { <DetailsTab d=d.get_value() region writable notices on_change=bump/> }.into_any(),
                            })
                        })
                        .into_any()
                    }
                }}
            </div>
        </section>
    }
}
