//! The Networking tab: VPC, subnet, addresses, DNS names and network interfaces.

use super::model::InstanceDetails;
use super::{or_dash, Copyable};
use leptos::prelude::*;

#[component]
pub(super) fn NetworkingTab(d: InstanceDetails) -> impl IntoView {
    view! {
        <dl class="details-grid">
            <dt>"VPC"</dt><dd><Copyable value=d.row.vpc_id.clone() label="VPC ID"/></dd>
            <dt>{crate::tr!(instances.subnet)}</dt><dd><Copyable value=d.row.subnet_id.clone() label=crate::tr!(instances.copy_subnet_id)/></dd>
            <dt>{crate::tr!(instances.col_az)}</dt><dd>{d.row.availability_zone.clone()}</dd>
            <dt>{crate::tr!(instances.col_public_ip)}</dt><dd><Copyable value=d.row.public_ip.clone() label=crate::tr!(instances.copy_public_ip)/></dd>
            <dt>{crate::tr!(instances.col_private_ip)}</dt><dd><Copyable value=d.row.private_ip.clone() label=crate::tr!(instances.copy_private_ip)/></dd>
            <dt>{crate::tr!(instances.public_dns)}</dt><dd><Copyable value=d.public_dns.clone() label=crate::tr!(instances.copy_public_dns)/></dd>
            <dt>{crate::tr!(instances.private_dns)}</dt><dd><Copyable value=d.private_dns.clone() label=crate::tr!(instances.copy_private_dns)/></dd>
        </dl>
        <h3>{crate::tr!(instances.network_interfaces)}</h3>
        <table class="data-table compact">
            <thead><tr>
                <th scope="col">{crate::tr!(instances.interface)}</th>
                <th scope="col">{crate::tr!(instances.subnet)}</th>
                <th scope="col">{crate::tr!(instances.private_ips)}</th>
                <th scope="col">{crate::tr!(instances.public_ip)}</th>
                <th scope="col">"MAC"</th>
            </tr></thead>
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
