//! The Network page (read-mostly): VPCs, subnets, network interfaces, network ACLs with their
//! inbound and outbound entries, and route tables with their routes — how an instance is reached.

use super::{
    list_acls, list_interfaces, list_network, list_route_tables, AclInfo, InterfaceInfo, RouteTableInfo,
    SubnetInfo, VpcInfo,
};
use crate::components::feedback::{ErrorAlert, Loading};
use crate::components::table::{
    download, href, matches_text, or_empty, to_csv, Column, DataTable, TextFilter,
};
use crate::region::use_region_param;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

fn yes(b: bool) -> String {
    if b {
        "yes".into()
    } else {
        "no".into()
    }
}

/// The VPC list's columns.
pub fn vpc_columns() -> Vec<Column<VpcInfo>> {
    vec![
        Column::text("name", "Name", |v| or_empty(&v.name)),
        Column::text("id", "VPC ID", |v| v.id.clone()),
        Column::text("cidr", "IPv4 CIDR", |v| v.cidr.clone()),
        Column::text("default", "Default", |v| yes(v.is_default)),
    ]
}

/// The subnet list's columns.
pub fn subnet_columns() -> Vec<Column<SubnetInfo>> {
    vec![
        Column::text("name", "Name", |s| or_empty(&s.name)),
        Column::text("id", "Subnet ID", |s| s.id.clone()),
        Column::text("vpc", "VPC", |s| s.vpc_id.clone()),
        Column::text("az", "Availability Zone", |s| s.availability_zone.clone()),
        Column::text("cidr", "IPv4 CIDR", |s| s.cidr.clone()),
        Column::text("free", "Available IPs", |s| s.available_ips.to_string()),
        Column::text("public", "Public IP on launch", |s| yes(s.public_ip_on_launch)),
    ]
}

/// The network interface list's columns.
pub fn interface_columns() -> Vec<Column<InterfaceInfo>> {
    vec![
        Column::text("id", "Interface ID", |n| n.id.clone()),
        Column::text("instance", "Instance", |n| or_empty(&n.instance_id)),
        Column::text("private", "Private IPv4", |n| n.private_ip.clone()),
        Column::text("public", "Public IPv4", |n| or_empty(&n.public_ip)),
        Column::text("groups", "Security groups", |n| n.groups.join(", ")),
        Column::text("subnet", "Subnet", |n| n.subnet_id.clone()),
        Column::text("status", "Status", |n| n.status.clone()),
    ]
}

/// The ACL list's columns.
pub fn acl_columns() -> Vec<Column<AclInfo>> {
    vec![
        Column::text("id", "Network ACL ID", |a| a.id.clone()),
        Column::text("vpc", "VPC", |a| a.vpc_id.clone()),
        Column::text("default", "Default", |a| yes(a.is_default)),
        Column::text("subnets", "Subnets", |a| a.subnets.join(", ")),
        Column::text("entries", "Entries", |a| a.entries.len().to_string()),
    ]
}

/// The route table list's columns.
pub fn route_table_columns() -> Vec<Column<RouteTableInfo>> {
    vec![
        Column::text("id", "Route table ID", |t| t.id.clone()),
        Column::text("vpc", "VPC", |t| t.vpc_id.clone()),
        Column::text("main", "Main", |t| yes(t.main)),
        Column::text("subnets", "Subnets", |t| t.subnets.join(", ")),
        Column::text("routes", "Routes", |t| t.routes.len().to_string()),
    ]
}

/// The page's tabs: URL value and label.
pub const TABS: [(&str, &str); 5] = [
    ("vpcs", "VPCs"),
    ("subnets", "Subnets"),
    ("interfaces", "Network interfaces"),
    ("acls", "Network ACLs"),
    ("routes", "Route tables"),
];

fn filtered<T: Clone>(rows: Vec<T>, columns: &[Column<T>], text: &str) -> Vec<T> {
    rows.into_iter()
        .filter(|r| matches_text(r, columns, text))
        .collect()
}

/// The Network page.
#[component]
pub fn NetworkPage() -> impl IntoView {
    let region = use_region_param();
    let query = use_query_map();
    let tab = Memo::new(move |_| {
        query
            .read()
            .get("tab")
            .filter(|t| TABS.iter().any(|(k, _)| k == t))
            .unwrap_or_else(|| "vpcs".into())
    });
    let text = Memo::new(move |_| query.read().get("q").unwrap_or_default());
    let network = LocalResource::new(move || list_network(region.get()));
    let interfaces = LocalResource::new(move || list_interfaces(region.get()));
    let acls = LocalResource::new(move || list_acls(region.get()));
    let tables = LocalResource::new(move || list_route_tables(region.get()));
    let vpcs = Memo::new(move |_| {
        filtered(
            network.get().and_then(Result::ok).unwrap_or_default().vpcs,
            &vpc_columns(),
            &text.get(),
        )
    });
    let subnets = Memo::new(move |_| {
        filtered(
            network.get().and_then(Result::ok).unwrap_or_default().subnets,
            &subnet_columns(),
            &text.get(),
        )
    });
    let enis = Memo::new(move |_| {
        filtered(
            interfaces.get().and_then(Result::ok).unwrap_or_default(),
            &interface_columns(),
            &text.get(),
        )
    });
    let acl_rows = Memo::new(move |_| {
        filtered(
            acls.get().and_then(Result::ok).unwrap_or_default(),
            &acl_columns(),
            &text.get(),
        )
    });
    let table_rows = Memo::new(move |_| {
        filtered(
            tables.get().and_then(Result::ok).unwrap_or_default(),
            &route_table_columns(),
            &text.get(),
        )
    });
    let chosen_acl = RwSignal::new(None::<String>);
    let chosen_table = RwSignal::new(None::<String>);

    let tab_link = move |key: &'static str, label: &'static str| {
        let link = move || {
            let r = region.get().unwrap_or_default();
            let mut pairs = vec![("tab", key)];
            if !r.is_empty() {
                pairs.push(("region", r.as_str()));
            }
            href("/network", &pairs)
        };
        view! { <a href=link role="tab" aria-selected=move || (tab.get() == key).to_string() class:active=move || tab.get() == key>{label}</a> }
    };
    let export = move |_| {
        let region = region.get_untracked().unwrap_or_default();
        let t = tab.get_untracked();
        let csv = match t.as_str() {
            "subnets" => to_csv(&subnets.get_untracked(), &subnet_columns()),
            "interfaces" => to_csv(&enis.get_untracked(), &interface_columns()),
            "acls" => to_csv(&acl_rows.get_untracked(), &acl_columns()),
            "routes" => to_csv(&table_rows.get_untracked(), &route_table_columns()),
            _ => to_csv(&vpcs.get_untracked(), &vpc_columns()),
        };
        download(&format!("{t}-{region}.csv"), "text/csv", &csv);
    };
    let loading =
        move |label: &'static str, error: Option<crate::error::AppError>, ready: bool| match (error, ready) {
            (Some(error), _) => Some(
                view! { <ErrorAlert error retry=move || {
                    network.refetch();
                    interfaces.refetch();
                    acls.refetch();
                    tables.refetch();
                }/> }
                .into_any(),
            ),
            (None, false) => Some(view! { <Loading label=label/> }.into_any()),
            (None, true) => None,
        };

    view! {
        <section class="page">
            <h1>"Network"</h1>
            <p class="lede">"How instances are reached: VPCs and subnets, the network interfaces instances use, the network ACLs that filter each subnet's traffic, and the route tables that send it on."</p>
            <nav class="tabs" role="tablist" aria-label="Network resources">
                {TABS.iter().map(|(k, l)| tab_link(k, l)).collect_view()}
            </nav>
            <TextFilter action="/network" label="Filter" placeholder="ID, CIDR, VPC, instance" keep=&["tab"]>
                <button type="button" on:click=export>"Export CSV"</button>
            </TextFilter>
            {move || match tab.get().as_str() {
                "subnets" => view! {
                    {move || loading("Loading subnets…", network.get().and_then(Result::err), network.get().is_some())}
                    <DataTable rows=subnets columns=subnet_columns() row_key=|s: &SubnetInfo| s.id.clone() caption="Subnets"/>
                }.into_any(),
                "interfaces" => view! {
                    {move || loading("Loading network interfaces…", interfaces.get().and_then(Result::err), interfaces.get().is_some())}
                    <DataTable rows=enis columns=interface_columns() row_key=|n: &InterfaceInfo| n.id.clone() caption="Network interfaces"/>
                }.into_any(),
                "acls" => view! {
                    {move || loading("Loading network ACLs…", acls.get().and_then(Result::err), acls.get().is_some())}
                    <DataTable rows=acl_rows columns=acl_columns() row_key=|a: &AclInfo| a.id.clone() caption="Network ACLs" choice=chosen_acl/>
                    {move || chosen_acl.get().and_then(|id| acl_rows.with(|r| r.iter().find(|a| a.id == id).cloned())).map(|acl| view! {
                        <section class="details-panel" aria-label=format!("Network ACL {}", acl.id) data-testid="acl-details">
                            <h2>{acl.id.clone()}</h2>
                            {[(false, "Inbound rules"), (true, "Outbound rules")].into_iter().map(|(egress, title)| view! {
                                <table class="data-table compact">
                                    <caption>{title}</caption>
                                    <thead><tr><th scope="col">"Rule #"</th><th scope="col">"Protocol"</th><th scope="col">"Ports"</th><th scope="col">{if egress { "Destination" } else { "Source" }}</th><th scope="col">"Allow / deny"</th></tr></thead>
                                    <tbody>
                                        {acl.entries.iter().filter(|e| e.egress == egress).map(|e| view! {
                                            <tr><td>{if e.rule_number == 32767 { "*".to_string() } else { e.rule_number.to_string() }}</td><td>{e.protocol.clone()}</td><td>{e.ports.clone()}</td><td>{e.cidr.clone()}</td><td>{e.action.clone()}</td></tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            }).collect_view()}
                        </section>
                    })}
                }.into_any(),
                "routes" => view! {
                    {move || loading("Loading route tables…", tables.get().and_then(Result::err), tables.get().is_some())}
                    <DataTable rows=table_rows columns=route_table_columns() row_key=|t: &RouteTableInfo| t.id.clone() caption="Route tables" choice=chosen_table/>
                    {move || chosen_table.get().and_then(|id| table_rows.with(|r| r.iter().find(|t| t.id == id).cloned())).map(|t| view! {
                        <section class="details-panel" aria-label=format!("Route table {}", t.id) data-testid="route-details">
                            <h2>{t.id.clone()}</h2>
                            <table class="data-table compact">
                                <caption>"Routes"</caption>
                                <thead><tr><th scope="col">"Destination"</th><th scope="col">"Target"</th><th scope="col">"State"</th></tr></thead>
                                <tbody>
                                    {t.routes.iter().map(|(d, target, s)| view! { <tr><td>{d.clone()}</td><td>{target.clone()}</td><td>{s.clone()}</td></tr> }).collect_view()}
                                </tbody>
                            </table>
                        </section>
                    })}
                }.into_any(),
                _ => view! {
                    {move || loading("Loading VPCs…", network.get().and_then(Result::err), network.get().is_some())}
                    <DataTable rows=vpcs columns=vpc_columns() row_key=|v: &VpcInfo| v.id.clone() caption="VPCs"/>
                }.into_any(),
            }}
        </section>
    }
}
