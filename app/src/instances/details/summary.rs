//! The Details tab: the instance's configuration, with termination protection, the type change of a
//! stopped instance and its user data and system log on demand.

use super::model::InstanceDetails;
use super::{or_dash, Copyable};
use crate::components::feedback::{ErrorAlert, Notice, Notices};
use crate::components::status::StatusIndicator;
use crate::error::AppError;
use crate::instances::{
    change_instance_type, instance_system_log, instance_user_data, set_termination_protection,
};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub(super) fn DetailsTab(
    d: InstanceDetails,
    region: Signal<Option<String>>,
    writable: bool,
    notices: Notices,
    on_change: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let id = d.row.id.clone();
    let stopped = d.row.state == "stopped";
    let protection = d.termination_protection;
    let toggle_id = id.clone();
    let toggle = move |_| {
        let id = toggle_id.clone();
        spawn_local(async move {
            match set_termination_protection(region.get_untracked(), id.clone(), !protection).await {
                Ok(on) => {
                    notices.push(Notice::ok(if on {
                        crate::tr!(instances.protection_on_notice, id = id)
                    } else {
                        crate::tr!(instances.protection_off_notice, id = id)
                    }));
                    on_change();
                }
                Err(e) => notices.report(crate::tr!(instances.termination_protection), Err(e)),
            }
        });
    };
    let type_change = (writable && stopped).then(|| view! { <TypeChanger id=id.clone() current=d.row.instance_type.clone() region notices on_change/> });
    let row = d.row.clone();
    view! {
        <dl class="details-grid">
            <dt>{crate::tr!(instances.col_id)}</dt><dd><Copyable value=Some(row.id.clone()) label=crate::tr!(instances.copy_instance_id)/></dd>
            <dt>{crate::tr!(instances.col_state)}</dt><dd><StatusIndicator state=row.state.clone()/></dd>
            <dt>"AMI"</dt><dd><Copyable value=row.image_id.clone() label="AMI ID"/></dd>
            <dt>{crate::tr!(instances.instance_type)}</dt><dd data-testid="details-type">{row.instance_type.clone()}</dd>
            <dt>{crate::tr!(instances.col_launch_time)}</dt><dd><crate::time::Time iso=row.launch_time.clone().unwrap_or_default()/></dd>
            <dt>{crate::tr!(instances.platform)}</dt><dd>{d.platform.clone()}</dd>
            <dt>{crate::tr!(instances.architecture)}</dt><dd>{d.architecture.clone()}</dd>
            <dt>{crate::tr!(instances.lifecycle)}</dt><dd>{d.lifecycle.clone()}</dd>
            <dt>{crate::tr!(instances.key_pair)}</dt><dd>{or_dash(row.key_name.clone())}</dd>
            <dt>"IMDS"</dt><dd>{if d.imds_tokens == "required" {
                crate::tr!(instances.imds_v2_only, endpoint = d.imds_endpoint, tokens = d.imds_tokens)
            } else {
                crate::tr!(instances.imds_v1_allowed, endpoint = d.imds_endpoint, tokens = d.imds_tokens)
            }}{d.imds_hop_limit.map(|h| format!("; {}", crate::tr!(instances.hop_limit, limit = h)))}</dd>
            <dt>{crate::tr!(instances.hibernation)}</dt><dd>{if row.hibernation {
                crate::tr!(instances.enabled)
            } else {
                crate::tr!(instances.not_enabled)
            }}</dd>
            <dt>{crate::tr!(instances.termination_protection)}</dt>
            <dd data-testid="termination-protection">
                {if protection { crate::tr!(instances.protection_on) } else { crate::tr!(instances.protection_off) }}" "
                {writable.then(|| view! {
                    <button type="button" on:click=toggle>{if protection {
                        crate::tr!(instances.turn_off)
                    } else {
                        crate::tr!(instances.turn_on)
                    }}</button>
                })}
            </dd>
        </dl>
        <h3>{crate::tr!(instances.instance_type)}</h3>
        {match type_change {
            Some(v) => v.into_any(),
            None if !writable => view! { <p class="hint">{crate::tr!(instances.type_read_only)}</p> }.into_any(),
            None => view! { <p class="hint">{crate::tr!(instances.type_stop_first)}</p> }.into_any(),
        }}
        <TextOnDemand id=id.clone() region kind=TextKind::UserData/>
        <TextOnDemand id region kind=TextKind::SystemLog/>
    }
}

/// The type picker for a stopped instance, filled from `DescribeInstanceTypes`.
#[component]
fn TypeChanger(
    id: String,
    current: String,
    region: Signal<Option<String>>,
    notices: Notices,
    on_change: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let types = crate::wire::load(move || region.get(), crate::instance_types::list_instance_types);
    let chosen = RwSignal::new(current.clone());
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let id = id.clone();
        busy.set(true);
        spawn_local(async move {
            match change_instance_type(region.get_untracked(), id.clone(), chosen.get_untracked()).await {
                Ok(t) => {
                    notices.push(Notice::ok(crate::tr!(
                        instances.type_changed,
                        id = id,
                        new_type = t
                    )));
                    on_change();
                }
                Err(e) => notices.report(crate::tr!(instances.change_type_attempt), Err(e)),
            }
            busy.set(false);
        });
    };
    view! {
        <form class="inline-form" on:submit=submit>
            <label for="new-type">{crate::tr!(instances.new_type)}</label>
            <Transition fallback=|| view! { <select id="new-type" disabled=true><option>{crate::tr!(instances.loading_types)}</option></select> }>
                {move || Suspend::new(async move {
                    match types.await {
                        Ok(types) => view! {
                            <select id="new-type" on:change=move |ev| chosen.set(event_target_value(&ev))
                                prop:value=move || chosen.get()>
                                {types.into_iter().map(|t| {
                                    let memory = t.memory_mib as f64 / 1024.0;
                                    let label = match &t.instance_store {
                                        Some(s) => crate::tr!(instances.type_option_store,
                                            name = t.name, vcpus = t.vcpus, memory = memory, store = s),
                                        None => crate::tr!(instances.type_option,
                                            name = t.name, vcpus = t.vcpus, memory = memory),
                                    };
                                    view! { <option value=t.name.clone()>{label}</option> }
                                }).collect_view()}
                            </select>
                        }.into_any(),
                        Err(error) => view! { <ErrorAlert error/> }.into_any(),
                    }
                })}
            </Transition>
            <button type="submit" disabled=move || busy.get() || chosen.get() == current>{crate::tr!(instances.change_type)}</button>
        </form>
    }
}

/// Which text the details tab can load on demand.
#[derive(Clone, Copy, PartialEq, Eq)]
enum TextKind {
    UserData,
    SystemLog,
}

/// A button that loads the instance's user data or system log into a `<pre>`.
#[component]
fn TextOnDemand(id: String, region: Signal<Option<String>>, kind: TextKind) -> impl IntoView {
    let (title, button) = match kind {
        TextKind::UserData => (
            crate::tr!(instances.user_data),
            crate::tr!(instances.view_user_data),
        ),
        TextKind::SystemLog => (
            crate::tr!(instances.system_log),
            crate::tr!(instances.get_system_log),
        ),
    };
    let text = RwSignal::new(None::<Result<String, AppError>>);
    let load = move |_| {
        let id = id.clone();
        spawn_local(async move {
            let result = match kind {
                TextKind::UserData => instance_user_data(region.get_untracked(), id)
                    .await
                    .map(|u| u.unwrap_or_else(|| crate::tr!(instances.no_user_data).into())),
                TextKind::SystemLog => instance_system_log(region.get_untracked(), id).await,
            };
            text.set(Some(result));
        });
    };
    view! {
        <h3>{title}</h3>
        <button type="button" on:click=load>{button}</button>
        {move || text.get().map(|r| match r {
            Ok(t) => view! { <pre class="log" tabindex="0" aria-label=title>{t}</pre> }.into_any(),
            Err(error) => view! { <ErrorAlert error/> }.into_any(),
        })}
    }
}
