//! The Volumes page: volumes and snapshots with filter, sort, paging and CSV; create (blank or
//! from a snapshot), attach, detach, delete, snapshot, delete snapshot.

use super::{
    attach_volume, create_snapshot, create_volume, delete_snapshot, delete_volume, detach_volume,
    list_snapshots, list_volumes, NewVolume, SnapshotInfo, VolumeInfo,
};
use crate::auth::{is_writable, use_identity};
use crate::components::confirm::{ConfirmDialog, Confirmation};
use crate::components::feedback::{ErrorAlert, Loading, Notice, NoticeArea, Notices};
use crate::components::table::{
    download, matches_text, or_empty, to_csv, with_param, Column, DataTable, TextFilter,
};
use crate::dashboard::dashboard_zones;
use crate::error::AppError;
use crate::instances::list_instances;
use crate::launch::VOLUME_TYPES;
use crate::region::use_region_param;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;

/// The volume list's columns.
pub fn columns() -> Vec<Column<VolumeInfo>> {
    vec![
        Column::text("name", "Name", |v| or_empty(&v.name)),
        Column::custom(
            "id",
            "Volume ID",
            |v| v.id.clone(),
            |v| {
                let id = v.id.clone();
                let shown = id.clone();
                view! { <a href=move || with_param("id", Some(&id)) class="id-link"><code>{shown}</code></a> }
                    .into_any()
            },
        ),
        Column::text("size", "Size (GiB)", |v| v.size_gib.to_string()),
        Column::text("type", "Type", |v| v.volume_type.clone()),
        Column::text("iops", "IOPS", |v| {
            v.iops.map(|i| i.to_string()).unwrap_or_default()
        }),
        Column::text("state", "State", |v| v.state.clone()),
        Column::text("az", "Availability Zone", |v| v.availability_zone.clone()),
        Column::text("instance", "Attached to", |v| or_empty(&v.instance_id)),
        Column::text("device", "Device", |v| or_empty(&v.device)),
        Column::text("encrypted", "Encrypted", |v| {
            if v.encrypted {
                "yes".into()
            } else {
                "no".into()
            }
        }),
    ]
}

/// The snapshot list's columns.
pub fn snapshot_columns() -> Vec<Column<SnapshotInfo>> {
    vec![
        Column::text("id", "Snapshot ID", |s| s.id.clone()),
        Column::text("volume", "Volume", |s| s.volume_id.clone()),
        Column::text("size", "Size (GiB)", |s| s.size_gib.to_string()),
        Column::text("state", "State", |s| s.state.clone()),
        Column::text("description", "Description", |s| s.description.clone()),
        Column::text("started", "Started", |s| or_empty(&s.started)),
    ]
}

/// Whether `volume` matches the free-text filter (any column, any case).
pub fn matches(volume: &VolumeInfo, text: &str) -> bool {
    matches_text(volume, &columns(), text)
}

/// What the page asks to confirm.
#[derive(Clone, PartialEq, Eq)]
enum Pending {
    Detach(VolumeInfo),
    Delete(VolumeInfo),
    DeleteSnapshot(String),
}

/// Which inline form is open.
#[derive(Clone, PartialEq, Eq)]
enum Panel {
    Create(Option<SnapshotInfo>),
    Attach(VolumeInfo),
    Snapshot(VolumeInfo),
}

/// The Volumes page.
#[component]
pub fn VolumesPage() -> impl IntoView {
    let region = use_region_param();
    let query = use_query_map();
    let filter = Memo::new(move |_| query.read().get("q").unwrap_or_default());
    let open = Memo::new(move |_| query.read().get("id").filter(|n| !n.is_empty()));
    let identity = use_identity();
    let writable = Signal::derive(move || identity.get().is_some_and(|id| is_writable(&id)));
    let notices = Notices::new();
    let version = RwSignal::new(0u32);
    let volumes = LocalResource::new(move || {
        version.get();
        list_volumes(region.get())
    });
    let snapshots = LocalResource::new(move || {
        version.get();
        list_snapshots(region.get())
    });
    let all = Memo::new(move |_| volumes.get().and_then(Result::ok).unwrap_or_default());
    let rows = Memo::new(move |_| {
        let text = filter.get();
        all.with(|a| {
            a.iter()
                .filter(|v| matches(v, &text))
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let snapshot_rows = Memo::new(move |_| snapshots.get().and_then(Result::ok).unwrap_or_default());
    let chosen = RwSignal::new(None::<String>);
    Effect::new(move |_| chosen.set(open.get()));
    let current = Memo::new(move |_| {
        let id = chosen.get()?;
        all.with(|a| a.iter().find(|v| v.id == id).cloned())
    });
    let chosen_snapshot = RwSignal::new(None::<String>);
    let panel = RwSignal::new(None::<Panel>);
    let pending = RwSignal::new(None::<(Pending, Confirmation)>);
    let busy = RwSignal::new(false);

    let done = Callback::new(move |message: Option<String>| {
        if let Some(m) = message {
            notices.push(Notice::ok(m));
        }
        panel.set(None);
        version.update(|v| *v += 1);
    });
    let report = move |attempt: String, done: String, result: Result<(), AppError>| {
        notices.outcome(&attempt, &done, result);
        version.update(|v| *v += 1);
        busy.set(false);
    };
    let ask = move |what: Pending| {
        let request = match &what {
            Pending::Detach(v) => Confirmation {
                title: format!("Detach {}?", v.id),
                lines: vec![
                    format!(
                        "{} is detached from {} ({}).",
                        v.id,
                        or_empty(&v.instance_id),
                        or_empty(&v.device)
                    ),
                    "Unmount it in the operating system first, or data being written may be lost.".into(),
                ],
                confirm_label: "Detach".into(),
                typed_word: None,
            },
            Pending::Delete(v) => Confirmation {
                title: format!("Delete {}?", v.id),
                lines: vec![
                    format!(
                        "{} ({} GiB {}) and all its data are deleted for good.",
                        v.id, v.size_gib, v.volume_type
                    ),
                    match &v.instance_id {
                        Some(i) => format!(
                            "It is attached to {i}: the console refuses to delete it until you detach it."
                        ),
                        None => "It is not attached to any instance.".into(),
                    },
                ],
                confirm_label: "Delete".into(),
                typed_word: Some("delete".into()),
            },
            Pending::DeleteSnapshot(id) => Confirmation {
                title: format!("Delete {id}?"),
                lines: vec![format!("{id} is deleted; volumes made from it are not affected.")],
                confirm_label: "Delete".into(),
                typed_word: Some("delete".into()),
            },
        };
        pending.set(Some((what, request)));
    };
    let answer = move |yes: bool| {
        let Some((what, _)) = pending.get_untracked() else {
            return;
        };
        pending.set(None);
        if !yes {
            return;
        }
        busy.set(true);
        let region = region.get_untracked();
        spawn_local(async move {
            match what {
                Pending::Detach(v) => report(
                    format!("Detach {}", v.id),
                    format!("Detached {}", v.id),
                    detach_volume(region, v.id.clone()).await,
                ),
                Pending::Delete(v) => {
                    let r = delete_volume(region, v.id.clone()).await;
                    if r.is_ok() {
                        chosen.set(None);
                    }
                    report(format!("Delete {}", v.id), format!("Deleted {}", v.id), r)
                }
                Pending::DeleteSnapshot(id) => report(
                    format!("Delete {id}"),
                    format!("Deleted {id}"),
                    delete_snapshot(region, id.clone()).await,
                ),
            }
        });
    };
    let export = move |_| {
        let region = region.get_untracked().unwrap_or_default();
        download(
            &format!("volumes-{region}.csv"),
            "text/csv",
            &to_csv(&rows.get_untracked(), &columns()),
        );
    };
    let cannot = move || current.get().is_none() || !writable.get() || busy.get();
    let attached = move || current.with(|c| c.as_ref().is_some_and(|v| v.instance_id.is_some()));

    view! {
        <section class="page">
            <h1>"Volumes"</h1>
            <TextFilter action="/volumes" label="Filter volumes" placeholder="ID, name, type, state, AZ, instance"/>
            <NoticeArea notices/>
            <div class="toolbar" role="toolbar" aria-label="Volume actions">
                <button type="button" class="primary" on:click=move |_| panel.set(Some(Panel::Create(None))) disabled=move || !writable.get()>"Create volume"</button>
                <button type="button" on:click=move |_| panel.set(current.get_untracked().map(Panel::Attach)) disabled=move || cannot() || attached()>"Attach"</button>
                <button type="button" on:click=move |_| { if let Some(v) = current.get_untracked() { ask(Pending::Detach(v)) } } disabled=move || cannot() || !attached()>"Detach"</button>
                <button type="button" on:click=move |_| { if let Some(v) = current.get_untracked() { ask(Pending::Delete(v)) } } disabled=cannot>"Delete"</button>
                <button type="button" on:click=move |_| panel.set(current.get_untracked().map(Panel::Snapshot)) disabled=cannot>"Create snapshot"</button>
                <button type="button" on:click=move |_| version.update(|v| *v += 1)>"Refresh"</button>
                <button type="button" on:click=export>"Export CSV"</button>
                {move || (!writable.get()).then(|| view! { <span class="hint">"Read-only mode: changes are disabled."</span> })}
            </div>
            {move || panel.get().map(|p| match p {
                Panel::Create(from) => view! { <CreateVolumeForm from done/> }.into_any(),
                Panel::Attach(v) => view! { <AttachForm volume=v done/> }.into_any(),
                Panel::Snapshot(v) => view! { <SnapshotForm volume=v done/> }.into_any(),
            })}
            {move || match volumes.get() {
                None => view! { <Loading label="Loading volumes…"/> }.into_any(),
                Some(Err(error)) => view! { <ErrorAlert error retry=move || version.update(|v| *v += 1)/> }.into_any(),
                Some(Ok(_)) => view! {
                    <p class="summary" data-testid="volume-count">{move || format!("{} volume(s)", rows.with(Vec::len))}</p>
                    <DataTable rows=rows columns=columns() row_key=|v: &VolumeInfo| v.id.clone() caption="Volumes" choice=chosen/>
                }.into_any(),
            }}
            {move || current.get().map(|v| view! {
                <section class="details-panel" aria-label=format!("Volume {}", v.id) data-testid="volume-details">
                    <h2>{v.id.clone()}</h2>
                    <dl class="details-grid">
                        <dt>"State"</dt><dd>{v.state.clone()}</dd>
                        <dt>"Size and type"</dt><dd>{format!("{} GiB {}", v.size_gib, v.volume_type)}</dd>
                        <dt>"IOPS / throughput"</dt><dd>{format!("{} / {}", v.iops.map(|i| i.to_string()).unwrap_or("–".into()), v.throughput.map(|t| format!("{t} MiB/s")).unwrap_or("–".into()))}</dd>
                        <dt>"Availability Zone"</dt><dd>{v.availability_zone.clone()}</dd>
                        <dt>"Attached to"</dt><dd>{v.instance_id.clone().map(|i| format!("{i} as {}", or_empty(&v.device))).unwrap_or_else(|| "nothing".into())}</dd>
                        <dt>"Encrypted"</dt><dd>{if v.encrypted { "yes" } else { "no" }}</dd>
                        <dt>"From snapshot"</dt><dd>{or_empty(&v.snapshot_id)}</dd>
                        <dt>"Created"</dt><dd>{or_empty(&v.created)}</dd>
                    </dl>
                </section>
            })}
            <section class="snapshots" aria-labelledby="snapshots-h">
                <h2 id="snapshots-h">"Snapshots (owned by me)"</h2>
                <div class="toolbar" role="toolbar" aria-label="Snapshot actions">
                    <button type="button" disabled=move || chosen_snapshot.get().is_none() || !writable.get()
                        on:click=move |_| {
                            let id = chosen_snapshot.get_untracked();
                            let snap = snapshot_rows.with_untracked(|s| s.iter().find(|x| Some(&x.id) == id.as_ref()).cloned());
                            panel.set(Some(Panel::Create(snap)));
                        }>"Create volume from snapshot"</button>
                    <button type="button" disabled=move || chosen_snapshot.get().is_none() || !writable.get()
                        on:click=move |_| { if let Some(id) = chosen_snapshot.get_untracked() { ask(Pending::DeleteSnapshot(id)) } }>"Delete snapshot"</button>
                </div>
                {move || match snapshots.get() {
                    None => view! { <Loading label="Loading snapshots…"/> }.into_any(),
                    Some(Err(error)) => view! { <ErrorAlert error/> }.into_any(),
                    Some(Ok(_)) => view! {
                        <DataTable rows=snapshot_rows columns=snapshot_columns() row_key=|s: &SnapshotInfo| s.id.clone()
                            caption="Snapshots" choice=chosen_snapshot param_prefix="snap_"/>
                    }.into_any(),
                }}
            </section>
            {move || pending.get().map(|(_, request)| view! { <ConfirmDialog request on_answer=answer/> })}
        </section>
    }
}

/// Creates a volume, blank or from `from`.
#[component]
fn CreateVolumeForm(from: Option<SnapshotInfo>, done: Callback<Option<String>>) -> impl IntoView {
    let region = use_region_param();
    let zones = LocalResource::new(move || dashboard_zones(region.get()));
    let zone = RwSignal::new(String::new());
    let size = RwSignal::new(from.as_ref().map(|s| s.size_gib.max(1)).unwrap_or(8).to_string());
    let volume_type = RwSignal::new("gp3".to_string());
    let iops = RwSignal::new("3000".to_string());
    let throughput = RwSignal::new("125".to_string());
    let encrypted = RwSignal::new(false);
    let name = RwSignal::new(String::new());
    let error = RwSignal::new(None::<AppError>);
    let snapshot_id = from.as_ref().map(|s| s.id.clone());
    let title = match &from {
        Some(s) => format!("Create volume from {}", s.id),
        None => "Create volume".to_string(),
    };
    Effect::new(move |_| {
        if let Some(Ok(list)) = zones.get() {
            if zone.with_untracked(String::is_empty) {
                if let Some(z) = list.first() {
                    zone.set(z.name.clone());
                }
            }
        }
    });
    let number = |s: RwSignal<String>| s.with_untracked(|t| t.trim().parse::<i32>().unwrap_or(-1));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let t = volume_type.get_untracked();
        let takes_iops = matches!(t.as_str(), "gp3" | "io1" | "io2");
        let volume = NewVolume {
            availability_zone: zone.get_untracked(),
            size_gib: number(size),
            iops: takes_iops.then(|| number(iops)),
            throughput: (t == "gp3").then(|| number(throughput)),
            volume_type: t,
            encrypted: encrypted.get_untracked(),
            snapshot_id: snapshot_id.clone(),
            name: name.get_untracked(),
        };
        if let Err(e) = super::check_new(&volume) {
            error.set(Some(e));
            return;
        }
        let region = region.get_untracked();
        spawn_local(async move {
            match create_volume(region, volume).await {
                Ok(v) => done.run(Some(format!(
                    "Created {} ({} GiB {} in {})",
                    v.id, v.size_gib, v.volume_type, v.availability_zone
                ))),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <form class="inline-form" on:submit=submit aria-labelledby="create-volume-h" data-testid="create-volume-form">
            <h2 id="create-volume-h">{title}</h2>
            <div class="field">
                <label for="new-volume-name">"Name"</label>
                <input id="new-volume-name" type="text" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
            </div>
            <div class="field">
                <label for="new-volume-az">"Availability Zone"</label>
                <select id="new-volume-az" on:change=move |ev| zone.set(event_target_value(&ev))>
                    {move || zones.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|z| {
                        let n = z.name.clone();
                        view! { <option value=n.clone() selected=move || zone.get() == n>{z.name.clone()}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="new-volume-type">"Volume type"</label>
                <select id="new-volume-type" on:change=move |ev| volume_type.set(event_target_value(&ev))>
                    {VOLUME_TYPES.iter().map(|t| view! { <option value=*t selected=move || volume_type.get() == *t>{*t}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="new-volume-size">"Size (GiB)"</label>
                <input id="new-volume-size" type="text" inputmode="numeric" prop:value=move || size.get() on:input=move |ev| size.set(event_target_value(&ev))/>
            </div>
            {move || matches!(volume_type.get().as_str(), "gp3" | "io1" | "io2").then(|| view! {
                <div class="field">
                    <label for="new-volume-iops">"IOPS"</label>
                    <input id="new-volume-iops" type="text" inputmode="numeric" prop:value=move || iops.get() on:input=move |ev| iops.set(event_target_value(&ev))/>
                </div>
            })}
            {move || (volume_type.get() == "gp3").then(|| view! {
                <div class="field">
                    <label for="new-volume-throughput">"Throughput (MiB/s)"</label>
                    <input id="new-volume-throughput" type="text" inputmode="numeric" prop:value=move || throughput.get() on:input=move |ev| throughput.set(event_target_value(&ev))/>
                </div>
            })}
            <div class="field checkbox">
                <input type="checkbox" id="new-volume-encrypted" prop:checked=move || encrypted.get() on:change=move |ev| encrypted.set(event_target_checked(&ev))/>
                <label for="new-volume-encrypted">"Encrypted"</label>
            </div>
            {move || error.get().map(|error| view! { <ErrorAlert error/> })}
            <div class="button-row">
                <button type="submit" class="primary">"Create volume"</button>
                <button type="button" on:click=move |_| done.run(None)>"Cancel"</button>
            </div>
        </form>
    }
}

/// Attaches `volume` to an instance in its AZ.
#[component]
fn AttachForm(volume: VolumeInfo, done: Callback<Option<String>>) -> impl IntoView {
    let region = use_region_param();
    let instances = LocalResource::new(move || list_instances(region.get(), None));
    let instance = RwSignal::new(String::new());
    let device = RwSignal::new("/dev/sdf".to_string());
    let error = RwSignal::new(None::<AppError>);
    let volume_id = volume.id.clone();
    let zone = volume.availability_zone.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (instance_id, dev) = (instance.get_untracked(), device.get_untracked());
        if let Err(e) =
            crate::instances::actions::check_id(&instance_id).and_then(|_| super::check_device(&dev))
        {
            error.set(Some(e));
            return;
        }
        let (region, volume_id) = (region.get_untracked(), volume_id.clone());
        spawn_local(async move {
            match attach_volume(region, volume_id.clone(), instance_id.clone(), dev.clone()).await {
                Ok(()) => done.run(Some(format!("Attached {volume_id} to {instance_id} as {dev}"))),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <form class="inline-form" on:submit=submit aria-label="Attach volume" data-testid="attach-form">
            <h2>{format!("Attach {} ({})", volume.id, volume.availability_zone)}</h2>
            <div class="field">
                <label for="attach-instance">"Instance"</label>
                <select id="attach-instance" on:change=move |ev| instance.set(event_target_value(&ev))>
                    <option value="">"Choose an instance"</option>
                    {move || {
                        let zone = zone.clone();
                        instances.get().and_then(Result::ok).map(|l| l.instances).unwrap_or_default().into_iter()
                            .filter(|i| i.state != "terminated")
                            .map(|i| {
                                let other_zone = i.availability_zone != zone;
                                let label = format!("{} · {}{}", i.display_name(), i.availability_zone, if other_zone { " (other AZ)" } else { "" });
                                view! { <option value=i.id.clone()>{label}</option> }
                            })
                            .collect_view()
                    }}
                </select>
            </div>
            <p class="hint">"A volume attaches only to an instance in its own Availability Zone."</p>
            <div class="field">
                <label for="attach-device">"Device name"</label>
                <input id="attach-device" type="text" prop:value=move || device.get() on:input=move |ev| device.set(event_target_value(&ev))/>
            </div>
            {move || error.get().map(|error| view! { <ErrorAlert error/> })}
            <div class="button-row">
                <button type="submit" class="primary">"Attach volume"</button>
                <button type="button" on:click=move |_| done.run(None)>"Cancel"</button>
            </div>
        </form>
    }
}

/// Starts a snapshot of `volume`.
#[component]
fn SnapshotForm(volume: VolumeInfo, done: Callback<Option<String>>) -> impl IntoView {
    let region = use_region_param();
    let description = RwSignal::new(format!("Snapshot of {}", volume.id));
    let error = RwSignal::new(None::<AppError>);
    let volume_id = volume.id.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (region, volume_id, text) = (
            region.get_untracked(),
            volume_id.clone(),
            description.get_untracked(),
        );
        spawn_local(async move {
            match create_snapshot(region, volume_id, text).await {
                Ok(s) => done.run(Some(format!("Started {} of {}", s.id, s.volume_id))),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <form class="inline-form" on:submit=submit aria-label="Create snapshot" data-testid="snapshot-form">
            <h2>{format!("Create snapshot of {}", volume.id)}</h2>
            <div class="field">
                <label for="snapshot-description">"Description"</label>
                <input id="snapshot-description" type="text" prop:value=move || description.get() on:input=move |ev| description.set(event_target_value(&ev))/>
            </div>
            {move || error.get().map(|error| view! { <ErrorAlert error/> })}
            <div class="button-row">
                <button type="submit" class="primary">"Create snapshot"</button>
                <button type="button" on:click=move |_| done.run(None)>"Cancel"</button>
            </div>
        </form>
    }
}
