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
                    notices.push(Notice::ok(format!(
                        "Termination protection is {} for {id}",
                        if on { "on" } else { "off" }
                    )));
                    on_change();
                }
                Err(e) => notices.report("Termination protection", Err(e)),
            }
        });
    };
    let type_change = (writable && stopped).then(|| view! { <TypeChanger id=id.clone() current=d.row.instance_type.clone() region notices on_change/> });
    let row = d.row.clone();
    view! {
        <dl class="details-grid">
            <dt>"Instance ID"</dt><dd><Copyable value=Some(row.id.clone()) label="instance ID"/></dd>
            <dt>"State"</dt><dd><StatusIndicator state=row.state.clone()/></dd>
            <dt>"AMI"</dt><dd><Copyable value=row.image_id.clone() label="AMI ID"/></dd>
            <dt>"Instance type"</dt><dd data-testid="details-type">{row.instance_type.clone()}</dd>
            <dt>"Launch time"</dt><dd>{or_dash(row.launch_time.clone())}</dd>
            <dt>"Platform"</dt><dd>{d.platform.clone()}</dd>
            <dt>"Architecture"</dt><dd>{d.architecture.clone()}</dd>
            <dt>"Lifecycle"</dt><dd>{d.lifecycle.clone()}</dd>
            <dt>"Key pair"</dt><dd>{or_dash(row.key_name.clone())}</dd>
            <dt>"IMDS"</dt><dd>{format!(
                "{}; tokens {}{}",
                d.imds_endpoint,
                d.imds_tokens,
                if d.imds_tokens == "required" { " (IMDSv2 only)" } else { " (IMDSv1 allowed)" },
            )}{d.imds_hop_limit.map(|h| format!("; hop limit {h}"))}</dd>
            <dt>"Hibernation"</dt><dd>{if row.hibernation { "enabled" } else { "not enabled" }}</dd>
            <dt>"Termination protection"</dt>
            <dd data-testid="termination-protection">
                {if protection { "On" } else { "Off" }}" "
                {writable.then(|| view! {
                    <button type="button" on:click=toggle>{if protection { "Turn off" } else { "Turn on" }}</button>
                })}
            </dd>
        </dl>
        <h3>"Instance type"</h3>
        {match type_change {
            Some(v) => v.into_any(),
            None if !writable => view! { <p class="hint">"Read-only mode: the type cannot be changed."</p> }.into_any(),
            None => view! { <p class="hint">"Stop the instance to change its type."</p> }.into_any(),
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
    let types = Resource::new(move || region.get(), crate::instance_types::list_instance_types);
    let chosen = RwSignal::new(current.clone());
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let id = id.clone();
        busy.set(true);
        spawn_local(async move {
            match change_instance_type(region.get_untracked(), id.clone(), chosen.get_untracked()).await {
                Ok(t) => {
                    notices.push(Notice::ok(format!("{id} is now {t}")));
                    on_change();
                }
                Err(e) => notices.report("Change instance type", Err(e)),
            }
            busy.set(false);
        });
    };
    view! {
        <form class="inline-form" on:submit=submit>
            <label for="new-type">"New instance type"</label>
            <Transition fallback=|| view! { <select id="new-type" disabled=true><option>"Loading types…"</option></select> }>
                {move || Suspend::new(async move {
                    match types.await {
                        Ok(types) => view! {
                            <select id="new-type" on:change=move |ev| chosen.set(event_target_value(&ev))
                                prop:value=move || chosen.get()>
                                {types.into_iter().map(|t| {
                                    let label = format!("{} ({} vCPU, {} GiB{})", t.name, t.vcpus, t.memory_mib as f64 / 1024.0,
                                        t.instance_store.as_ref().map(|s| format!(", {s} instance store")).unwrap_or_default());
                                    view! { <option value=t.name.clone()>{label}</option> }
                                }).collect_view()}
                            </select>
                        }.into_any(),
                        Err(error) => view! { <ErrorAlert error/> }.into_any(),
                    }
                })}
            </Transition>
            <button type="submit" disabled=move || busy.get() || chosen.get() == current>"Change type"</button>
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
        TextKind::UserData => ("User data", "View user data"),
        TextKind::SystemLog => ("System log", "Get system log"),
    };
    let text = RwSignal::new(None::<Result<String, AppError>>);
    let load = move |_| {
        let id = id.clone();
        spawn_local(async move {
            let result = match kind {
                TextKind::UserData => instance_user_data(region.get_untracked(), id)
                    .await
                    .map(|u| u.unwrap_or_else(|| "(this instance has no user data)".into())),
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
