//! The Volumes page: volumes and snapshots with filter, sort, paging and CSV; create (blank or
//! from a snapshot), attach, detach, delete, snapshot, delete snapshot.

use super::forms::{AttachForm, CreateVolumeForm, SnapshotForm};
use super::{
    delete_snapshot, delete_volume, detach_volume, list_snapshots, list_volumes, SnapshotInfo, VolumeInfo,
};
use crate::components::confirm::Confirmation;
use crate::components::feedback::Notice;
use crate::components::resource::{
    action_bar, list_view, ListSpec, PageState, ResourceList, ResourcePage, RowAction,
};
use crate::components::table::{or_empty, Column};
use crate::monitoring::{MetricsView, Subject};
use leptos::prelude::*;
use std::sync::Arc;

/// The volume list's columns.
pub fn columns() -> Vec<Column<VolumeInfo>> {
    vec![
        Column::text("name", "Name", |v| or_empty(&v.name)),
        Column::link("id", "Volume ID", |v| v.id.clone(), "id"),
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

/// The volume list as the kit shows it.
static VOLUMES: ListSpec<VolumeInfo> = ListSpec::new("Volumes", columns, |v| v.id.clone())
    .texts("Loading volumes…", "volume(s)", "volume", "volumes")
    .chosen(|v| format!("Volume {}", v.id))
    .opened_by("id")
    .regional(|v| v.region.clone());

/// The snapshot list (a second table on the page, with its own URL parameters).
static SNAPSHOTS: ListSpec<SnapshotInfo> = ListSpec::new("Snapshots", snapshot_columns, |s| s.id.clone())
    .texts("Loading snapshots…", "", "snapshot", "snapshots")
    .chosen(|s| format!("Snapshot {}", s.id))
    .unfiltered()
    .prefixed("snap_")
    .regional(|s| s.region.clone());

/// Which inline form is open.
#[derive(Clone, PartialEq, Eq)]
enum Panel {
    Create(Option<SnapshotInfo>),
    Attach(VolumeInfo),
    Snapshot(VolumeInfo),
}

/// How notices name a volume.
fn volume_id(v: &VolumeInfo) -> String {
    v.id.clone()
}

/// The actions on the chosen volume; some open a form in `panel`.
fn volume_actions(panel: RwSignal<Option<Panel>>) -> Vec<RowAction<VolumeInfo>> {
    vec![
        RowAction::open("Attach", move |v| panel.set(Some(Panel::Attach(v)))).when(|v| v.instance_id.is_none()),
        RowAction::call("Detach", "Detached", volume_id, |region, v| detach_volume(region, v.id))
        .when(|v| v.instance_id.is_some())
        .confirm(|v| Confirmation::new(format!("Detach {}?", v.id), "Detach", vec![
                format!(
                    "{} is detached from {} ({}).",
                    v.id,
                    or_empty(&v.instance_id),
                    or_empty(&v.device)
                ),
                "Unmount it in the operating system first, or data being written may be lost.".into(),
            ])),
        RowAction::call("Delete", "Deleted", volume_id, |region, v| delete_volume(region, v.id))
        .confirm(|v| Confirmation::new(format!("Delete {}?", v.id), "Delete", vec![
                format!(
                    "{} ({} GiB {}) and all its data are deleted for good.",
                    v.id, v.size_gib, v.volume_type
                ),
                match &v.instance_id {
                    Some(i) => {
                        format!("It is attached to {i}: the console refuses to delete it until you detach it.")
                    }
                    None => "It is not attached to any instance.".into(),
                },
            ]).typed("delete"))
        .forgets_row(),
        RowAction::open("Create snapshot", move |v| panel.set(Some(Panel::Snapshot(v)))),
    ]
}

/// The actions on the chosen snapshot.
fn snapshot_actions(panel: RwSignal<Option<Panel>>) -> Vec<RowAction<SnapshotInfo>> {
    vec![
        RowAction::open("Create volume from snapshot", move |s| {
            panel.set(Some(Panel::Create(Some(s))))
        }),
        RowAction::call(
            "Delete snapshot",
            "Deleted",
            |s: &SnapshotInfo| s.id.clone(),
            |region, s| delete_snapshot(region, s.id),
        )
        .confirm(|s| {
            Confirmation::new(
                format!("Delete {}?", s.id),
                "Delete",
                vec![format!(
                    "{} is deleted; volumes made from it are not affected.",
                    s.id
                )],
            )
            .typed("delete")
        }),
    ]
}

/// The Volumes page.
#[component]
pub fn VolumesPage() -> impl IntoView {
    let page = PageState::new();
    let volumes = ResourceList::load_across(page, &VOLUMES, list_volumes);
    let snapshots = ResourceList::load_across(page, &SNAPSHOTS, list_snapshots);
    let panel = RwSignal::new(None::<Panel>);
    let done = Callback::new(move |message: Option<String>| {
        if let Some(m) = message {
            page.notices.push(Notice::ok(m));
        }
        panel.set(None);
        page.refresh();
    });
    view! {
        <ResourcePage list=volumes title="Volumes" path="/volumes" filter_label="Filter volumes"
            placeholder="ID, name, type, state, AZ, instance" toolbar_label="Volume actions"
            actions=volume_actions(panel)
            tools=move || view! {
                <button type="button" class="primary" on:click=move |_| panel.set(Some(Panel::Create(None)))
                    disabled=move || !page.writable.get()>"Create volume"</button>
            }
            panel=move || move || panel.get().map(|p| match p {
                Panel::Create(from) => view! { <CreateVolumeForm from done/> }.into_any(),
                Panel::Attach(v) => view! { <AttachForm volume=v done/> }.into_any(),
                Panel::Snapshot(v) => view! { <SnapshotForm volume=v done/> }.into_any(),
            })
            details=Arc::new(details)
            footer=move || view! {
                <section class="snapshots" aria-labelledby="snapshots-h">
                    <h2 id="snapshots-h">"Snapshots (owned by me)"</h2>
                    {action_bar(snapshots, "Snapshot actions", snapshot_actions(panel), None, true)}
                    {list_view(snapshots, None, None)}
                </section>
            }/>
    }
}

/// The details panel of a volume.
fn details(v: VolumeInfo) -> AnyView {
    view! {
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
        <h3>"Monitoring"</h3>
        <MetricsView subject=Subject::Volume(v.id.clone()) region=crate::region::use_region_param()/>
    }
    .into_any()
}
