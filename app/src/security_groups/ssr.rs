//! Server-only: `DescribeSecurityGroups`, `CreateSecurityGroup`, `AuthorizeSecurityGroupIngress`.

use super::{RuleSpec, SecurityGroupInfo};
use crate::error::AppError;
use aws_sdk_ec2::types::{Filter, IpPermission, IpRange, Ipv6Range};

/// The groups of the client's region (of `vpc` when given), by name.
pub async fn list(
    client: &aws_sdk_ec2::Client,
    vpc: Option<&str>,
) -> Result<Vec<SecurityGroupInfo>, AppError> {
    let mut request = client.describe_security_groups();
    if let Some(vpc) = vpc {
        request = request.filters(Filter::builder().name("vpc-id").values(vpc).build());
    }
    let mut groups = Vec::new();
    let mut pages = request.into_paginator().send();
    while let Some(page) = pages.next().await {
        groups.extend(page?.security_groups().iter().map(|g| SecurityGroupInfo {
            id: g.group_id().unwrap_or_default().to_string(),
            name: g.group_name().unwrap_or_default().to_string(),
            description: g.description().unwrap_or_default().to_string(),
            vpc_id: g.vpc_id().unwrap_or_default().to_string(),
            inbound_rules: g.ip_permissions().len(),
            outbound_rules: g.ip_permissions_egress().len(),
        }));
    }
    groups.sort_by(|a, b| crate::components::table::natural_cmp(&a.name, &b.name));
    Ok(groups)
}

/// The API's permission for one rule.
pub fn permission(rule: &RuleSpec) -> IpPermission {
    let mut p = IpPermission::builder().ip_protocol(&rule.protocol);
    if rule.protocol != "-1" {
        p = p.from_port(rule.from_port).to_port(rule.to_port);
    }
    let description = (!rule.description.is_empty()).then(|| rule.description.clone());
    if rule.cidr.contains(':') {
        p.ipv6_ranges(
            Ipv6Range::builder()
                .cidr_ipv6(&rule.cidr)
                .set_description(description)
                .build(),
        )
        .build()
    } else {
        p.ip_ranges(
            IpRange::builder()
                .cidr_ip(&rule.cidr)
                .set_description(description)
                .build(),
        )
        .build()
    }
}

/// Creates a group in `vpc` and authorises `rules` inbound (checked by the caller); returns its ID.
pub async fn create(
    client: &aws_sdk_ec2::Client,
    vpc: &str,
    name: &str,
    description: &str,
    rules: &[RuleSpec],
) -> Result<String, AppError> {
    let group = client
        .create_security_group()
        .vpc_id(vpc)
        .group_name(name)
        .description(description)
        .send()
        .await?
        .group_id()
        .unwrap_or_default()
        .to_string();
    if !rules.is_empty() {
        client
            .authorize_security_group_ingress()
            .group_id(&group)
            .set_ip_permissions(Some(rules.iter().map(permission).collect()))
            .send()
            .await?;
    }
    tracing::info!(group_id = %group, rules = rules.len(), "security group created");
    Ok(group)
}
