//! The rule editor: one direction's rules as editable rows (type preset, ports, source, description),
//! saved with the fewest revoke/authorize calls.

use super::{
    check_rule, client_address, parse_ports, preset, preset_of, update_group_rules, Direction, GroupDetails,
    RuleSpec, PRESETS,
};
use crate::components::feedback::ErrorAlert;
use crate::error::AppError;
use crate::region::use_region_param;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::atomic::{AtomicU64, Ordering};

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
        let chosen = preset(&self.preset.get_untracked()).unwrap_or(PRESETS[6]);
        let (protocol, fixed) = (chosen.protocol, chosen.ports);
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
pub(super) fn RuleEditor(
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
    let inbound = direction == Direction::Inbound;
    let word = if inbound {
        crate::tr!(security_groups.source)
    } else {
        crate::tr!(security_groups.destination)
    };
    let prefix = if inbound { "in" } else { "out" };
    let (no_rules, save_label) = if inbound {
        (
            crate::tr!(security_groups.no_inbound_rules),
            crate::tr!(security_groups.save_inbound_rules),
        )
    } else {
        (
            crate::tr!(security_groups.no_outbound_rules),
            crate::tr!(security_groups.save_outbound_rules),
        )
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
                <caption class="visually-hidden">{direction.rules_title()}</caption>
                <thead><tr><th scope="col">{crate::tr!(security_groups.type_label)}</th><th scope="col">{crate::tr!(security_groups.port_range)}</th><th scope="col">{word}</th><th scope="col">{crate::tr!(security_groups.description)}</th><th scope="col"><span class="visually-hidden">{crate::tr!(security_groups.actions)}</span></th></tr></thead>
                <tbody>
                    {move || rows.get().into_iter().enumerate().map(|(i, row)| {
                        let id = |what: &str| format!("{prefix}-{what}-{i}");
                        let n = i + 1;
                        let fixed = move || preset(&row.preset.get()).is_some_and(|p| p.ports.is_some());
                        view! {
                            <tr>
                                <td>
                                    <label class="visually-hidden" for=id("type")>{crate::tr!(security_groups.rule_n_type, n = n)}</label>
                                    <select id=id("type") on:change=move |ev| row.preset.set(event_target_value(&ev))>
                                        {PRESETS.iter().map(|p| {
                                            let (value, label) = (p.id, (p.label)(crate::locale::current()));
                                            view! { <option value=value selected=move || row.preset.get() == value>{label}</option> }
                                        }).collect_view()}
                                    </select>
                                </td>
                                <td>
                                    <label class="visually-hidden" for=id("ports")>{crate::tr!(security_groups.rule_n_port_range, n = n)}</label>
                                    <input id=id("ports") type="text" size="11" disabled=fixed
                                        prop:value=move || if fixed() { preset(&row.preset.get()).and_then(|p| p.ports).map(|(a, b)| if a < 0 { crate::tr!(security_groups.ports_all).to_string() } else if a == b { a.to_string() } else { format!("{a}-{b}") }).unwrap_or_default() } else { row.ports.get() }
                                        on:input=move |ev| row.ports.set(event_target_value(&ev))/>
                                </td>
                                <td>
                                    <label class="visually-hidden" for=id("source")>{if inbound { crate::tr!(security_groups.rule_n_source, n = n) } else { crate::tr!(security_groups.rule_n_destination, n = n) }}</label>
                                    <input id=id("source") type="text" size="20" placeholder=crate::tr!(security_groups.source_placeholder) prop:value=move || row.source.get()
                                        on:input=move |ev| row.source.set(event_target_value(&ev))/>
                                    <button type="button" on:click=move |_| {
                                        if let Some(Ok(ip)) = my_ip.get_untracked() { row.source.set(super::host_cidr(&ip)); }
                                    } aria-label=crate::tr!(security_groups.use_my_ip_for_rule, n = n)>{crate::tr!(security_groups.my_ip)}</button>
                                </td>
                                <td>
                                    <label class="visually-hidden" for=id("description")>{crate::tr!(security_groups.rule_n_description, n = n)}</label>
                                    <input id=id("description") type="text" prop:value=move || row.description.get()
                                        on:input=move |ev| row.description.set(event_target_value(&ev))/>
                                </td>
                                <td><button type="button" on:click=move |_| rows.update(|r| r.retain(|x| x.id != row.id))
                                    aria-label=crate::tr!(security_groups.remove_rule, n = n)>{crate::tr!(security_groups.remove)}</button></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            {move || rows.with(Vec::is_empty).then(|| view! { <p class="hint">{no_rules}</p> })}
            {move || rows.with(|r| r.iter().any(|x| matches!(x.source.get().trim(), "0.0.0.0/0" | "::/0"))).then(|| view! {
                <p class="warning" role="note">{crate::tr!(security_groups.open_to_world)}</p>
            })}
            {move || error.get().map(|error| view! { <ErrorAlert error/> })}
            <div class="button-row">
                <button type="button" on:click=move |_| rows.update(|r| r.push(RuleRow::new(&RuleSpec { protocol: "tcp".into(), from_port: 22, to_port: 22, source: String::new(), description: String::new() })))
                    disabled=move || !writable.get()>{crate::tr!(security_groups.add_rule)}</button>
                <button type="button" class="primary" on:click=save disabled=move || busy.get() || !writable.get()>{save_label}</button>
            </div>
        </div>
    }
}
