//! Configure storage: the root volume, added EBS volumes and the instance store note.

use super::form::{field_error, Form, SectionBox, VolumeRow};
use crate::instance_types::InstanceTypeInfo;
use crate::launch::{extra_device, Problem, Section, VolumeSpec, MAX_VOLUMES, VOLUME_TYPES};
use leptos::prelude::*;

fn number_input(id: String, label: String, value: RwSignal<String>, edited: RwSignal<bool>) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input id=id.clone() type="text" inputmode="numeric" size="7" prop:value=move || value.get()
                aria-describedby=format!("{id}-error")
                on:input=move |ev| { value.set(event_target_value(&ev)); edited.set(true); }/>
        </div>
    }
}

/// The inputs of one volume (root or added).
fn volume_fields(
    row: VolumeRow,
    prefix: String,
    edited: RwSignal<bool>,
    problems: Memo<Vec<Problem>>,
    shown: RwSignal<bool>,
) -> impl IntoView {
    let type_id = format!("{prefix}-type");
    let takes_iops = move || matches!(row.volume_type.get().as_str(), "gp3" | "io1" | "io2");
    let takes_throughput = move || row.volume_type.get() == "gp3";
    let iops_prefix = prefix.clone();
    let tp_prefix = prefix.clone();
    view! {
        <div class="volume-fields">
            {number_input(format!("{prefix}-size"), crate::tr!(launch.size_gib).into(), row.size, edited)}
            <div class="field">
                <label for=type_id.clone()>{crate::tr!(launch.volume_type)}</label>
                <select id=type_id on:change=move |ev| {
                    let t = event_target_value(&ev);
                    if t == "gp3" { row.iops.set("3000".into()); row.throughput.set("125".into()); }
                    else if matches!(t.as_str(), "io1" | "io2") { row.iops.set("3000".into()); }
                    row.volume_type.set(t);
                    edited.set(true);
                }>
                    {VOLUME_TYPES.iter().map(|t| view! { <option value=*t selected=move || row.volume_type.get() == *t>{*t}</option> }).collect_view()}
                </select>
            </div>
            {move || takes_iops().then(|| number_input(format!("{iops_prefix}-iops"), "IOPS".into(), row.iops, edited))}
            {move || takes_throughput().then(|| number_input(format!("{tp_prefix}-throughput"), crate::tr!(launch.throughput).into(), row.throughput, edited))}
            <div class="field checkbox">
                <input type="checkbox" id=format!("{prefix}-encrypted") prop:checked=move || row.encrypted.get()
                    on:change=move |ev| { row.encrypted.set(event_target_checked(&ev)); edited.set(true); }/>
                <label for=format!("{prefix}-encrypted")>{crate::tr!(launch.encrypted)}</label>
            </div>
            <div class="field checkbox">
                <input type="checkbox" id=format!("{prefix}-delete") prop:checked=move || row.delete_on_termination.get()
                    on:change=move |ev| { row.delete_on_termination.set(event_target_checked(&ev)); edited.set(true); }/>
                <label for=format!("{prefix}-delete")>{crate::tr!(launch.delete_on_termination)}</label>
            </div>
        </div>
        {field_error(problems, shown, format!("{prefix}-size"))}
        {field_error(problems, shown, format!("{prefix}-type"))}
        {field_error(problems, shown, format!("{prefix}-iops"))}
        {field_error(problems, shown, format!("{prefix}-throughput"))}
    }
}

#[component]
pub(super) fn StorageSection(
    form: Form,
    chosen_type: Memo<Option<InstanceTypeInfo>>,
    problems: Memo<Vec<Problem>>,
    attempted: RwSignal<bool>,
) -> impl IntoView {
    let add = move |_| {
        let n = form.volumes.with(Vec::len);
        if n < MAX_VOLUMES {
            form.volumes
                .update(|v| v.push(VolumeRow::new(&VolumeSpec::gp3(&extra_device(n), 8, true))));
            form.storage_edited.set(true);
        }
    };
    view! {
        <SectionBox section=Section::Storage>
            <fieldset class="volume">
                <legend>{move || crate::tr!(launch.root_volume_legend, device = form.root.device.get())}</legend>
                {volume_fields(form.root, "root".into(), form.storage_edited, problems, attempted)}
            </fieldset>
            {move || form.volumes.get().into_iter().enumerate().map(|(i, row)| view! {
                <fieldset class="volume">
                    <legend>{crate::tr!(launch.volume_legend, number = i + 1, device = row.device.get_untracked())}</legend>
                    {volume_fields(row, format!("volume-{i}"), form.storage_edited, problems, attempted)}
                    <button type="button" aria-label=crate::tr!(launch.remove_volume, number = i + 1) on:click=move |_| {
                        form.volumes.update(|v| {
                            v.retain(|r| r.id != row.id);
                            for (j, r) in v.iter().enumerate() { r.device.set(extra_device(j)); }
                        });
                        form.storage_edited.set(true);
                    }>{crate::tr!(launch.remove)}</button>
                </fieldset>
            }).collect_view()}
            <button type="button" id="add-volume" on:click=add disabled=move || form.volumes.with(Vec::len) >= MAX_VOLUMES>{crate::tr!(launch.add_volume)}</button>
            {field_error(problems, attempted, "add-volume")}
            <div class="instance-store" data-testid="instance-store">
                {move || match chosen_type.get() {
                    Some(t) => match t.instance_store {
                        Some(store) => view! {
                            <p><strong>{crate::tr!(launch.instance_store, store = store)}</strong></p>
                            <p class="warning" role="note">{crate::tr!(launch.instance_store_warning, kind = t.name)}</p>
                        }.into_any(),
                        None => view! { <p class="hint">{crate::tr!(launch.ebs_only_type, kind = t.name)}</p> }.into_any(),
                    },
                    None => ().into_any(),
                }}
            </div>
        </SectionBox>
    }
}
