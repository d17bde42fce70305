//! The Network page (read-mostly): VPCs, subnets, network interfaces, network ACLs with their
//! inbound and outbound entries, and route tables with their routes — how an instance is reached.

use super::{
    list_acls, list_interfaces, list_network, list_route_tables, AclInfo, InterfaceInfo, RouteTableInfo,
    SubnetInfo, VpcInfo,
};
use crate::components::feedback::NoticeArea;
use crate::components::resource::{list_view, ListSpec, PageState, ResourceList, RowView};
use crate::components::table::{href, or_empty, Column, TextFilter};
use crate::views::ViewBar;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use std::sync::Arc;

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

static VPCS: ListSpec<VpcInfo> =
    ListSpec::new("VPCs", vpc_columns, |v| v.id.clone()).texts("Loading VPCs…", "", "", "vpcs");
static SUBNETS: ListSpec<SubnetInfo> =
    ListSpec::new("Subnets", subnet_columns, |s| s.id.clone()).texts("Loading subnets…", "", "", "subnets");
static INTERFACES: ListSpec<InterfaceInfo> =
    ListSpec::new("Network interfaces", interface_columns, |n| n.id.clone()).texts(
        "Loading network interfaces…",
        "",
        "",
        "interfaces",
    );
static ACLS: ListSpec<AclInfo> = ListSpec::new("Network ACLs", acl_columns, |a| a.id.clone())
    .texts("Loading network ACLs…", "", "acl", "acls")
    .chosen(|a| format!("Network ACL {}", a.id));
static ROUTES: ListSpec<RouteTableInfo> =
    ListSpec::new("Route tables", route_table_columns, |t| t.id.clone())
        .texts("Loading route tables…", "", "route", "routes")
        .chosen(|t| format!("Route table {}", t.id));

/// An ACL's inbound and outbound entries.
fn acl_details(acl: AclInfo) -> AnyView {
    view! {
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
    }
    .into_any()
}

/// A route table's routes.
fn route_details(t: RouteTableInfo) -> AnyView {
    view! {
        <h2>{t.id.clone()}</h2>
        <table class="data-table compact">
            <caption>"Routes"</caption>
            <thead><tr><th scope="col">"Destination"</th><th scope="col">"Target"</th><th scope="col">"State"</th></tr></thead>
            <tbody>
                {t.routes.iter().map(|(d, target, s)| view! { <tr><td>{d.clone()}</td><td>{target.clone()}</td><td>{s.clone()}</td></tr> }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

/// The Network page.
#[component]
pub fn NetworkPage() -> impl IntoView {
    let page = PageState::new();
    let region = page.region;
    let query = use_query_map();
    let tab = Memo::new(move |_| {
        query
            .read()
            .get("tab")
            .filter(|t| TABS.iter().any(|(k, _)| k == t))
            .unwrap_or_else(|| "vpcs".into())
    });
    let network = LocalResource::new(move || {
        page.version.get();
        list_network(region.get())
    });
    let vpcs = ResourceList::from_source(
        page,
        &VPCS,
        Signal::derive(move || network.get().map(|r| r.map(|n| n.vpcs))),
    );
    let subnets = ResourceList::from_source(
        page,
        &SUBNETS,
        Signal::derive(move || network.get().map(|r| r.map(|n| n.subnets))),
    );
    let enis = ResourceList::load(page, &INTERFACES, list_interfaces);
    let acls = ResourceList::load(page, &ACLS, list_acls);
    let tables = ResourceList::load(page, &ROUTES, list_route_tables);

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
    let export = move |_| match tab.get_untracked().as_str() {
        "subnets" => subnets.export(),
        "interfaces" => enis.export(),
        "acls" => acls.export(),
        "routes" => tables.export(),
        _ => vpcs.export(),
    };
    let acl_view: RowView<AclInfo> = Arc::new(acl_details);
    let route_view: RowView<RouteTableInfo> = Arc::new(route_details);

    view! {
        <section class="page">
            <h1>"Network"</h1>
            <p class="lede">"How instances are reached: VPCs and subnets, the network interfaces instances use, the network ACLs that filter each subnet's traffic, and the route tables that send it on."</p>
            <nav class="tabs" role="tablist" aria-label="Network resources">
                {TABS.iter().map(|(k, l)| tab_link(k, l)).collect_view()}
            </nav>
            <ViewBar path="/network" notices=page.notices/>
            <NoticeArea notices=page.notices/>
            <TextFilter action="/network" label="Filter" placeholder="ID, CIDR, VPC, instance" keep=&["tab"]>
                <button type="button" on:click=export>"Export CSV"</button>
            </TextFilter>
            {move || match tab.get().as_str() {
                "subnets" => list_view(subnets, None, None).into_any(),
                "interfaces" => list_view(enis, None, None).into_any(),
                "acls" => list_view(acls, Some(acl_view.clone()), None).into_any(),
                "routes" => list_view(tables, Some(route_view.clone()), None).into_any(),
                _ => list_view(vpcs, None, None).into_any(),
            }}
        </section>
    }
}
