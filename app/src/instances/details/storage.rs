//! The Storage tab: the root device, instance store warnings and the block devices.

use super::model::InstanceDetails;
use super::or_dash;
use leptos::prelude::*;

#[component]
pub(super) fn StorageTab(d: InstanceDetails) -> impl IntoView {
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
