//! Server-only, the details panel of one instance: its groups' rules, volumes, metadata options and
//! interfaces; its user data and console output; and editing its tags.

use super::{describe, status_checks, termination_protection, text, to_row};
use crate::error::AppError;
use crate::instances::details::{BlockDevice, GroupRules, InstanceDetails, Interface, Rule};
use crate::tags::Tag;
use aws_sdk_ec2::types::{InstanceAttributeName, IpPermission, Tag as SdkTag};
use aws_sdk_ec2::Client;
use std::collections::HashMap;

/// Instance store of the instance's type, from the region's cached type list.
async fn type_instance_store(client: &Client, region: &str, instance_type: &str) -> Option<String> {
    let types = crate::instance_types::ssr::offered(client, region).await.ok()?;
    types
        .iter()
        .find(|t| t.name == instance_type)?
        .instance_store
        .clone()
}

/// Sets and removes tags on an instance; returns its tags afterwards.
pub async fn edit_tags(
    client: &Client,
    id: &str,
    set: &[Tag],
    remove: &[String],
) -> Result<Vec<Tag>, AppError> {
    describe(client, id).await?;
    if !remove.is_empty() {
        client
            .delete_tags()
            .resources(id)
            .set_tags(Some(
                remove.iter().map(|k| SdkTag::builder().key(k).build()).collect(),
            ))
            .send()
            .await?;
    }
    if !set.is_empty() {
        client
            .create_tags()
            .resources(id)
            .set_tags(Some(
                set.iter()
                    .map(|t| SdkTag::builder().key(&t.key).value(&t.value).build())
                    .collect(),
            ))
            .send()
            .await?;
    }
    Ok(to_row(&describe(client, id).await?)
        .tags
        .into_iter()
        .map(|(key, value)| Tag { key, value })
        .collect())
}

fn decode(b64: &str) -> String {
    use base64::Engine as _;
    match base64::engine::general_purpose::STANDARD.decode(b64.trim()) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(_) => b64.to_string(),
    }
}

/// The instance's user data, decoded; `None` when it has none.
pub async fn user_data(client: &Client, id: &str) -> Result<Option<String>, AppError> {
    let out = client
        .describe_instance_attribute()
        .instance_id(id)
        .attribute(InstanceAttributeName::UserData)
        .send()
        .await?;
    Ok(out
        .user_data()
        .and_then(|u| u.value())
        .filter(|v| !v.is_empty())
        .map(decode))
}

/// The instance's system log (console output), decoded.
pub async fn console_output(client: &Client, id: &str) -> Result<String, AppError> {
    let out = client.get_console_output().instance_id(id).send().await?;
    Ok(out.output().map(decode).unwrap_or_default())
}

fn rules(perms: &[IpPermission]) -> Vec<Rule> {
    perms
        .iter()
        .map(|p| {
            let protocol = match p.ip_protocol().unwrap_or("-1") {
                "-1" => "all".to_string(),
                other => other.to_string(),
            };
            let ports = match (p.from_port(), p.to_port()) {
                (Some(from), Some(to)) if from == to && from >= 0 => from.to_string(),
                (Some(from), Some(to)) if from >= 0 => format!("{from}–{to}"),
                _ => "all".to_string(),
            };
            let mut sources: Vec<String> = p
                .ip_ranges()
                .iter()
                .filter_map(|r| r.cidr_ip().map(str::to_string))
                .collect();
            sources.extend(
                p.ipv6_ranges()
                    .iter()
                    .filter_map(|r| r.cidr_ipv6().map(str::to_string)),
            );
            sources.extend(
                p.user_id_group_pairs()
                    .iter()
                    .filter_map(|g| g.group_id().map(str::to_string)),
            );
            sources.extend(
                p.prefix_list_ids()
                    .iter()
                    .filter_map(|g| g.prefix_list_id().map(str::to_string)),
            );
            Rule {
                protocol,
                ports,
                sources,
            }
        })
        .collect()
}

/// Everything the details panel shows about one instance, fetched concurrently.
pub async fn details(client: &Client, region: &str, id: &str) -> Result<InstanceDetails, AppError> {
    let instance = describe(client, id).await?;
    let group_ids: Vec<String> = instance
        .security_groups()
        .iter()
        .filter_map(|g| g.group_id().map(str::to_string))
        .collect();
    let volume_ids: Vec<String> = instance
        .block_device_mappings()
        .iter()
        .filter_map(|m| m.ebs().and_then(|e| e.volume_id()).map(str::to_string))
        .collect();
    let row = to_row(&instance);
    let groups = async {
        if group_ids.is_empty() {
            return Ok(Vec::new());
        }
        let out = client
            .describe_security_groups()
            .set_group_ids(Some(group_ids.clone()))
            .send()
            .await?;
        Ok::<_, AppError>(
            out.security_groups()
                .iter()
                .map(|g| GroupRules {
                    id: g.group_id().unwrap_or_default().to_string(),
                    name: g.group_name().unwrap_or_default().to_string(),
                    inbound: rules(g.ip_permissions()),
                    outbound: rules(g.ip_permissions_egress()),
                })
                .collect(),
        )
    };
    let volumes = async {
        if volume_ids.is_empty() {
            return Ok(HashMap::new());
        }
        let out = client
            .describe_volumes()
            .set_volume_ids(Some(volume_ids.clone()))
            .send()
            .await?;
        Ok::<_, AppError>(
            out.volumes()
                .iter()
                .map(|v| {
                    (
                        v.volume_id().unwrap_or_default().to_string(),
                        (v.size(), v.volume_type().map(|t| t.as_str().to_string())),
                    )
                })
                .collect::<HashMap<_, _>>(),
        )
    };
    let (groups, volumes, protection, checks, store) = futures::join!(
        groups,
        volumes,
        termination_protection(client, id),
        status_checks(client, Some(vec![id.to_string()])),
        type_instance_store(client, region, &row.instance_type),
    );
    let volumes = volumes?;
    let metadata = instance.metadata_options();
    Ok(InstanceDetails {
        platform: instance
            .platform_details()
            .map(str::to_string)
            .or_else(|| instance.platform().map(|p| p.as_str().to_string()))
            .unwrap_or_else(|| "Linux/UNIX".into()),
        architecture: instance
            .architecture()
            .map(|a| a.as_str().to_string())
            .unwrap_or_default(),
        lifecycle: instance
            .instance_lifecycle()
            .map(|l| l.as_str().to_string())
            .unwrap_or_else(|| crate::tr!(instances.lifecycle_normal).into()),
        imds_tokens: metadata
            .and_then(|m| m.http_tokens())
            .map(|t| t.as_str().to_string())
            .unwrap_or_else(|| "optional".into()),
        imds_hop_limit: metadata.and_then(|m| m.http_put_response_hop_limit()),
        imds_endpoint: metadata
            .and_then(|m| m.http_endpoint())
            .map(|e| e.as_str().to_string())
            .unwrap_or_else(|| "enabled".into()),
        termination_protection: protection?,
        status: checks?.remove(id),
        security_groups: groups?,
        iam_profile: instance
            .iam_instance_profile()
            .and_then(|p| p.arn())
            .map(str::to_string),
        public_dns: text(instance.public_dns_name()),
        private_dns: text(instance.private_dns_name()),
        interfaces: instance
            .network_interfaces()
            .iter()
            .map(|n| Interface {
                id: n.network_interface_id().unwrap_or_default().to_string(),
                subnet_id: n.subnet_id().unwrap_or_default().to_string(),
                private_ips: n
                    .private_ip_addresses()
                    .iter()
                    .filter_map(|a| a.private_ip_address().map(str::to_string))
                    .collect(),
                public_ip: n.association().and_then(|a| a.public_ip()).map(str::to_string),
                mac: n.mac_address().unwrap_or_default().to_string(),
            })
            .collect(),
        root_device_name: text(instance.root_device_name()),
        root_device_type: instance
            .root_device_type()
            .map(|t| t.as_str().to_string())
            .unwrap_or_default(),
        block_devices: instance
            .block_device_mappings()
            .iter()
            .map(|m| {
                let volume_id = m
                    .ebs()
                    .and_then(|e| e.volume_id())
                    .unwrap_or_default()
                    .to_string();
                let (size_gib, volume_type) = volumes.get(&volume_id).cloned().unwrap_or((None, None));
                BlockDevice {
                    device: m.device_name().unwrap_or_default().to_string(),
                    delete_on_termination: m.ebs().and_then(|e| e.delete_on_termination()).unwrap_or(false),
                    volume_id,
                    size_gib,
                    volume_type,
                }
            })
            .collect(),
        type_instance_store: store,
        row,
    })
}
