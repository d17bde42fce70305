//! The Storage tab: the root device, instance store warnings and the block devices.

use super::model::InstanceDetails;
use super::or_dash;
use leptos::prelude::*;

#[component]
pub(super) fn StorageTab(d: InstanceDetails) -> impl IntoView {
    let store = match (&d.root_device_type[..], d.type_instance_store.clone()) {
        ("instance-store", _) => Some(crate::tr!(instances.root_store_warning).to_string()),
        (_, Some(s)) => Some(crate::tr!(instances.store_warning, store = s)),
        _ => None,
    };
    view! {
        <dl class="details-grid">
            <dt>{crate::tr!(instances.root_device)}</dt><dd>{or_dash(d.root_device_name.clone())}</dd>
            <dt>{crate::tr!(instances.root_device_type)}</dt><dd>{d.root_device_type.clone()}</dd>
        </dl>
        {store.map(|s| view! { <p class="warning">{s}</p> })}
        <table class="data-table compact">
            <thead><tr>
                <th scope="col">{crate::tr!(instances.device)}</th>
                <th scope="col">{crate::tr!(instances.volume)}</th>
                <th scope="col">{crate::tr!(instances.size)}</th>
                <th scope="col">{crate::tr!(instances.col_type)}</th>
                <th scope="col">{crate::tr!(instances.delete_on_termination)}</th>
            </tr></thead>
            <tbody>
                {d.block_devices.into_iter().map(|b| view! {
                    <tr data-volume=b.volume_id.clone()>
                        <td>{b.device}</td>
                        <td><code>{b.volume_id.clone()}</code></td>
                        <td>{b.size_gib.map(|s| format!("{s} GiB")).unwrap_or_else(|| "–".into())}</td>
                        <td>{or_dash(b.volume_type)}</td>
                        <td>{if b.delete_on_termination { crate::tr!(instances.answer_yes) } else { crate::tr!(instances.answer_no) }}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}
