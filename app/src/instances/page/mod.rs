//! The Instances page: property filter, table with selection, actions with confirmation, live
//! state while instances change, notifications, CSV export and the details panel — for one region
//! or, with `?region=all`, every enabled region at once (a Region column and a status strip).

mod run;
mod toolbar;

use super::actions::Action;
use super::details::DetailsPanel;
use super::permissions::Verdicts;
use super::{instance_checks, list_instances, InstanceList, InstanceRow};
use crate::auth::use_identity;
use crate::components::confirm::{ConfirmDialog, Confirmation};
use crate::components::feedback::{ErrorAlert, Loading, NoticeArea};
use crate::components::resource::PageState;
use crate::components::table::{
    download, or_empty, sort_rows, to_csv, Column, DataTable, SortSpec, TablePrefs, TableSettings,
};
use crate::regions::{is_all, Across, RegionStrip};
use crate::views::ViewBar;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;
use run::{Overrides, Runner};
use std::collections::HashMap;

/// The instance list's columns; with all regions, a Region column after the ID.
pub fn columns_for(all: bool) -> Vec<Column<InstanceRow>> {
    let mut cols = vec![
        Column::text("name", crate::label!(instances.col_name), |r: &InstanceRow| {
            or_empty(&r.name)
        }),
        Column::link(
            "id",
            crate::label!(instances.col_id),
            |r: &InstanceRow| r.id.clone(),
            "id",
        ),
    ];
    if all {
        cols.push(Column::text(
            "region",
            crate::label!(instances.col_region),
            |r: &InstanceRow| r.region.clone(),
        ));
    }
    cols.extend([
        Column::state("state", crate::label!(instances.col_state), |r: &InstanceRow| {
            r.state.clone()
        }),
        Column::text("type", crate::label!(instances.col_type), |r: &InstanceRow| {
            r.instance_type.clone()
        }),
        Column::text("az", crate::label!(instances.col_az), |r: &InstanceRow| {
            r.availability_zone.clone()
        }),
        Column::text(
            "public_ip",
            crate::label!(instances.col_public_ip),
            |r: &InstanceRow| or_empty(&r.public_ip),
        ),
        Column::text(
            "private_ip",
            crate::label!(instances.col_private_ip),
            |r: &InstanceRow| or_empty(&r.private_ip),
        ),
        Column::text("key", crate::label!(instances.col_key), |r: &InstanceRow| {
            or_empty(&r.key_name)
        }),
        Column::time(
            "launch_time",
            crate::label!(instances.col_launch_time),
            |r: &InstanceRow| or_empty(&r.launch_time),
        ),
        Column::text(
            "checks",
            crate::label!(instances.col_checks),
            |r: &InstanceRow| or_empty(&r.status_checks),
        ),
    ]);
    cols
}

/// The Instances page: the selected region's instances (or every region's), server-rendered then hydrated.
#[component]
pub fn InstancesPage() -> impl IntoView {
    let page = PageState::new();
    let (region, notices, busy, generation) = (page.region, page.notices, page.busy, page.version);
    let all = Memo::new(move |_| is_all(region.get().as_deref()));
    let query = use_query_map();
    let filter = Memo::new(move |_| query.read().get("q").unwrap_or_default());
    let selected_id = Memo::new(move |_| query.read().get("id").filter(|s| !s.is_empty()));
    let list = crate::wire::load(
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
            let answer = instance_checks(region).await.unwrap_or_default();
            checks.try_set(Some(answer));
        });
    });
    let identity = use_identity();
    let selection = RwSignal::new(Vec::<String>::new());
    let overrides = RwSignal::new(Overrides::default());
    let pending = RwSignal::new(None::<(Action, Vec<String>, Confirmation)>);
    let prefs = RwSignal::new(TablePrefs::default());
    let prefs_key = RwSignal::new(None::<String>);
    let placements = RwSignal::new(HashMap::<String, String>::new());
    let verdicts = RwSignal::new(Verdicts::new());
    toolbar::watch_permissions(selection, placements, region, page.writable, verdicts);

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

    let runner = Runner {
        region,
        placements,
        notices,
        busy,
        overrides,
    };
    let press = move |action: Action, chosen: Vec<InstanceRow>| {
        let ids: Vec<String> = chosen.iter().map(|r| r.id.clone()).collect();
        match verdicts.with_untracked(|v| toolbar::confirmation(action, &chosen, v)) {
            Some(request) => pending.set(Some((action, ids, request))),
            None => runner.run(action, ids),
        }
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
    // With all regions, the details panel asks the region the chosen row was listed in.
    let details_region = Memo::new(move |_| {
        if all.get() {
            let id = selected_id.get()?;
            placements.with(|p| p.get(&id).cloned())
        } else {
            region.get()
        }
    });

    view! {
        <section class="page instances-page">
            <h1>{crate::tr!(instances.title)}</h1>
            <ViewBar path="/instances" notices prefs/>
            <form method="GET" action="/instances" class="filter-form" role="search"
                on:submit=crate::components::get_form::submit_in_page()>
                {move || region.get().map(|r| view! { <input type="hidden" name="region" value=r/> })}
                {move || query.read().get("view").map(|v| view! { <input type="hidden" name="view" value=v/> })}
                <label for="instance-filter">{crate::tr!(instances.filter_label)}</label>
                <input id="instance-filter" name="q" type="search" prop:value=move || filter.get()
                    aria-describedby="filter-hint" spellcheck="false" autocomplete="off" translate="no"
                    placeholder="state = running  tag:Environment = prod  type = t3.*  web"/>
                <button type="submit">{crate::tr!(instances.apply)}</button>
                <p class="hint" id="filter-hint">
                    {crate::tr!(instances.filter_hint)}" "
                    <code>{super::filter::KEYS.iter().map(|(k, _, _)| *k).collect::<Vec<_>>().join(", ")}</code>
                </p>
            </form>
            <NoticeArea notices/>
            <Transition fallback=|| view! { <Loading label=crate::tr!(instances.loading)/> }>
                {move || {
                    let writable = page.writable.get();
                    list.get().map(|listed| match listed {
                        Ok(InstanceList { region: listed_region, instances, regions, note }) => {
                            let across_all = is_all(Some(&listed_region));
                            let across = RwSignal::new(Across { rows: instances, regions, note });
                            Effect::new(move |_| {
                                let map = across.with(|a| a.rows.iter().map(|r| (r.id.clone(), r.region.clone())).collect());
                                placements.set(map);
                            });
                            let rows = Memo::new(move |_| {
                                let o = overrides.get();
                                let current = o.generation == generation.get();
                                let checks = checks.get();
                                across.with(|a| {
                                    a.rows.iter()
                                        .cloned()
                                        .map(|mut r| {
                                            if let Some(s) = o.states.get(&r.id).filter(|_| current) {
                                                r.state = s.clone();
                                            }
                                            r.status_checks = match &checks {
                                                Some(c) => c.get(&r.id).cloned(),
                                                None if r.state == "running" => Some(crate::tr!(instances.checks_loading).into()),
                                                None => None,
                                            };
                                            r
                                        })
                                        .collect::<Vec<_>>()
                                })
                            });
                            let count = Memo::new(move |_| rows.with(Vec::len));
                            // Computed once per change of rows or selection, read by every button.
                            let chosen = Memo::new(move |_| {
                                let ids = selection.get();
                                rows.with(|rows| rows.iter().filter(|r| ids.contains(&r.id)).cloned().collect::<Vec<_>>())
                            });
                            let buttons = toolbar::action_buttons(chosen, verdicts, writable, busy, press);
                            let export_region = listed_region.clone();
                            let export = move |_| {
                                let cols = columns_for(across_all);
                                let mut data = rows.get_untracked();
                                if let Some(spec) = query.get_untracked().get("sort").and_then(|s| SortSpec::parse(&s)) {
                                    data = sort_rows(data, &cols, &spec);
                                }
                                download(&format!("instances-{export_region}.csv"), "text/csv", &to_csv(&data, &cols));
                            };
                            let place = if across_all { crate::tr!(instances.all_regions).to_string() } else { listed_region.clone() };
                            let summary = move || {
                                let f = filter.get();
                                let n = selection.with(Vec::len);
                                let count = count.get();
                                let shown = crate::number::whole(count as u64);
                                let listed = match (count == 1, f.is_empty()) {
                                    (true, true) => crate::tr!(instances.summary_one, count = shown, place = place),
                                    (false, true) => crate::tr!(instances.summary_many, count = shown, place = place),
                                    (true, false) => crate::tr!(instances.summary_one_matching, count = shown, place = place, filter = f),
                                    (false, false) => crate::tr!(instances.summary_many_matching, count = shown, place = place, filter = f),
                                };
                                if n > 0 {
                                    format!("{listed} · {}", crate::tr!(instances.selected, count = n))
                                } else {
                                    listed
                                }
                            };
                            let retrying = RwSignal::new(Vec::<String>::new());
                            let retry = Callback::new(move |r: String| {
                                retrying.update(|list| list.push(r.clone()));
                                let f = filter.get_untracked();
                                spawn_local(async move {
                                    let answer = list_instances(Some(crate::regions::ALL.into()), Some(format!("{f} region = {r}"))).await;
                                    let outcome = Across::<InstanceRow>::outcome_in(&r, answer.as_ref().map(|l| l.regions.as_slice()));
                                    let rows = answer.map(|l| l.instances).unwrap_or_default();
                                    across.try_update(|a| a.retried(&r, outcome, rows, |row| row.region.clone()));
                                    retrying.try_update(|list| list.retain(|x| x != &r));
                                });
                            });
                            let strip = across_all.then(|| view! {
                                <RegionStrip regions=Signal::derive(move || across.with(|a| a.regions.clone()))
                                    note=Signal::derive(move || across.with(|a| a.note.clone()))
                                    retrying on_retry=retry/>
                            }.into_any());
                            // Built untracked: the table's own effects follow the signals, the Suspend only the resources.
                            // Type-erased parts keep the page's view type within the compiler's limits.
                            let toolbar = view! {
                                <div class="toolbar" role="toolbar" aria-label=crate::tr!(instances.actions_label)>
                                    {buttons}
                                    <button type="button" data-command="export" on:click=export>{crate::tr!(instances.download_csv)}</button>
                                    <button type="button" data-command="refresh" on:click=move |_| refresh()>{crate::tr!(instances.refresh)}</button>
                                    {(!writable).then(|| view! { <span class="hint">{crate::tr!(instances.read_only)}</span> })}
                                </div>
                            }
                            .into_any();
                            untrack(move || view! {
                                {strip}
                                <p class="summary" data-testid="instance-count">{summary}</p>
                                {toolbar}
                                {view! {
                                    <TableSettings columns=columns_for(across_all) prefs/>
                                    <DataTable
                                        rows
                                        columns=columns_for(across_all)
                                        row_key=|r: &InstanceRow| r.id.clone()
                                        caption=crate::tr!(instances.title)
                                        selection
                                        prefs
                                    />
                                }
                                .into_any()}
                                {move || pending.get().map(|(action, ids, request)| {
                                    let ids = StoredValue::new(ids);
                                    view! {
                                        <ConfirmDialog request on_answer=move |yes| {
                                            pending.set(None);
                                            if yes {
                                                runner.run(action, ids.get_value());
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
            {move || {
                let id = selected_id.get()?;
                (!all.get() || details_region.with(Option::is_some)).then(|| view! {
                    <DetailsPanel id=id region=details_region writable=page.writable.get() notices changed=details_changed/>
                })
            }}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_column_has_a_distinct_key() {
        for all in [false, true] {
            let cols = columns_for(all);
            let mut keys: Vec<&str> = cols.iter().map(|c| c.key).collect();
            keys.sort();
            keys.dedup();
            assert_eq!(keys.len(), cols.len());
        }
        assert!(columns_for(true).iter().any(|c| c.key == "region"));
        assert!(!columns_for(false).iter().any(|c| c.key == "region"));
    }
}
