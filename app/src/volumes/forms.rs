//! The Volumes page's forms: create a volume (blank or from a snapshot), attach one, snapshot one.

use super::{attach_volume, create_snapshot, create_volume, NewVolume, SnapshotInfo, VolumeInfo};
use crate::components::feedback::ErrorAlert;
use crate::dashboard::dashboard_zones;
use crate::error::AppError;
use crate::instances::list_instances;
use crate::launch::VOLUME_TYPES;
use crate::region::use_region_param;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Creates a volume, blank or from `from`.
#[component]
pub(super) fn CreateVolumeForm(from: Option<SnapshotInfo>, done: Callback<Option<String>>) -> impl IntoView {
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
        Some(s) => crate::tr!(volumes.create_from_title, id = s.id),
        None => crate::tr!(volumes.create_volume).to_string(),
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
                Ok(v) => done.run(Some(crate::tr!(
                    volumes.created_volume,
                    id = v.id,
                    size = v.size_gib,
                    kind = v.volume_type,
                    zone = v.availability_zone,
                ))),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <form class="inline-form" on:submit=submit aria-labelledby="create-volume-h" data-testid="create-volume-form">
            <h2 id="create-volume-h">{title}</h2>
            <div class="field">
                <label for="new-volume-name">{crate::tr!(volumes.col_name)}</label>
                <input id="new-volume-name" type="text" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
            </div>
            <div class="field">
                <label for="new-volume-az">{crate::tr!(volumes.col_az)}</label>
                <select id="new-volume-az" on:change=move |ev| zone.set(event_target_value(&ev))>
                    {move || zones.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|z| {
                        let n = z.name.clone();
                        view! { <option value=n.clone() selected=move || zone.get() == n>{z.name.clone()}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="new-volume-type">{crate::tr!(volumes.volume_type)}</label>
                <select id="new-volume-type" on:change=move |ev| volume_type.set(event_target_value(&ev))>
                    {VOLUME_TYPES.iter().map(|t| view! { <option value=*t selected=move || volume_type.get() == *t>{*t}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="new-volume-size">{crate::tr!(volumes.col_size)}</label>
                <input id="new-volume-size" type="text" inputmode="numeric" prop:value=move || size.get() on:input=move |ev| size.set(event_target_value(&ev))/>
            </div>
            {move || matches!(volume_type.get().as_str(), "gp3" | "io1" | "io2").then(|| view! {
                <div class="field">
                    <label for="new-volume-iops">{crate::tr!(volumes.col_iops)}</label>
                    <input id="new-volume-iops" type="text" inputmode="numeric" prop:value=move || iops.get() on:input=move |ev| iops.set(event_target_value(&ev))/>
                </div>
            })}
            {move || (volume_type.get() == "gp3").then(|| view! {
                <div class="field">
                    <label for="new-volume-throughput">{crate::tr!(volumes.throughput)}</label>
                    <input id="new-volume-throughput" type="text" inputmode="numeric" prop:value=move || throughput.get() on:input=move |ev| throughput.set(event_target_value(&ev))/>
                </div>
            })}
            <div class="field checkbox">
                <input type="checkbox" id="new-volume-encrypted" prop:checked=move || encrypted.get() on:change=move |ev| encrypted.set(event_target_checked(&ev))/>
                <label for="new-volume-encrypted">{crate::tr!(volumes.col_encrypted)}</label>
            </div>
            {move || error.get().map(|error| view! { <ErrorAlert error/> })}
            <div class="button-row">
                <button type="submit" class="primary">{crate::tr!(volumes.create_volume)}</button>
                <button type="button" on:click=move |_| done.run(None)>{crate::tr!(volumes.cancel)}</button>
            </div>
        </form>
    }
}

/// Attaches `volume` to an instance in its AZ.
#[component]
pub(super) fn AttachForm(volume: VolumeInfo, done: Callback<Option<String>>) -> impl IntoView {
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
                Ok(()) => done.run(Some(crate::tr!(
                    volumes.attached,
                    volume = volume_id,
                    instance = instance_id,
                    device = dev,
                ))),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <form class="inline-form" on:submit=submit aria-label=crate::tr!(volumes.attach_volume) data-testid="attach-form">
            <h2>{crate::tr!(volumes.attach_title, id = volume.id, zone = volume.availability_zone)}</h2>
            <div class="field">
                <label for="attach-instance">{crate::tr!(volumes.instance)}</label>
                <select id="attach-instance" on:change=move |ev| instance.set(event_target_value(&ev))>
                    <option value="">{crate::tr!(volumes.choose_instance)}</option>
                    {move || {
                        let zone = zone.clone();
                        instances.get().and_then(Result::ok).map(|l| l.instances).unwrap_or_default().into_iter()
                            .filter(|i| i.state != "terminated")
                            .map(|i| {
                                let other_zone = i.availability_zone != zone;
                                let label = if other_zone {
                                    crate::tr!(volumes.instance_option_other_zone, name = i.display_name(), zone = i.availability_zone)
                                } else {
                                    crate::tr!(volumes.instance_option, name = i.display_name(), zone = i.availability_zone)
                                };
                                view! { <option value=i.id.clone()>{label}</option> }
                            })
                            .collect_view()
                    }}
                </select>
            </div>
            <p class="hint">{crate::tr!(volumes.attach_hint)}</p>
            <div class="field">
                <label for="attach-device">{crate::tr!(volumes.device_name)}</label>
                <input id="attach-device" type="text" prop:value=move || device.get() on:input=move |ev| device.set(event_target_value(&ev))/>
            </div>
            {move || error.get().map(|error| view! { <ErrorAlert error/> })}
            <div class="button-row">
                <button type="submit" class="primary">{crate::tr!(volumes.attach_volume)}</button>
                <button type="button" on:click=move |_| done.run(None)>{crate::tr!(volumes.cancel)}</button>
            </div>
        </form>
    }
}

/// Starts a snapshot of `volume`.
#[component]
pub(super) fn SnapshotForm(volume: VolumeInfo, done: Callback<Option<String>>) -> impl IntoView {
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
                Ok(s) => done.run(Some(crate::tr!(
                    volumes.snapshot_started,
                    snapshot = s.id,
                    volume = s.volume_id
                ))),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <form class="inline-form" on:submit=submit aria-label=crate::tr!(volumes.create_snapshot) data-testid="snapshot-form">
            <h2>{crate::tr!(volumes.snapshot_title, id = volume.id)}</h2>
            <div class="field">
                <label for="snapshot-description">{crate::tr!(volumes.col_description)}</label>
                <input id="snapshot-description" type="text" prop:value=move || description.get() on:input=move |ev| description.set(event_target_value(&ev))/>
            </div>
            {move || error.get().map(|error| view! { <ErrorAlert error/> })}
            <div class="button-row">
                <button type="submit" class="primary">{crate::tr!(volumes.create_snapshot)}</button>
                <button type="button" on:click=move |_| done.run(None)>{crate::tr!(volumes.cancel)}</button>
            </div>
        </form>
    }
}
