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
        Column::text("name", crate::label!(volumes.col_name), |v| or_empty(&v.name)),
        Column::link("id", crate::label!(volumes.col_volume_id), |v| v.id.clone(), "id"),
        Column::number("size", crate::label!(volumes.col_size), |v| {
            v.size_gib.to_string()
        }),
        Column::text("type", crate::label!(volumes.col_type), |v| v.volume_type.clone()),
        Column::number("iops", crate::label!(volumes.col_iops), |v| {
            v.iops.map(|i| i.to_string()).unwrap_or_default()
        }),
        Column::text("state", crate::label!(volumes.col_state), |v| v.state.clone()),
        Column::text("az", crate::label!(volumes.col_az), |v| {
            v.availability_zone.clone()
        }),
        Column::text("instance", crate::label!(volumes.col_attached_to), |v| {
            or_empty(&v.instance_id)
        }),
        Column::text("device", crate::label!(volumes.col_device), |v| {
            or_empty(&v.device)
        }),
        Column::text("encrypted", crate::label!(volumes.col_encrypted), |v| {
            // CSV data too: the values stay English.
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
        Column::text("id", crate::label!(volumes.col_snapshot_id), |s| s.id.clone()),
        Column::text("volume", crate::label!(volumes.col_volume), |s| {
            s.volume_id.clone()
        }),
        Column::number("size", crate::label!(volumes.col_size), |s| {
            s.size_gib.to_string()
        }),
        Column::text("state", crate::label!(volumes.col_state), |s| s.state.clone()),
        Column::text("description", crate::label!(volumes.col_description), |s| {
            s.description.clone()
        }),
        Column::time("started", crate::label!(volumes.col_started), |s| {
            or_empty(&s.started)
        }),
    ]
}

/// The volume list as the kit shows it.
static VOLUMES: ListSpec<VolumeInfo> =
    ListSpec::new(crate::label!(volumes.caption), columns, |v| v.id.clone())
        .texts(
            crate::label!(volumes.loading),
            Some(crate::label!(volumes.count)),
            "volume",
            "volumes",
        )
        .chosen(|v| crate::tr!(volumes.volume_label, id = v.id))
        .opened_by("id")
        .regional(|v| v.region.clone());

/// The snapshot list (a second table on the page, with its own URL parameters).
static SNAPSHOTS: ListSpec<SnapshotInfo> =
    ListSpec::new(crate::label!(volumes.snapshots_caption), snapshot_columns, |s| {
        s.id.clone()
    })
    .texts(
        crate::label!(volumes.snapshots_loading),
        None,
        "snapshot",
        "snapshots",
    )
    .chosen(|s| crate::tr!(volumes.snapshot_label, id = s.id))
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
        RowAction::open(crate::tr!(volumes.attach), move |v| {
            panel.set(Some(Panel::Attach(v)))
        })
        .when(|v| v.instance_id.is_none()),
        RowAction::call(
            crate::tr!(volumes.detach),
            crate::tr!(volumes.detached),
            volume_id,
            |region, v| detach_volume(region, v.id),
        )
        .when(|v| v.instance_id.is_some())
        .confirm(|v| {
            Confirmation::new(
                crate::tr!(volumes.detach_title, id = v.id),
                crate::tr!(volumes.detach),
                vec![
                    crate::tr!(
                        volumes.detach_line,
                        id = v.id,
                        instance = or_empty(&v.instance_id),
                        device = or_empty(&v.device),
                    ),
                    crate::tr!(volumes.detach_unmount).into(),
                ],
            )
        }),
        RowAction::call(
            crate::tr!(volumes.delete),
            crate::tr!(volumes.deleted),
            volume_id,
            |region, v| delete_volume(region, v.id),
        )
        .confirm(|v| {
            Confirmation::new(
                crate::tr!(volumes.delete_title, id = v.id),
                crate::tr!(volumes.delete),
                vec![
                    crate::tr!(
                        volumes.delete_line,
                        id = v.id,
                        size = v.size_gib,
                        kind = v.volume_type
                    ),
                    match &v.instance_id {
                        Some(i) => crate::tr!(volumes.delete_line_attached, instance = i),
                        None => crate::tr!(volumes.delete_line_unattached).into(),
                    },
                ],
            )
            .typed("delete")
        })
        .forgets_row(),
        RowAction::open(crate::tr!(volumes.create_snapshot), move |v| {
            panel.set(Some(Panel::Snapshot(v)))
        }),
    ]
}

/// The actions on the chosen snapshot.
fn snapshot_actions(panel: RwSignal<Option<Panel>>) -> Vec<RowAction<SnapshotInfo>> {
    vec![
        RowAction::open(crate::tr!(volumes.create_from_snapshot), move |s| {
            panel.set(Some(Panel::Create(Some(s))))
        }),
        RowAction::call(
            crate::tr!(volumes.delete_snapshot),
            crate::tr!(volumes.deleted),
            |s: &SnapshotInfo| s.id.clone(),
            |region, s| delete_snapshot(region, s.id),
        )
        .confirm(|s| {
            Confirmation::new(
                crate::tr!(volumes.delete_title, id = s.id),
                crate::tr!(volumes.delete),
                vec![crate::tr!(volumes.delete_snapshot_line, id = s.id)],
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
        <ResourcePage list=volumes title=crate::tr!(volumes.title) path="/volumes" filter_label=crate::tr!(volumes.filter_label)
            placeholder=crate::tr!(volumes.filter_placeholder) toolbar_label=crate::tr!(volumes.toolbar_label)
            actions=volume_actions(panel)
            tools=move || view! {
                <button type="button" class="primary" on:click=move |_| panel.set(Some(Panel::Create(None)))
                    disabled=move || !page.writable.get()>{crate::tr!(volumes.create_volume)}</button>
            }
            panel=move || move || panel.get().map(|p| match p {
                Panel::Create(from) => view! { <CreateVolumeForm from done/> }.into_any(),
                Panel::Attach(v) => view! { <AttachForm volume=v done/> }.into_any(),
                Panel::Snapshot(v) => view! { <SnapshotForm volume=v done/> }.into_any(),
            })
            details=Arc::new(details)
            footer=move || view! {
                <section class="snapshots" aria-labelledby="snapshots-h">
                    <h2 id="snapshots-h">{crate::tr!(volumes.snapshots_heading)}</h2>
                    {action_bar(snapshots, crate::tr!(volumes.snapshot_toolbar_label), snapshot_actions(panel), None, true)}
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
            <dt>{crate::tr!(volumes.col_state)}</dt><dd>{v.state.clone()}</dd>
            <dt>{crate::tr!(volumes.size_and_type)}</dt><dd>{format!("{} GiB {}", crate::number::whole(v.size_gib.max(0) as u64), v.volume_type)}</dd>
            <dt>{crate::tr!(volumes.iops_throughput)}</dt><dd>{format!("{} / {}", v.iops.map(|i| i.to_string()).unwrap_or("–".into()), v.throughput.map(|t| format!("{t} MiB/s")).unwrap_or("–".into()))}</dd>
            <dt>{crate::tr!(volumes.col_az)}</dt><dd>{v.availability_zone.clone()}</dd>
            <dt>{crate::tr!(volumes.col_attached_to)}</dt><dd>{v.instance_id.clone().map(|i| crate::tr!(volumes.attached_as, instance = i, device = or_empty(&v.device))).unwrap_or_else(|| crate::tr!(volumes.nothing).into())}</dd>
            <dt>{crate::tr!(volumes.col_encrypted)}</dt><dd>{if v.encrypted { crate::tr!(volumes.yes) } else { crate::tr!(volumes.no) }}</dd>
            <dt>{crate::tr!(volumes.from_snapshot)}</dt><dd>{or_empty(&v.snapshot_id)}</dd>
            <dt>{crate::tr!(volumes.created)}</dt><dd><crate::time::Time iso=v.created.clone().unwrap_or_default()/></dd>
        </dl>
        <h3>{crate::tr!(volumes.monitoring)}</h3>
        <MetricsView subject=Subject::Volume(v.id.clone()) region=crate::region::use_region_param()/>
    }
    .into_any()
}
