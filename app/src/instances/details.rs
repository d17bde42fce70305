//! The details panel: one instance's configuration in tabs, with its per-instance actions
//! (type change, termination protection, tags, user data, system log).

use super::{
    change_instance_type, describe_instance, instance_system_log, instance_user_data,
    set_termination_protection, update_instance_tags, InstanceRow,
};
use crate::components::copy::CopyButton;
use crate::components::feedback::{ErrorAlert, Loading, Notice, Notices};
use crate::components::status::StatusIndicator;
use crate::components::table::with_param;
use crate::error::AppError;
use crate::tags::Tag;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use serde::{Deserialize, Serialize};

/// An instance's two status checks, as AWS names their results (`ok`, `impaired`, `initializing`, …).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusChecks {
    /// The system (host) check.
    pub system: String,
    /// The instance (guest) check.
    pub instance: String,
}

impl StatusChecks {
    /// The list column's words: `2/2 checks passed`, `Initializing`, `1/2 checks passed`.
    pub fn summary(&self) -> String {
        let checks = [&self.system, &self.instance];
        if checks.iter().any(|c| *c == "initializing") {
            return "Initializing".into();
        }
        let passed = checks.iter().filter(|c| **c == "ok").count();
        format!("{passed}/2 checks passed")
    }
}

/// One security group rule in words.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rule {
    /// `tcp`, `udp`, `icmp` or `all`.
    pub protocol: String,
    /// A port, a range (`1024–2048`) or `all`.
    pub ports: String,
    /// CIDRs, groups and prefix lists the rule names.
    pub sources: Vec<String>,
}

/// A security group with its rules.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupRules {
    /// Group ID.
    pub id: String,
    /// Group name.
    pub name: String,
    /// Inbound rules.
    pub inbound: Vec<Rule>,
    /// Outbound rules.
    pub outbound: Vec<Rule>,
}

/// A network interface attached to the instance.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Interface {
    /// ENI ID.
    pub id: String,
    /// Its subnet.
    pub subnet_id: String,
    /// Its private IPv4 addresses.
    pub private_ips: Vec<String>,
    /// Its public IPv4 address, if any.
    pub public_ip: Option<String>,
    /// MAC address.
    pub mac: String,
}

/// A block device mapping with its volume's size and type.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlockDevice {
    /// Device name (`/dev/xvda`).
    pub device: String,
    /// EBS volume ID.
    pub volume_id: String,
    /// Size in GiB.
    pub size_gib: Option<i32>,
    /// Volume type (`gp3`, …).
    pub volume_type: Option<String>,
    /// Whether the volume is deleted with the instance.
    pub delete_on_termination: bool,
}

/// Everything the details panel shows.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstanceDetails {
    /// The list row (ID, name, state, type, addresses, tags…).
    pub row: InstanceRow,
    /// Platform details (`Linux/UNIX`, `Windows`).
    pub platform: String,
    /// `x86_64`, `arm64`.
    pub architecture: String,
    /// `normal (on-demand)`, `spot`, `scheduled`.
    pub lifecycle: String,
    /// IMDS token requirement: `required` (IMDSv2) or `optional`.
    pub imds_tokens: String,
    /// IMDS PUT response hop limit.
    pub imds_hop_limit: Option<i32>,
    /// IMDS endpoint: `enabled` or `disabled`.
    pub imds_endpoint: String,
    /// Whether `disableApiTermination` is on.
    pub termination_protection: bool,
    /// Status checks; `None` when the instance is not running.
    pub status: Option<StatusChecks>,
    /// Security groups with their rules.
    pub security_groups: Vec<GroupRules>,
    /// IAM instance profile ARN.
    pub iam_profile: Option<String>,
    /// Public DNS name.
    pub public_dns: Option<String>,
    /// Private DNS name.
    pub private_dns: Option<String>,
    /// Network interfaces.
    pub interfaces: Vec<Interface>,
    /// Root device name.
    pub root_device_name: Option<String>,
    /// `ebs` or `instance-store`.
    pub root_device_type: String,
    /// Block devices.
    pub block_devices: Vec<BlockDevice>,
    /// The instance type's instance store, if it has one.
    pub type_instance_store: Option<String>,
}

/// The panel's tabs.
const TABS: [(&str, &str); 6] = [
    ("details", "Details"),
    ("status", "Status checks"),
    ("security", "Security"),
    ("networking", "Networking"),
    ("storage", "Storage"),
    ("tags", "Tags"),
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
    let details = Resource::new(
        move || (region.get(), id.get(), refresh.get()),
        |(region, id, _)| describe_instance(region, id),
    );
    let tab = RwSignal::new("details");
    let bump = move || {
        refresh.update(|n| *n += 1);
        changed.update(|n| *n += 1);
    };
    let tabs = TABS
        .iter()
        .map(|&(key, label)| {
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
                <h2 id="details-heading">{move || format!("Instance {}", id.get())}</h2>
                <A href=move || with_param("id", None) attr:class="close-link">"Close details"</A>
            </header>
            <div role="tablist" aria-label="Instance details">{tabs}</div>
            <div role="tabpanel" id="details-tabpanel" aria-labelledby=move || format!("tab-{}", tab.get())>
                <Transition fallback=|| view! { <Loading label="Loading details…"/> }>
                    {move || Suspend::new(async move {
                        match details.await {
                            Ok(d) => {
                                let d = StoredValue::new(d);
                                (move || {
                                    let tab = tab.get();
                                    untrack(move || match tab {
                                    "status" => view! { <StatusTab d=d.get_value()/> }.into_any(),
                                    "security" => view! { <SecurityTab d=d.get_value()/> }.into_any(),
                                    "networking" => view! { <NetworkingTab d=d.get_value()/> }.into_any(),
                                    "storage" => view! { <StorageTab d=d.get_value()/> }.into_any(),
                                    "tags" => view! { <TagsTab d=d.get_value() region writable notices on_change=bump/> }.into_any(),
                                    _ => view! { <DetailsTab d=d.get_value() region writable notices on_change=bump/> }.into_any(),
                                    })
                                }).into_any()
                            }
                            Err(error) => view! { <ErrorAlert error/> }.into_any(),
                        }
                    })}
                </Transition>
            </div>
        </section>
    }
}

/// Shows an action's failure as a notice.
fn report(notices: Notices, what: &str, error: AppError) {
    notices.push(Notice::error(
        format!("{what}: {}", error.title()),
        error.to_string(),
    ));
}

#[component]
fn DetailsTab(
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
                Err(e) => report(notices, "Termination protection", e),
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
                Err(e) => report(notices, "Change instance type", e),
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

#[component]
fn StatusTab(d: InstanceDetails) -> impl IntoView {
    match d.status {
        Some(s) => view! {
            <dl class="details-grid">
                <dt>"System status check"</dt><dd><StatusIndicator state=s.system.clone()/></dd>
                <dt>"Instance status check"</dt><dd><StatusIndicator state=s.instance.clone()/></dd>
                <dt>"Summary"</dt><dd>{s.summary()}</dd>
            </dl>
        }
        .into_any(),
        None => view! { <p class="hint">{format!("Status checks run only while the instance is running (it is {}).", d.row.state)}</p> }.into_any(),
    }
}

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
fn SecurityTab(d: InstanceDetails) -> impl IntoView {
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

#[component]
fn NetworkingTab(d: InstanceDetails) -> impl IntoView {
    view! {
        <dl class="details-grid">
            <dt>"VPC"</dt><dd><Copyable value=d.row.vpc_id.clone() label="VPC ID"/></dd>
            <dt>"Subnet"</dt><dd><Copyable value=d.row.subnet_id.clone() label="subnet ID"/></dd>
            <dt>"Availability Zone"</dt><dd>{d.row.availability_zone.clone()}</dd>
            <dt>"Public IPv4"</dt><dd><Copyable value=d.row.public_ip.clone() label="public IPv4 address"/></dd>
            <dt>"Private IPv4"</dt><dd><Copyable value=d.row.private_ip.clone() label="private IPv4 address"/></dd>
            <dt>"Public DNS"</dt><dd><Copyable value=d.public_dns.clone() label="public DNS name"/></dd>
            <dt>"Private DNS"</dt><dd><Copyable value=d.private_dns.clone() label="private DNS name"/></dd>
        </dl>
        <h3>"Network interfaces"</h3>
        <table class="data-table compact">
            <thead><tr><th scope="col">"Interface"</th><th scope="col">"Subnet"</th><th scope="col">"Private IPs"</th><th scope="col">"Public IP"</th><th scope="col">"MAC"</th></tr></thead>
            <tbody>
                {d.interfaces.into_iter().map(|n| view! {
                    <tr>
                        <td><code>{n.id}</code></td>
                        <td>{n.subnet_id}</td>
                        <td>{n.private_ips.join(", ")}</td>
                        <td>{or_dash(n.public_ip)}</td>
                        <td>{n.mac}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn StorageTab(d: InstanceDetails) -> impl IntoView {
    let store = match (&d.root_device_type[..], d.type_instance_store.clone()) {
        ("instance-store", _) => Some(
            "The root device is instance store: its data is lost when the instance stops or terminates."
                .to_string(),
        ),
        (_, Some(s)) => Some(format!(
            "Instance store: {s}. Its data is lost when the instance stops or terminates."
        )),
        _ => None,
    };
    view! {
        <dl class="details-grid">
            <dt>"Root device"</dt><dd>{or_dash(d.root_device_name.clone())}</dd>
            <dt>"Root device type"</dt><dd>{d.root_device_type.clone()}</dd>
        </dl>
        {store.map(|s| view! { <p class="warning">{s}</p> })}
        <table class="data-table compact">
            <thead><tr><th scope="col">"Device"</th><th scope="col">"Volume"</th><th scope="col">"Size"</th><th scope="col">"Type"</th><th scope="col">"Delete on termination"</th></tr></thead>
            <tbody>
                {d.block_devices.into_iter().map(|b| view! {
                    <tr data-volume=b.volume_id.clone()>
                        <td>{b.device}</td>
                        <td><code>{b.volume_id.clone()}</code></td>
                        <td>{b.size_gib.map(|s| format!("{s} GiB")).unwrap_or_else(|| "–".into())}</td>
                        <td>{or_dash(b.volume_type)}</td>
                        <td>{if b.delete_on_termination { "Yes" } else { "No" }}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// One editable tag row: the key as it was (`None` for a new tag), the edited key and value, and removal.
#[derive(Clone)]
struct TagDraft {
    original: Option<String>,
    key: RwSignal<String>,
    value: RwSignal<String>,
    removed: RwSignal<bool>,
}

/// The tags to set and the keys to remove to go from `before` to the drafts.
fn tag_edit(
    before: &[(String, String)],
    drafts: &[(Option<String>, String, String, bool)],
) -> (Vec<Tag>, Vec<String>) {
    let mut set = Vec::new();
    let mut remove = Vec::new();
    for (original, key, value, removed) in drafts {
        let key = key.trim().to_string();
        match original {
            Some(orig) if *removed => remove.push(orig.clone()),
            Some(orig) => {
                if &key != orig {
                    remove.push(orig.clone());
                }
                let unchanged = &key == orig && before.iter().any(|(k, v)| k == orig && v == value);
                if !unchanged {
                    set.push(Tag {
                        key,
                        value: value.clone(),
                    });
                }
            }
            None if *removed || (key.is_empty() && value.is_empty()) => {}
            None => set.push(Tag {
                key,
                value: value.clone(),
            }),
        }
    }
    (set, remove)
}

#[component]
fn TagsTab(
    d: InstanceDetails,
    region: Signal<Option<String>>,
    writable: bool,
    notices: Notices,
    on_change: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let before = d.row.tags.clone();
    let drafts = RwSignal::new(
        before
            .iter()
            .map(|(k, v)| TagDraft {
                original: Some(k.clone()),
                key: RwSignal::new(k.clone()),
                value: RwSignal::new(v.clone()),
                removed: RwSignal::new(false),
            })
            .collect::<Vec<_>>(),
    );
    let error = RwSignal::new(None::<AppError>);
    let id = d.row.id.clone();
    let add = move |_| {
        drafts.update(|d| {
            d.push(TagDraft {
                original: None,
                key: RwSignal::new(String::new()),
                value: RwSignal::new(String::new()),
                removed: RwSignal::new(false),
            })
        })
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let snapshot: Vec<_> = drafts
            .get_untracked()
            .iter()
            .map(|d| {
                (
                    d.original.clone(),
                    d.key.get_untracked(),
                    d.value.get_untracked(),
                    d.removed.get_untracked(),
                )
            })
            .collect();
        let (set, remove) = tag_edit(&before, &snapshot);
        let id = id.clone();
        spawn_local(async move {
            match update_instance_tags(region.get_untracked(), id.clone(), set, remove).await {
                Ok(tags) => {
                    error.set(None);
                    notices.push(Notice::ok(format!("Saved {} tags on {id}", tags.len())));
                    on_change();
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <form class="tag-editor" on:submit=save>
            {move || error.get().map(|error| view! { <ErrorAlert error/> })}
            <table class="data-table compact">
                <thead><tr><th scope="col">"Key"</th><th scope="col">"Value"</th><th scope="col">"Remove"</th></tr></thead>
                <tbody>
                    <For each=move || drafts.get().into_iter().enumerate() key=|(i, _)| *i let:item>
                        {
                            let (i, d) = item;
                            view! {
                                <tr data-tag-row=i>
                                    <td>
                                        <label class="visually-hidden" for=format!("tag-key-{i}")>{format!("Key of tag {}", i + 1)}</label>
                                        <input id=format!("tag-key-{i}") prop:value=move || d.key.get() disabled=!writable
                                            on:input=move |ev| d.key.set(event_target_value(&ev))/>
                                    </td>
                                    <td>
                                        <label class="visually-hidden" for=format!("tag-value-{i}")>{format!("Value of tag {}", i + 1)}</label>
                                        <input id=format!("tag-value-{i}") prop:value=move || d.value.get() disabled=!writable
                                            on:input=move |ev| d.value.set(event_target_value(&ev))/>
                                    </td>
                                    <td>
                                        <label class="visually-hidden" for=format!("tag-remove-{i}")>{format!("Remove tag {}", i + 1)}</label>
                                        <input type="checkbox" id=format!("tag-remove-{i}") disabled=!writable
                                            prop:checked=move || d.removed.get()
                                            on:change=move |ev| d.removed.set(event_target_checked(&ev))/>
                                    </td>
                                </tr>
                            }
                        }
                    </For>
                </tbody>
            </table>
            {writable.then(|| view! {
                <p class="button-row">
                    <button type="button" on:click=add>"Add tag"</button>
                    <button type="submit" class="primary">"Save tags"</button>
                </p>
            })}
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn before() -> Vec<(String, String)> {
        vec![("Name".into(), "web".into()), ("Env".into(), "dev".into())]
    }

    #[test]
    fn tag_edits_send_only_changes() {
        let drafts = vec![
            (
                Some("Name".to_string()),
                "Name".to_string(),
                "web".to_string(),
                false,
            ),
            (
                Some("Env".to_string()),
                "Env".to_string(),
                "prod".to_string(),
                false,
            ),
            (None, "Team".to_string(), "data".to_string(), false),
            (None, String::new(), String::new(), false),
        ];
        let (set, remove) = tag_edit(&before(), &drafts);
        assert_eq!(
            set,
            vec![
                Tag {
                    key: "Env".into(),
                    value: "prod".into()
                },
                Tag {
                    key: "Team".into(),
                    value: "data".into()
                }
            ]
        );
        assert!(remove.is_empty());
    }

    #[test]
    fn renames_and_removals() {
        let drafts = vec![
            (
                Some("Name".to_string()),
                "Name".to_string(),
                "web".to_string(),
                true,
            ),
            (
                Some("Env".to_string()),
                "Stage".to_string(),
                "dev".to_string(),
                false,
            ),
        ];
        let (set, remove) = tag_edit(&before(), &drafts);
        assert_eq!(
            set,
            vec![Tag {
                key: "Stage".into(),
                value: "dev".into()
            }]
        );
        assert_eq!(remove, vec!["Name".to_string(), "Env".to_string()]);
    }

    #[test]
    fn status_summaries() {
        let s = |a: &str, b: &str| {
            StatusChecks {
                system: a.into(),
                instance: b.into(),
            }
            .summary()
        };
        assert_eq!(s("ok", "ok"), "2/2 checks passed");
        assert_eq!(s("ok", "impaired"), "1/2 checks passed");
        assert_eq!(s("initializing", "ok"), "Initializing");
    }
}
