//! The Instances page: property filter, table with selection, actions with confirmation, live
//! state while instances change, notifications, CSV export and the details panel.

use super::actions::Action;
use super::details::DetailsPanel;
use super::{
    instance_action, instance_checks, instance_states, is_transitional, list_instances, InstanceList,
    InstanceRow,
};
use crate::auth::use_identity;
use crate::components::confirm::{ConfirmDialog, Confirmation};
use crate::components::feedback::{ErrorAlert, Loading, Notice, NoticeArea};
use crate::components::resource::PageState;
use crate::components::table::{
    download, or_empty, sort_rows, to_csv, Column, DataTable, SortSpec, TablePrefs, TableSettings,
};
use crate::views::ViewBar;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;
use std::collections::HashMap;
use std::time::Duration;

/// First wait before re-reading states after an action.
pub const FIRST_POLL: Duration = Duration::from_secs(1);
/// Longest wait between two polls.
pub const MAX_POLL: Duration = Duration::from_secs(15);
/// Polls before giving up on an instance that never settles.
pub const MAX_POLLS: u32 = 30;

/// The wait after `previous`: doubled, at most [`MAX_POLL`].
pub fn next_poll(previous: Duration) -> Duration {
    (previous * 2).min(MAX_POLL)
}

/// The instance list's columns.
pub fn columns() -> Vec<Column<InstanceRow>> {
    vec![
        Column::text("name", "Name", |r| or_empty(&r.name)),
        Column::link("id", "Instance ID", |r| r.id.clone(), "id"),
        Column::state("state", "State", |r| r.state.clone()),
        Column::text("type", "Type", |r| r.instance_type.clone()),
        Column::text("az", "Availability Zone", |r| r.availability_zone.clone()),
        Column::text("public_ip", "Public IPv4", |r| or_empty(&r.public_ip)),
        Column::text("private_ip", "Private IPv4", |r| or_empty(&r.private_ip)),
        Column::text("key", "Key name", |r| or_empty(&r.key_name)),
        Column::text("launch_time", "Launch time", |r| or_empty(&r.launch_time)),
        Column::text("checks", "Status checks", |r| or_empty(&r.status_checks)),
    ]
}

/// State overrides from actions and polling, valid for one generation of the list.
#[derive(Clone, Default)]
struct Overrides {
    generation: u32,
    states: HashMap<String, String>,
}

/// Re-reads the states of `ids` after `wait`, then again with back-off while any is still changing.
fn poll(
    region: Option<String>,
    ids: Vec<String>,
    wait: Duration,
    round: u32,
    overrides: RwSignal<Overrides>,
) {
    set_timeout(
        move || {
            spawn_local(async move {
                let moving = match instance_states(region.clone(), ids.clone()).await {
                    Ok(states) => {
                        overrides.update(|o| {
                            for (id, state) in &states {
                                o.states.insert(id.clone(), state.clone());
                            }
                        });
                        states
                            .into_iter()
                            .filter(|(_, s)| is_transitional(s))
                            .map(|(id, _)| id)
                            .collect()
                    }
                    Err(_) => ids,
                };
                if !moving.is_empty() && round < MAX_POLLS {
                    poll(region, moving, next_poll(wait), round + 1, overrides);
                }
            });
        },
        wait,
    );
}

/// The Instances page: the selected region's instances, server-rendered then hydrated.
#[component]
pub fn InstancesPage() -> impl IntoView {
    let page = PageState::new();
    let (region, notices, busy, generation) = (page.region, page.notices, page.busy, page.version);
    let query = use_query_map();
    let filter = Memo::new(move |_| query.read().get("q").unwrap_or_default());
    let selected_id = Memo::new(move |_| query.read().get("id").filter(|s| !s.is_empty()));
    let list = Resource::new(
        move || (region.get(), filter.get(), generation.get()),
        |(region, filter, _)| list_instances(region, (!filter.is_empty()).then_some(filter)),
    );
    // Status checks come after the list (in the browser only, and outside the list's Transition),
    // so a big estate's list is not held up by them. `None` while they load; a failure leaves the
    // column empty rather than hiding the list.
    let checks = RwSignal::new(None::<HashMap<String, String>>);
    Effect::new(move |_| {
        generation.get();
        let region = region.get();
        checks.set(None);
        spawn_local(async move {
            checks.set(Some(instance_checks(region).await.unwrap_or_default()));
        });
    });
    let identity = use_identity();
    let selection = RwSignal::new(Vec::<String>::new());
    let overrides = RwSignal::new(Overrides::default());
    let pending = RwSignal::new(None::<(Action, Vec<String>, Confirmation)>);
    let prefs = RwSignal::new(TablePrefs::default());
    let prefs_key = RwSignal::new(None::<String>);

    Effect::new(move |_| {
        if let Some(Ok(Some(id))) = identity.get() {
            let key = format!("ec2c.instances.{}", id.arn);
            if prefs_key.get_untracked().as_ref() != Some(&key) {
                if let Some(stored) = TablePrefs::load(&key) {
                    prefs.set(stored);
                }
                prefs_key.set(Some(key));
            }
        }
    });
    Effect::new(move |_| {
        let current = prefs.get();
        if let Some(key) = prefs_key.get_untracked() {
            current.save(&key);
        }
    });

    let run = move |action: Action, ids: Vec<String>| {
        busy.set(true);
        let region = region.get_untracked();
        spawn_local(async move {
            match instance_action(region.clone(), action, ids).await {
                Ok(outcomes) => {
                    let mut moving = Vec::new();
                    for outcome in outcomes {
                        match outcome.result {
                            Ok(state) => {
                                notices.push(Notice::ok(format!(
                                    "{} {}: now {state}",
                                    action.label(),
                                    outcome.id
                                )));
                                if is_transitional(&state) {
                                    moving.push(outcome.id.clone());
                                }
                                overrides.update(|o| {
                                    o.states.insert(outcome.id, state);
                                });
                            }
                            Err(e) => notices.report(&format!("{} {}", action.label(), outcome.id), Err(e)),
                        }
                    }
                    if !moving.is_empty() {
                        poll(region, moving, FIRST_POLL, 1, overrides);
                    }
                }
                Err(e) => notices.report(action.label(), Err(e)),
            }
            busy.set(false);
        });
    };
    let refresh = move || {
        overrides.set(Overrides {
            generation: generation.get_untracked() + 1,
            states: HashMap::new(),
        });
        generation.update(|g| *g += 1);
    };
    let details_changed = RwSignal::new(0u32);
    Effect::new(move |previous: Option<u32>| {
        let now = details_changed.get();
        if previous.is_some_and(|p| p != now) {
            refresh();
        }
        now
    });

    view! {
        <section class="page instances-page">
            <h1>"Instances"</h1>
            <ViewBar path="/instances" notices prefs/>
            <Form method="GET" action="/instances" attr:class="filter-form" attr:role="search">
                {move || region.get().map(|r| view! { <input type="hidden" name="region" value=r/> })}
                {move || query.read().get("view").map(|v| view! { <input type="hidden" name="view" value=v/> })}
                <label for="instance-filter">"Filter instances"</label>
                <input id="instance-filter" name="q" type="search" prop:value=move || filter.get()
                    aria-describedby="filter-hint" spellcheck="false" autocomplete="off"
                    placeholder="state = running  tag:Environment = prod  type = t3.*  web"/>
                <button type="submit">"Apply"</button>
                <p class="hint" id="filter-hint">
                    "Free text, or key = value (sent to EC2) and key != value (applied here). Keys: "
                    {super::filter::KEYS.iter().map(|(k, _, _)| *k).collect::<Vec<_>>().join(", ")}
                </p>
            </Form>
            <NoticeArea notices/>
            <Transition fallback=|| view! { <Loading label="Loading instances…"/> }>
                {move || {
                    let writable = page.writable.get();
                    list.get().map(|listed| match listed {
                        Ok(InstanceList { region: listed_region, instances }) => {
                            let count = instances.len();
                            let base = StoredValue::new(instances);
                            let rows = Memo::new(move |_| {
                                let o = overrides.get();
                                let current = o.generation == generation.get();
                                let checks = checks.get();
                                base.with_value(|rows| {
                                    rows.iter()
                                        .cloned()
                                        .map(|mut r| {
                                            if let Some(s) = o.states.get(&r.id).filter(|_| current) {
                                                r.state = s.clone();
                                            }
                                            r.status_checks = match &checks {
                                                Some(c) => c.get(&r.id).cloned(),
                                                None if r.state == "running" => Some("Loading…".into()),
                                                None => None,
                                            };
                                            r
                                        })
                                        .collect::<Vec<_>>()
                                })
                            });
                            // Computed once per change of rows or selection, read by every button.
                            let chosen = Memo::new(move |_| {
                                let ids = selection.get();
                                rows.with(|rows| rows.iter().filter(|r| ids.contains(&r.id)).cloned().collect::<Vec<_>>())
                            });
                            let buttons = Action::ALL
                                .into_iter()
                                .map(|action| {
                                    let click = move |_| {
                                        let chosen = chosen.get_untracked();
                                        let ids: Vec<String> = chosen.iter().map(|r| r.id.clone()).collect();
                                        if action.needs_confirmation() {
                                            let n = ids.len();
                                            let title = format!("{} {n} instance{}?", action.label(), if n == 1 { "" } else { "s" });
                                            let mut lines: Vec<String> = chosen.iter().map(|r| r.display_name()).collect();
                                            lines.extend(action.consequences(&chosen));
                                            let request = Confirmation {
                                                title,
                                                lines,
                                                confirm_label: action.label().to_string(),
                                                typed_word: action.needs_typed_confirmation().then(|| action.label().to_lowercase()),
                                            };
                                            pending.set(Some((action, ids, request)));
                                        } else {
                                            run(action, ids);
                                        }
                                    };
                                    view! {
                                        <button type="button" data-action=action.label()
                                            class=if action == Action::Terminate { "danger" } else { "" }
                                            disabled=move || {
                                                // Off when nothing selected could take the action (as the AWS console does).
                                                !writable || busy.get() || chosen.with(|c| c.iter().all(|r| action.refusal(r).is_some()))
                                            }
                                            on:click=click>{action.label()}</button>
                                    }
                                })
                                .collect_view();
                            let export_region = listed_region.clone();
                            let export = move |_| {
                                let mut data = rows.get_untracked();
                                if let Some(spec) = query.get_untracked().get("sort").and_then(|s| SortSpec::parse(&s)) {
                                    data = sort_rows(data, &columns(), &spec);
                                }
                                download(&format!("instances-{export_region}.csv"), "text/csv", &to_csv(&data, &columns()));
                            };
                            let summary = move || {
                                let f = filter.get();
                                let n = selection.with(Vec::len);
                                format!(
                                    "{count} instance{} in {listed_region}{}{}",
                                    if count == 1 { "" } else { "s" },
                                    if f.is_empty() { String::new() } else { format!(" matching “{f}”") },
                                    if n > 0 { format!(" · {n} selected") } else { String::new() },
                                )
                            };
                            // Built untracked: the table's own effects follow the signals, the Suspend only the resources.
                            untrack(move || view! {
                                <p class="summary" data-testid="instance-count">{summary}</p>
                                <div class="toolbar" role="toolbar" aria-label="Instance actions">
                                    {buttons}
                                    <button type="button" on:click=export>"Download CSV"</button>
                                    <button type="button" on:click=move |_| refresh()>"Refresh"</button>
                                    {(!writable).then(|| view! { <span class="hint">"Read-only mode: actions are off."</span> })}
                                </div>
                                <TableSettings columns=columns() prefs/>
                                <DataTable
                                    rows
                                    columns=columns()
                                    row_key=|r: &InstanceRow| r.id.clone()
                                    caption="Instances"
                                    selection
                                    prefs
                                />
                                {move || pending.get().map(|(action, ids, request)| {
                                    let ids = StoredValue::new(ids);
                                    view! {
                                        <ConfirmDialog request on_answer=move |yes| {
                                            pending.set(None);
                                            if yes {
                                                run(action, ids.get_value());
                                            }
                                        }/>
                                    }
                                })}
                            }
                            .into_any())
                        }
                        Err(error) => view! { <ErrorAlert error retry=move || refresh()/> }.into_any(),
                    })
                }}
            </Transition>
            // Outside the list's Transition: the panel loads in the browser, and a resource read
            // inside the list's Suspense would leave its streamed chunk unfinished (hydration fails).
            {move || selected_id.get().map(|id| view! {
                <DetailsPanel id=id region=region writable=page.writable.get() notices changed=details_changed/>
            })}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn polling_backs_off_to_a_ceiling() {
        let mut wait = FIRST_POLL;
        let mut waits = Vec::new();
        for _ in 0..6 {
            waits.push(wait.as_secs());
            wait = next_poll(wait);
        }
        assert_eq!(waits, vec![1, 2, 4, 8, 15, 15]);
    }

    #[test]
    fn every_column_has_a_distinct_key() {
        let cols = columns();
        let mut keys: Vec<&str> = cols.iter().map(|c| c.key).collect();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), cols.len());
    }
}
