//! Server-only: `DescribeVpcs` and `DescribeSubnets`.

use super::{Network, SubnetInfo, VpcInfo};
use crate::error::AppError;
use aws_sdk_ec2::types::Tag;

/// The value of the `Name` tag among `tags`.
pub fn name_tag(tags: &[Tag]) -> Option<String> {
    tags.iter()
        .find(|t| t.key() == Some("Name"))
        .and_then(|t| t.value())
        .map(str::to_string)
}

/// Every VPC and subnet the client's region has, following the API's pages.
pub async fn network(client: &aws_sdk_ec2::Client) -> Result<Network, AppError> {
    let (vpcs, subnets) = futures::join!(
        client
            .describe_vpcs()
            .into_paginator()
            .items()
            .send()
            .collect::<Vec<_>>(),
        client
            .describe_subnets()
            .into_paginator()
            .items()
            .send()
            .collect::<Vec<_>>()
    );
    let mut vpcs = vpcs
        .into_iter()
        .map(|v| {
            v.map_err(AppError::from).map(|v| VpcInfo {
                id: v.vpc_id().unwrap_or_default().to_string(),
                name: name_tag(v.tags()),
                cidr: v.cidr_block().unwrap_or_default().to_string(),
                is_default: v.is_default().unwrap_or(false),
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    vpcs.sort_by(|a, b| b.is_default.cmp(&a.is_default).then_with(|| a.id.cmp(&b.id)));
    let mut subnets = subnets
        .into_iter()
        .map(|s| {
            s.map_err(AppError::from).map(|s| SubnetInfo {
                id: s.subnet_id().unwrap_or_default().to_string(),
                name: name_tag(s.tags()),
                vpc_id: s.vpc_id().unwrap_or_default().to_string(),
                availability_zone: s.availability_zone().unwrap_or_default().to_string(),
                cidr: s.cidr_block().unwrap_or_default().to_string(),
                available_ips: s.available_ip_address_count().unwrap_or_default(),
                public_ip_on_launch: s.map_public_ip_on_launch().unwrap_or(false),
                default_for_az: s.default_for_az().unwrap_or(false),
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    subnets.sort_by(|a, b| {
        (&a.vpc_id, &a.availability_zone, &a.id).cmp(&(&b.vpc_id, &b.availability_zone, &b.id))
    });
    Ok(Network { vpcs, subnets })
}

/// Every network interface of the client's region.
pub async fn interfaces(client: &aws_sdk_ec2::Client) -> Result<Vec<super::InterfaceInfo>, AppError> {
    let mut out = Vec::new();
    let mut pages = client.describe_network_interfaces().into_paginator().send();
    while let Some(page) = pages.next().await {
        out.extend(page?.network_interfaces().iter().map(|n| {
            super::InterfaceInfo {
                id: n.network_interface_id().unwrap_or_default().to_string(),
                description: n.description().unwrap_or_default().to_string(),
                subnet_id: n.subnet_id().unwrap_or_default().to_string(),
                vpc_id: n.vpc_id().unwrap_or_default().to_string(),
                private_ip: n.private_ip_address().unwrap_or_default().to_string(),
                public_ip: n
                    .association()
                    .and_then(|a| a.public_ip())
                    .filter(|p| !p.is_empty())
                    .map(str::to_string),
                instance_id: n.attachment().and_then(|a| a.instance_id()).map(str::to_string),
                groups: n
                    .groups()
                    .iter()
                    .filter_map(|g| g.group_id().map(str::to_string))
                    .collect(),
                status: n.status().map(|s| s.as_str().to_string()).unwrap_or_default(),
            }
        }));
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(out)
}

/// Every network ACL of the client's region, entries by rule number.
pub async fn acls(client: &aws_sdk_ec2::Client) -> Result<Vec<super::AclInfo>, AppError> {
    let mut out = Vec::new();
    let mut pages = client.describe_network_acls().into_paginator().send();
    while let Some(page) = pages.next().await {
        out.extend(page?.network_acls().iter().map(|a| {
            let mut entries: Vec<super::AclEntry> = a
                .entries()
                .iter()
                .map(|e| super::AclEntry {
                    rule_number: e.rule_number().unwrap_or_default(),
                    egress: e.egress().unwrap_or(false),
                    protocol: super::protocol_name(e.protocol().unwrap_or("-1")),
                    ports: match e.port_range() {
                        Some(r) if r.from() == r.to() => {
                            r.from().map(|p| p.to_string()).unwrap_or_else(|| "all".into())
                        }
                        Some(r) => format!("{}–{}", r.from().unwrap_or_default(), r.to().unwrap_or_default()),
                        None => "all".into(),
                    },
                    cidr: e
                        .cidr_block()
                        .or(e.ipv6_cidr_block())
                        .unwrap_or_default()
                        .to_string(),
                    action: e
                        .rule_action()
                        .map(|r| r.as_str().to_string())
                        .unwrap_or_default(),
                })
                .collect();
            entries.sort_by_key(|e| (e.egress, e.rule_number));
            super::AclInfo {
                id: a.network_acl_id().unwrap_or_default().to_string(),
                vpc_id: a.vpc_id().unwrap_or_default().to_string(),
                is_default: a.is_default().unwrap_or(false),
                subnets: a
                    .associations()
                    .iter()
                    .filter_map(|s| s.subnet_id().map(str::to_string))
                    .collect(),
                entries,
            }
        }));
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(out)
}

/// Every route table of the client's region.
pub async fn route_tables(client: &aws_sdk_ec2::Client) -> Result<Vec<super::RouteTableInfo>, AppError> {
    let mut out = Vec::new();
    let mut pages = client.describe_route_tables().into_paginator().send();
    while let Some(page) = pages.next().await {
        out.extend(page?.route_tables().iter().map(|t| {
            super::RouteTableInfo {
                id: t.route_table_id().unwrap_or_default().to_string(),
                vpc_id: t.vpc_id().unwrap_or_default().to_string(),
                main: t.associations().iter().any(|a| a.main().unwrap_or(false)),
                subnets: t
                    .associations()
                    .iter()
                    .filter_map(|a| a.subnet_id().map(str::to_string))
                    .collect(),
                routes: t
                    .routes()
                    .iter()
                    .map(|r| {
                        let target = r
                            .gateway_id()
                            .or(r.nat_gateway_id())
                            .or(r.network_interface_id())
                            .or(r.instance_id())
                            .or(r.vpc_peering_connection_id())
                            .or(r.transit_gateway_id())
                            .unwrap_or_default();
                        (
                            r.destination_cidr_block()
                                .or(r.destination_ipv6_cidr_block())
                                .unwrap_or_default()
                                .to_string(),
                            target.to_string(),
                            r.state().map(|s| s.as_str().to_string()).unwrap_or_default(),
                        )
                    })
                    .collect(),
            }
        }));
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(out)
}
