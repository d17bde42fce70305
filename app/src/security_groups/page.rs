//! The Security groups page: list with filter, sort, paging and CSV; details with a rule editor
//! for inbound and outbound rules; create, copy and delete (refused while in use).

use super::{
    check_rule, client_address, copy_security_group, create_security_group, delete_security_group,
    describe_security_group, list_security_groups, parse_ports, preset_of, update_group_rules, Direction,
    GroupDetails, RuleSpec, SecurityGroupInfo, PRESETS,
};
use crate::auth::{is_writable, use_identity};
use crate::components::confirm::{ConfirmDialog, Confirmation};
use crate::components::feedback::{ErrorAlert, Loading, Notice, NoticeArea, Notices};
use crate::components::table::{download, matches_text, to_csv, with_param, Column, DataTable, TextFilter};
use crate::error::AppError;
use crate::network::list_network;
use crate::region::use_region_param;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;
use std::sync::atomic::{AtomicU64, Ordering};

/// The group list's columns.
pub fn columns() -> Vec<Column<SecurityGroupInfo>> {
    vec![
        Column::text("name", "Name", |g| g.name.clone()),
        Column::custom(
            "id",
            "Group ID",
            |g| g.id.clone(),
            |g| {
                let id = g.id.clone();
                let shown = id.clone();
                view! { <a href=move || with_param("id", Some(&id)) class="id-link"><code>{shown}</code></a> }
                    .into_any()
            },
        ),
        Column::text("vpc", "VPC", |g| g.vpc_id.clone()),
        Column::text("description", "Description", |g| g.description.clone()),
        Column::text("inbound", "Inbound rules", |g| g.inbound_rules.to_string()),
        Column::text("outbound", "Outbound rules", |g| g.outbound_rules.to_string()),
    ]
}

/// Whether `group` matches the free-text filter (any column, any case).
pub fn matches(group: &SecurityGroupInfo, text: &str) -> bool {
    matches_text(group, &columns(), text)
}

static NEXT_ROW: AtomicU64 = AtomicU64::new(1);

/// An editable rule row; texts stay as typed so bad input is shown, not lost.
#[derive(Clone, Copy)]
struct RuleRow {
    id: u64,
    preset: RwSignal<String>,
    ports: RwSignal<String>,
    source: RwSignal<String>,
    description: RwSignal<String>,
}

impl RuleRow {
    fn new(rule: &RuleSpec) -> Self {
        let ports = match rule.protocol.as_str() {
            "-1" => String::new(),
            _ if rule.from_port == rule.to_port => rule.from_port.to_string(),
            _ => format!("{}-{}", rule.from_port, rule.to_port),
        };
        Self {
            id: NEXT_ROW.fetch_add(1, Ordering::Relaxed),
            preset: RwSignal::new(preset_of(rule).to_string()),
            ports: RwSignal::new(ports),
            source: RwSignal::new(rule.source.clone()),
            description: RwSignal::new(rule.description.clone()),
        }
    }

    /// The rule this row describes, or what is wrong with it.
    fn rule(&self, index: usize) -> Result<RuleSpec, AppError> {
        let preset = self.preset.get_untracked();
        let (_, protocol, fixed) = PRESETS
            .iter()
            .find(|(l, _, _)| *l == preset)
            .copied()
            .unwrap_or(PRESETS[6]);
        let named = |e: AppError| match e {
            AppError::Validation { field, message } => {
                AppError::validation(format!("rule {} {field}", index + 1), message)
            }
            other => other,
        };
        let (from_port, to_port) = match fixed {
            Some(range) => range,
            None => parse_ports(&self.ports.get_untracked()).map_err(named)?,
        };
        let rule = RuleSpec {
            protocol: protocol.to_string(),
            from_port,
            to_port,
            source: self.source.get_untracked().trim().to_string(),
            description: self.description.get_untracked(),
        };
        check_rule(&rule).map_err(named)?;
        Ok(rule)
    }
}

/// Edits one direction's rules and saves them with the fewest API calls.
#[component]
fn RuleEditor(
    details: GroupDetails,
    direction: Direction,
    writable: Signal<bool>,
    saved: Callback<GroupDetails>,
) -> impl IntoView {
    let region = use_region_param();
    let my_ip = LocalResource::new(client_address);
    let rules = match direction {
        Direction::Inbound => details.inbound.clone(),
        Direction::Outbound => details.outbound.clone(),
    };
    let rows = RwSignal::new(rules.iter().map(RuleRow::new).collect::<Vec<_>>());
    let error = RwSignal::new(None::<AppError>);
    let busy = RwSignal::new(false);
    let group = details.info.id.clone();
    let word = if direction == Direction::Inbound {
        "Source"
    } else {
        "Destination"
    };
    let prefix = if direction == Direction::Inbound {
        "in"
    } else {
        "out"
    };
    let save = move |_| {
        error.set(None);
        let wanted: Result<Vec<RuleSpec>, AppError> = rows
            .get_untracked()
            .iter()
            .enumerate()
            .map(|(i, r)| r.rule(i))
            .collect();
        let wanted = match wanted {
            Ok(w) => w,
            Err(e) => return error.set(Some(e)),
        };
        busy.set(true);
        let (region, group) = (region.get_untracked(), group.clone());
        spawn_local(async move {
            match update_group_rules(region, group, direction, wanted).await {
                Ok(d) => saved.run(d),
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    view! {
        <div class="rule-editor" data-testid=format!("{prefix}bound-rules")>
            <table class="data-table compact">
                <caption class="visually-hidden">{format!("{direction:?} rules")}</caption>
                <thead><tr><th scope="col">"Type"</th><th scope="col">"Port range"</th><th scope="col">{word}</th><th scope="col">"Description"</th><th scope="col"><span class="visually-hidden">"Actions"</span></th></tr></thead>
                <tbody>
                    {move || rows.get().into_iter().enumerate().map(|(i, row)| {
                        let id = |what: &str| format!("{prefix}-{what}-{i}");
                        let fixed = move || PRESETS.iter().find(|(l, _, _)| *l == row.preset.get()).is_some_and(|(_, _, r)| r.is_some());
                        view! {
                            <tr>
                                <td>
                                    <label class="visually-hidden" for=id("type")>{format!("Rule {} type", i + 1)}</label>
                                    <select id=id("type") on:change=move |ev| row.preset.set(event_target_value(&ev))>
                                        {PRESETS.iter().map(|(label, _, _)| view! { <option value=*label selected=move || row.preset.get() == *label>{*label}</option> }).collect_view()}
                                    </select>
                                </td>
                                <td>
                                    <label class="visually-hidden" for=id("ports")>{format!("Rule {} port range", i + 1)}</label>
                                    <input id=id("ports") type="text" size="11" disabled=fixed
                                        prop:value=move || if fixed() { PRESETS.iter().find(|(l, _, _)| *l == row.preset.get()).and_then(|(_, _, r)| *r).map(|(a, b)| if a < 0 { "all".to_string() } else if a == b { a.to_string() } else { format!("{a}-{b}") }).unwrap_or_default() } else { row.ports.get() }
                                        on:input=move |ev| row.ports.set(event_target_value(&ev))/>
                                </td>
                                <td>
                                    <label class="visually-hidden" for=id("source")>{format!("Rule {} {}", i + 1, word.to_lowercase())}</label>
                                    <input id=id("source") type="text" size="20" placeholder="0.0.0.0/0, ::/0 or sg-…" prop:value=move || row.source.get()
                                        on:input=move |ev| row.source.set(event_target_value(&ev))/>
                                    <button type="button" on:click=move |_| {
                                        if let Some(Ok(ip)) = my_ip.get_untracked() { row.source.set(super::host_cidr(&ip)); }
                                    } aria-label=format!("Use my IP for rule {}", i + 1)>"My IP"</button>
                                </td>
                                <td>
                                    <label class="visually-hidden" for=id("description")>{format!("Rule {} description", i + 1)}</label>
                                    <input id=id("description") type="text" prop:value=move || row.description.get()
                                        on:input=move |ev| row.description.set(event_target_value(&ev))/>
                                </td>
                                <td><button type="button" on:click=move |_| rows.update(|r| r.retain(|x| x.id != row.id))
                                    aria-label=format!("Remove rule {}", i + 1)>"Remove"</button></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            {move || rows.with(Vec::is_empty).then(|| view! { <p class="hint">{format!("No {} rules.", format!("{direction:?}").to_lowercase())}</p> })}
            {move || rows.with(|r| r.iter().any(|x| matches!(x.source.get().trim(), "0.0.0.0/0" | "::/0"))).then(|| view! {
                <p class="warning" role="note">"Rules with 0.0.0.0/0 or ::/0 apply to every IP address."</p>
            })}
            {move || error.get().map(|error| view! { <ErrorAlert error/> })}
            <div class="button-row">
                <button type="button" on:click=move |_| rows.update(|r| r.push(RuleRow::new(&RuleSpec { protocol: "tcp".into(), from_port: 22, to_port: 22, source: String::new(), description: String::new() })))
                    disabled=move || !writable.get()>"Add rule"</button>
                <button type="button" class="primary" on:click=save disabled=move || busy.get() || !writable.get()>{format!("Save {} rules", format!("{direction:?}").to_lowercase())}</button>
            </div>
        </div>
    }
}

/// Creates a group (or copies `source` into one).
#[component]
fn GroupForm(source: Option<SecurityGroupInfo>, done: Callback<Option<(String, String)>>) -> impl IntoView {
    let region = use_region_param();
    let network = LocalResource::new(move || list_network(region.get()));
    let vpc = RwSignal::new(source.as_ref().map(|s| s.vpc_id.clone()).unwrap_or_default());
    let name = RwSignal::new(
        source
            .as_ref()
            .map(|s| format!("{}-copy", s.name))
            .unwrap_or_default(),
    );
    let description = RwSignal::new(source.as_ref().map(|s| s.description.clone()).unwrap_or_default());
    let error = RwSignal::new(None::<AppError>);
    let copying = source.as_ref().map(|s| s.id.clone());
    let title = match &source {
        Some(s) => format!("Copy {} to a new group", s.name),
        None => "Create security group".into(),
    };
    Effect::new(move |_| {
        if let Some(Ok(n)) = network.get() {
            if vpc.with_untracked(String::is_empty) {
                if let Some(v) = n.vpcs.first() {
                    vpc.set(v.id.clone());
                }
            }
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (v, n, d) = (
            vpc.get_untracked(),
            name.get_untracked(),
            description.get_untracked(),
        );
        if let Err(e) = super::check_new_group(&v, &n, &d) {
            return error.set(Some(e));
        }
        let (region, copying) = (region.get_untracked(), copying.clone());
        spawn_local(async move {
            let result = match copying {
                Some(id) => copy_security_group(region, id, n.clone(), d).await,
                None => create_security_group(region, v, n.clone(), d).await,
            };
            match result {
                Ok(id) => done.run(Some((id, n))),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let fixed_vpc = source.is_some();
    view! {
        <form class="inline-form" on:submit=submit aria-labelledby="group-form-h" data-testid="group-form">
            <h2 id="group-form-h">{title}</h2>
            <div class="field">
                <label for="group-name">"Security group name"</label>
                <input id="group-name" type="text" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
            </div>
            <div class="field">
                <label for="group-description">"Description"</label>
                <input id="group-description" type="text" prop:value=move || description.get() on:input=move |ev| description.set(event_target_value(&ev))/>
            </div>
            <div class="field">
                <label for="group-vpc">"VPC"</label>
                <select id="group-vpc" disabled=fixed_vpc on:change=move |ev| vpc.set(event_target_value(&ev))>
                    {move || network.get().and_then(Result::ok).unwrap_or_default().vpcs.into_iter().map(|v| {
                        let id = v.id.clone();
                        view! { <option value=id.clone() selected=move || vpc.get() == id>{format!("{} · {}{}", v.id, v.cidr, if v.is_default { " (default)" } else { "" })}</option> }
                    }).collect_view()}
                </select>
            </div>
            {move || error.get().map(|error| view! { <ErrorAlert error/> })}
            <div class="button-row">
                <button type="submit" class="primary">{if fixed_vpc { "Copy group" } else { "Create security group" }}</button>
                <button type="button" on:click=move |_| done.run(None)>"Cancel"</button>
            </div>
        </form>
    }
}

/// The Security groups page.
#[component]
pub fn SecurityGroupsPage() -> impl IntoView {
    let region = use_region_param();
    let query = use_query_map();
    let filter = Memo::new(move |_| query.read().get("q").unwrap_or_default());
    let open = Memo::new(move |_| query.read().get("id").filter(|n| !n.is_empty()));
    let identity = use_identity();
    let writable = Signal::derive(move || identity.get().is_some_and(|id| is_writable(&id)));
    let notices = Notices::new();
    let version = RwSignal::new(0u32);
    let groups = LocalResource::new(move || {
        version.get();
        list_security_groups(region.get(), None)
    });
    let rows = Memo::new(move |_| {
        let text = filter.get();
        groups
            .get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .filter(|g| matches(g, &text))
            .collect::<Vec<_>>()
    });
    let chosen = RwSignal::new(None::<String>);
    Effect::new(move |_| chosen.set(open.get()));
    let details_version = RwSignal::new(0u32);
    let details = LocalResource::new(move || {
        details_version.get();
        let (id, region) = (chosen.get(), region.get());
        async move {
            match id {
                Some(id) => Some(describe_security_group(region, id).await),
                None => None,
            }
        }
    });
    let form = RwSignal::new(None::<Option<SecurityGroupInfo>>);
    let pending = RwSignal::new(None::<(String, Confirmation)>);
    let tab = RwSignal::new(Direction::Inbound);

    let form_done = Callback::new(move |made: Option<(String, String)>| {
        if let Some((id, name)) = made {
            notices.push(Notice::ok(format!("Created security group {name} ({id})")));
            chosen.set(Some(id));
            version.update(|v| *v += 1);
        }
        form.set(None);
    });
    let saved = Callback::new(move |d: GroupDetails| {
        notices.push(Notice::ok(format!("Saved the rules of {}", d.info.name)));
        version.update(|v| *v += 1);
        details_version.update(|v| *v += 1);
    });
    let ask_delete = move |_| {
        let Some(Some(Ok(d))) = details.get_untracked() else {
            return;
        };
        let lines = vec![
            format!("{} ({}) and its rules are deleted.", d.info.name, d.info.id),
            if d.used_by.is_empty() {
                "Nothing uses it.".to_string()
            } else {
                format!(
                    "In use by {}: the console refuses to delete it until they stop using it.",
                    d.used_by.join(", ")
                )
            },
        ];
        pending.set(Some((
            d.info.id.clone(),
            Confirmation {
                title: format!("Delete {}?", d.info.name),
                lines,
                confirm_label: "Delete".into(),
                typed_word: Some("delete".into()),
            },
        )));
    };
    let answer = move |yes: bool| {
        let Some((id, _)) = pending.get_untracked() else {
            return;
        };
        pending.set(None);
        if !yes {
            return;
        }
        let region = region.get_untracked();
        spawn_local(async move {
            match delete_security_group(region, id.clone()).await {
                Ok(()) => {
                    notices.push(Notice::ok(format!("Deleted {id}")));
                    chosen.set(None);
                    version.update(|v| *v += 1);
                }
                Err(e) => notices.push(Notice::error(
                    format!("Delete {id}: {}", e.title()),
                    e.to_string(),
                )),
            }
        });
    };
    let export = move |_| {
        let region = region.get_untracked().unwrap_or_default();
        download(
            &format!("security-groups-{region}.csv"),
            "text/csv",
            &to_csv(&rows.get_untracked(), &columns()),
        );
    };
    let current_info =
        move || rows.with(|r| chosen.with(|c| r.iter().find(|g| Some(&g.id) == c.as_ref()).cloned()));

    view! {
        <section class="page">
            <h1>"Security groups"</h1>
            <TextFilter action="/security-groups" label="Filter security groups" placeholder="name, ID, VPC, description"/>
            <NoticeArea notices/>
            <div class="toolbar" role="toolbar" aria-label="Security group actions">
                <button type="button" class="primary" on:click=move |_| form.set(Some(None)) disabled=move || !writable.get()>"Create security group"</button>
                <button type="button" on:click=move |_| form.set(Some(current_info())) disabled=move || chosen.get().is_none() || !writable.get()>"Copy to new group"</button>
                <button type="button" on:click=ask_delete disabled=move || chosen.get().is_none() || !writable.get()>"Delete"</button>
                <button type="button" on:click=move |_| { version.update(|v| *v += 1); details_version.update(|v| *v += 1); }>"Refresh"</button>
                <button type="button" on:click=export>"Export CSV"</button>
                {move || (!writable.get()).then(|| view! { <span class="hint">"Read-only mode: changes are disabled."</span> })}
            </div>
            {move || form.get().map(|source| view! { <GroupForm source done=form_done/> })}
            {move || match groups.get() {
                None => view! { <Loading label="Loading security groups…"/> }.into_any(),
                Some(Err(error)) => view! { <ErrorAlert error retry=move || version.update(|v| *v += 1)/> }.into_any(),
                Some(Ok(_)) => view! {
                    <p class="summary" data-testid="group-count">{move || format!("{} security group(s)", rows.with(Vec::len))}</p>
                    <DataTable rows=rows columns=columns() row_key=|g: &SecurityGroupInfo| g.id.clone() caption="Security groups" choice=chosen/>
                }.into_any(),
            }}
            {move || chosen.get().is_some().then(|| view! {
                <section class="details-panel" aria-label="Security group details" data-testid="group-details">
                    {move || match details.get() {
                        Some(Some(Ok(d))) => {
                            let d2 = d.clone();
                            view! {
                                <h2>{format!("{} ({})", d.info.name, d.info.id)}</h2>
                                <dl class="details-grid">
                                    <dt>"Description"</dt><dd>{d.info.description.clone()}</dd>
                                    <dt>"VPC"</dt><dd>{d.info.vpc_id.clone()}</dd>
                                    <dt>"Used by"</dt><dd>{if d.used_by.is_empty() { "nothing".to_string() } else { d.used_by.join(", ") }}</dd>
                                </dl>
                                <div role="tablist" aria-label="Rules" class="tabs">
                                    {[Direction::Inbound, Direction::Outbound].into_iter().map(|dir| view! {
                                        <button type="button" role="tab" aria-selected=move || (tab.get() == dir).to_string() class:active=move || tab.get() == dir
                                            on:click=move |_| tab.set(dir)>{format!("{dir:?} rules")}</button>
                                    }).collect_view()}
                                </div>
                                {move || view! { <RuleEditor details=d2.clone() direction=tab.get() writable saved/> }}
                            }.into_any()
                        }
                        Some(Some(Err(error))) => view! { <ErrorAlert error/> }.into_any(),
                        _ => view! { <Loading label="Loading rules…"/> }.into_any(),
                    }}
                </section>
            })}
            {move || pending.get().map(|(_, request)| view! { <ConfirmDialog request on_answer=answer/> })}
        </section>
    }
}
