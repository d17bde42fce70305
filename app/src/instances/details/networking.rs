//! The Networking tab: VPC, subnet, addresses, DNS names and network interfaces.

use super::model::InstanceDetails;
use super::{or_dash, Copyable};
use leptos::prelude::*;

#[component]
pub(super) fn NetworkingTab(d: InstanceDetails) -> impl IntoView {
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
