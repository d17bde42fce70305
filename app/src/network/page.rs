//! The Network page (read-mostly): VPCs, subnets, network interfaces, network ACLs with their
//! inbound and outbound entries, and route tables with their routes — how an instance is reached.

use super::{
    list_acls, list_interfaces, list_network, list_route_tables, AclInfo, InterfaceInfo, RouteTableInfo,
    SubnetInfo, VpcInfo,
};
use crate::components::feedback::NoticeArea;
use crate::components::resource::{list_view, ListSpec, PageState, ResourceList, RowView};
use crate::components::table::{href, or_empty, Column, TextFilter};
use crate::locale::Label;
use crate::views::ViewBar;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use std::sync::Arc;

fn yes(b: bool) -> String {
    if b {
        crate::tr!(network.yes).into()
    } else {
        crate::tr!(network.no).into()
    }
}

/// The VPC list's columns.
pub fn vpc_columns() -> Vec<Column<VpcInfo>> {
    vec![
        Column::text("name", crate::label!(network.col_name), |v| or_empty(&v.name)),
        Column::text("id", crate::label!(network.col_vpc_id), |v| v.id.clone()),
        Column::text("cidr", crate::label!(network.col_ipv4_cidr), |v| v.cidr.clone()),
        Column::text("default", crate::label!(network.col_default), |v| {
            yes(v.is_default)
        }),
    ]
}

/// The subnet list's columns.
pub fn subnet_columns() -> Vec<Column<SubnetInfo>> {
    vec![
        Column::text("name", crate::label!(network.col_name), |s| or_empty(&s.name)),
        Column::text("id", crate::label!(network.col_subnet_id), |s| s.id.clone()),
        Column::text("vpc", crate::label!(network.col_vpc), |s| s.vpc_id.clone()),
        Column::text("az", crate::label!(network.col_az), |s| {
            s.availability_zone.clone()
        }),
        Column::text("cidr", crate::label!(network.col_ipv4_cidr), |s| s.cidr.clone()),
        Column::text("free", crate::label!(network.col_available_ips), |s| {
            s.available_ips.to_string()
        }),
        Column::text("public", crate::label!(network.col_public_ip_on_launch), |s| {
            yes(s.public_ip_on_launch)
        }),
    ]
}

/// The network interface list's columns.
pub fn interface_columns() -> Vec<Column<InterfaceInfo>> {
    vec![
        Column::text("id", crate::label!(network.col_interface_id), |n| n.id.clone()),
        Column::text("instance", crate::label!(network.col_instance), |n| {
            or_empty(&n.instance_id)
        }),
        Column::text("private", crate::label!(network.col_private_ipv4), |n| {
            n.private_ip.clone()
        }),
        Column::text("public", crate::label!(network.col_public_ipv4), |n| {
            or_empty(&n.public_ip)
        }),
        Column::text("groups", crate::label!(network.col_security_groups), |n| {
            n.groups.join(", ")
        }),
        Column::text("subnet", crate::label!(network.col_subnet), |n| {
            n.subnet_id.clone()
        }),
        Column::text("status", crate::label!(network.col_status), |n| n.status.clone()),
    ]
}

/// The ACL list's columns.
pub fn acl_columns() -> Vec<Column<AclInfo>> {
    vec![
        Column::text("id", crate::label!(network.col_acl_id), |a| a.id.clone()),
        Column::text("vpc", crate::label!(network.col_vpc), |a| a.vpc_id.clone()),
        Column::text("default", crate::label!(network.col_default), |a| {
            yes(a.is_default)
        }),
        Column::text("subnets", crate::label!(network.col_subnets), |a| {
            a.subnets.join(", ")
        }),
        Column::text("entries", crate::label!(network.col_entries), |a| {
            a.entries.len().to_string()
        }),
    ]
}

/// The route table list's columns.
pub fn route_table_columns() -> Vec<Column<RouteTableInfo>> {
    vec![
        Column::text("id", crate::label!(network.col_route_table_id), |t| t.id.clone()),
        Column::text("vpc", crate::label!(network.col_vpc), |t| t.vpc_id.clone()),
        Column::text("main", crate::label!(network.col_main), |t| yes(t.main)),
        Column::text("subnets", crate::label!(network.col_subnets), |t| {
            t.subnets.join(", ")
        }),
        Column::text("routes", crate::label!(network.col_routes), |t| {
            t.routes.len().to_string()
        }),
    ]
}

/// The page's tabs: URL value and label.
pub const TABS: [(&str, Label); 5] = [
    ("vpcs", crate::label!(network.vpcs)),
    ("subnets", crate::label!(network.subnets)),
    ("interfaces", crate::label!(network.interfaces)),
    ("acls", crate::label!(network.acls)),
    ("routes", crate::label!(network.route_tables)),
];

static VPCS: ListSpec<VpcInfo> = ListSpec::new(crate::label!(network.vpcs), vpc_columns, |v| v.id.clone())
    .texts(crate::label!(network.loading_vpcs), None, "", "vpcs");
static SUBNETS: ListSpec<SubnetInfo> =
    ListSpec::new(crate::label!(network.subnets), subnet_columns, |s| s.id.clone()).texts(
        crate::label!(network.loading_subnets),
        None,
        "",
        "subnets",
    );
static INTERFACES: ListSpec<InterfaceInfo> =
    ListSpec::new(crate::label!(network.interfaces), interface_columns, |n| {
        n.id.clone()
    })
    .texts(crate::label!(network.loading_interfaces), None, "", "interfaces");
static ACLS: ListSpec<AclInfo> = ListSpec::new(crate::label!(network.acls), acl_columns, |a| a.id.clone())
    .texts(crate::label!(network.loading_acls), None, "acl", "acls")
    .chosen(|a| crate::tr!(network.acl_details_label, id = a.id));
static ROUTES: ListSpec<RouteTableInfo> =
    ListSpec::new(crate::label!(network.route_tables), route_table_columns, |t| {
        t.id.clone()
    })
    .texts(
        crate::label!(network.loading_route_tables),
        None,
        "route",
        "routes",
    )
    .chosen(|t| crate::tr!(network.route_table_details_label, id = t.id));

/// An ACL's inbound and outbound entries.
fn acl_details(acl: AclInfo) -> AnyView {
    view! {
        <h2>{acl.id.clone()}</h2>
        {[(false, crate::tr!(network.inbound_rules)), (true, crate::tr!(network.outbound_rules))].into_iter().map(|(egress, title)| view! {
            <table class="data-table compact">
                <caption>{title}</caption>
                <thead><tr><th scope="col">{crate::tr!(network.rule_number)}</th><th scope="col">{crate::tr!(network.protocol)}</th><th scope="col">{crate::tr!(network.ports)}</th><th scope="col">{if egress { crate::tr!(network.destination) } else { crate::tr!(network.source) }}</th><th scope="col">{crate::tr!(network.allow_deny)}</th></tr></thead>
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
            <caption>{crate::tr!(network.routes)}</caption>
            <thead><tr><th scope="col">{crate::tr!(network.destination)}</th><th scope="col">{crate::tr!(network.target)}</th><th scope="col">{crate::tr!(network.state)}</th></tr></thead>
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

    let tab_link = move |key: &'static str, label: Label| {
        let label = label(crate::locale::current());
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
            <h1>{crate::tr!(network.title)}</h1>
            <p class="lede">{crate::tr!(network.lede)}</p>
            <nav class="tabs" role="tablist" aria-label=crate::tr!(network.tabs_label)>
                {TABS.iter().map(|&(k, l)| tab_link(k, l)).collect_view()}
            </nav>
            <ViewBar path="/network" notices=page.notices/>
            <NoticeArea notices=page.notices/>
            <TextFilter action="/network" label=crate::tr!(network.filter_label) placeholder=crate::tr!(network.filter_placeholder) keep=&["tab"]>
                <button type="button" on:click=export>{crate::tr!(network.export_csv)}</button>
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
