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
