//! Server-only: `DescribeSecurityGroups`, `CreateSecurityGroup`, `AuthorizeSecurityGroupIngress`.

use super::{RuleSpec, SecurityGroupInfo};
use crate::error::AppError;
use aws_sdk_ec2::types::{Filter, IpPermission, IpRange, Ipv6Range, UserIdGroupPair};

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
            region: String::new(),
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
    if rule.source.starts_with("sg-") {
        p.user_id_group_pairs(
            UserIdGroupPair::builder()
                .group_id(&rule.source)
                .set_description(description)
                .build(),
        )
        .build()
    } else if rule.source.contains(':') {
        p.ipv6_ranges(
            Ipv6Range::builder()
                .cidr_ipv6(&rule.source)
                .set_description(description)
                .build(),
        )
        .build()
    } else {
        p.ip_ranges(
            IpRange::builder()
                .cidr_ip(&rule.source)
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

/// Expands the API's permissions into one rule per source or destination.
pub fn rules(perms: &[IpPermission]) -> Vec<super::RuleSpec> {
    let mut out = Vec::new();
    for p in perms {
        let protocol = p.ip_protocol().unwrap_or("-1").to_string();
        let (from, to) = if protocol == "-1" {
            (-1, -1)
        } else {
            (p.from_port().unwrap_or(-1), p.to_port().unwrap_or(-1))
        };
        let rule = |source: &str, description: Option<&str>| super::RuleSpec {
            protocol: protocol.clone(),
            from_port: from,
            to_port: to,
            source: source.to_string(),
            description: description.unwrap_or_default().to_string(),
        };
        out.extend(
            p.ip_ranges()
                .iter()
                .map(|r| rule(r.cidr_ip().unwrap_or_default(), r.description())),
        );
        out.extend(
            p.ipv6_ranges()
                .iter()
                .map(|r| rule(r.cidr_ipv6().unwrap_or_default(), r.description())),
        );
        out.extend(
            p.user_id_group_pairs()
                .iter()
                .map(|g| rule(g.group_id().unwrap_or_default(), g.description())),
        );
    }
    out
}

/// What uses the group: instances by name and ID, or network interfaces without an instance.
pub async fn users(client: &aws_sdk_ec2::Client, id: &str) -> Result<Vec<String>, AppError> {
    let out = client
        .describe_network_interfaces()
        .filters(Filter::builder().name("group-id").values(id).build())
        .send()
        .await?;
    let mut users: Vec<String> = out
        .network_interfaces()
        .iter()
        .map(|n| match n.attachment().and_then(|a| a.instance_id()) {
            Some(instance) => instance.to_string(),
            None => n.network_interface_id().unwrap_or_default().to_string(),
        })
        .collect();
    users.sort();
    users.dedup();
    Ok(users)
}

/// A group's details: rules both ways and what uses it.
pub async fn details(client: &aws_sdk_ec2::Client, id: &str) -> Result<super::GroupDetails, AppError> {
    let out = client.describe_security_groups().group_ids(id).send().await?;
    let Some(g) = out.security_groups().first() else {
        return Err(AppError::Aws {
            code: "InvalidGroup.NotFound".into(),
            message: format!("The security group '{id}' does not exist"),
            request_id: None,
        });
    };
    Ok(super::GroupDetails {
        info: SecurityGroupInfo {
            region: String::new(),
            id: g.group_id().unwrap_or_default().to_string(),
            name: g.group_name().unwrap_or_default().to_string(),
            description: g.description().unwrap_or_default().to_string(),
            vpc_id: g.vpc_id().unwrap_or_default().to_string(),
            inbound_rules: g.ip_permissions().len(),
            outbound_rules: g.ip_permissions_egress().len(),
        },
        inbound: rules(g.ip_permissions()),
        outbound: rules(g.ip_permissions_egress()),
        used_by: users(client, id).await?,
    })
}

/// Applies the fewest revoke and authorise calls to make `direction`'s rules equal `wanted`.
pub async fn update_rules(
    client: &aws_sdk_ec2::Client,
    id: &str,
    direction: super::Direction,
    wanted: &[super::RuleSpec],
) -> Result<super::GroupDetails, AppError> {
    let now = details(client, id).await?;
    let current = match direction {
        super::Direction::Inbound => &now.inbound,
        super::Direction::Outbound => &now.outbound,
    };
    let (revoke, authorize) = super::plan(current, wanted);
    let revoke: Vec<IpPermission> = revoke.iter().map(permission).collect();
    let authorize: Vec<IpPermission> = authorize.iter().map(permission).collect();
    match direction {
        super::Direction::Inbound => {
            if !revoke.is_empty() {
                client
                    .revoke_security_group_ingress()
                    .group_id(id)
                    .set_ip_permissions(Some(revoke.clone()))
                    .send()
                    .await?;
            }
            if !authorize.is_empty() {
                client
                    .authorize_security_group_ingress()
                    .group_id(id)
                    .set_ip_permissions(Some(authorize.clone()))
                    .send()
                    .await?;
            }
        }
        super::Direction::Outbound => {
            if !revoke.is_empty() {
                client
                    .revoke_security_group_egress()
                    .group_id(id)
                    .set_ip_permissions(Some(revoke.clone()))
                    .send()
                    .await?;
            }
            if !authorize.is_empty() {
                client
                    .authorize_security_group_egress()
                    .group_id(id)
                    .set_ip_permissions(Some(authorize.clone()))
                    .send()
                    .await?;
            }
        }
    }
    tracing::info!(
        group_id = id,
        ?direction,
        revoked = revoke.len(),
        authorized = authorize.len(),
        "security group rules updated"
    );
    details(client, id).await
}

/// Copies `id`'s inbound and outbound rules into a new group in its VPC.
pub async fn copy(
    client: &aws_sdk_ec2::Client,
    id: &str,
    name: &str,
    description: &str,
) -> Result<String, AppError> {
    let source = details(client, id).await?;
    let new = create(client, &source.info.vpc_id, name, description, &source.inbound).await?;
    update_rules(client, &new, super::Direction::Outbound, &source.outbound).await?;
    Ok(new)
}

/// Deletes the group; refused while a network interface uses it (AWS refuses too; moto does not).
pub async fn delete(client: &aws_sdk_ec2::Client, id: &str) -> Result<(), AppError> {
    let users = users(client, id).await?;
    if !users.is_empty() {
        return Err(AppError::validation(
            "security group",
            crate::tr!(
                security_groups.in_use_cannot_delete,
                id = id,
                users = users.join(", ")
            ),
        ));
    }
    client.delete_security_group().group_id(id).send().await?;
    tracing::info!(group_id = id, "security group deleted");
    Ok(())
}
