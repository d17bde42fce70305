//! Server-only: the SDK calls behind the instance pages and the mapping to DTOs.

use super::actions::Action;
use super::details::{BlockDevice, GroupRules, InstanceDetails, Interface, Rule, StatusChecks};
use super::filter::PropertyFilter;
use super::{ActionOutcome, InstanceRow};
use crate::error::AppError;
use crate::tags::Tag;
use aws_sdk_ec2::primitives::DateTimeFormat;
use aws_sdk_ec2::types::{
    AttributeBooleanValue, AttributeValue, DeviceType, Filter, Instance, InstanceAttributeName, IpPermission,
    Tag as SdkTag,
};
use aws_sdk_ec2::Client;
use futures::StreamExt;
use std::collections::HashMap;

/// How many instances an action works on at once.
const ACTION_CONCURRENCY: usize = 8;

/// Lists every instance visible to `client` that the filter's API part selects, across all pages of
/// `DescribeInstances`; the rest of the filter is applied to the rows. Status checks are not asked
/// for here: the page loads them on their own ([`check_summaries`]), so a big list is not held up.
pub async fn list_instances(
    client: &Client,
    region: &str,
    filter: &PropertyFilter,
) -> Result<Vec<InstanceRow>, AppError> {
    let filters: Vec<Filter> = filter
        .api
        .iter()
        .map(|f| {
            Filter::builder()
                .name(&f.name)
                .set_values(Some(f.values.clone()))
                .build()
        })
        .collect();
    let mut pages = client
        .describe_instances()
        .set_filters((!filters.is_empty()).then_some(filters))
        .into_paginator()
        .send();
    let mut rows = Vec::new();
    while let Some(page) = pages.next().await {
        for reservation in page?.reservations() {
            rows.extend(reservation.instances().iter().map(to_row));
        }
    }
    rows.retain(|r| filter.keeps(r));
    let types = crate::instance_types::ssr::cached(region);
    for row in &mut rows {
        if row.instance_store.is_none() {
            row.instance_store = types
                .as_ref()
                .and_then(|t| t.iter().find(|t| t.name == row.instance_type))
                .and_then(|t| t.instance_store.clone());
        }
    }
    Ok(rows)
}

/// The list column's words for each running instance's status checks, by instance ID.
pub async fn check_summaries(client: &Client) -> Result<HashMap<String, String>, AppError> {
    Ok(status_checks(client, None)
        .await?
        .into_iter()
        .map(|(id, c)| (id, c.summary()))
        .collect())
}

/// Status checks of running instances (all of them, or only `ids`), by instance ID.
pub async fn status_checks(
    client: &Client,
    ids: Option<Vec<String>>,
) -> Result<HashMap<String, StatusChecks>, AppError> {
    let mut pages = client
        .describe_instance_status()
        .set_instance_ids(ids)
        .into_paginator()
        .send();
    let mut out = HashMap::new();
    while let Some(page) = pages.next().await {
        for s in page?.instance_statuses() {
            let status = |summary: Option<&aws_sdk_ec2::types::InstanceStatusSummary>| {
                summary
                    .and_then(|s| s.status())
                    .map(|s| s.as_str().to_string())
                    .unwrap_or_else(|| "not-applicable".into())
            };
            out.insert(
                s.instance_id().unwrap_or_default().to_string(),
                StatusChecks {
                    system: status(s.system_status()),
                    instance: status(s.instance_status()),
                },
            );
        }
    }
    Ok(out)
}

fn text(value: Option<&str>) -> Option<String> {
    value.filter(|v| !v.is_empty()).map(str::to_string)
}

/// Maps an SDK instance to the page's row.
pub fn to_row(instance: &Instance) -> InstanceRow {
    let tags: Vec<(String, String)> = instance
        .tags()
        .iter()
        .map(|t| {
            (
                t.key().unwrap_or_default().to_string(),
                t.value().unwrap_or_default().to_string(),
            )
        })
        .collect();
    let instance_store_root = instance
        .root_device_type()
        .map(|t| t == &DeviceType::InstanceStore)
        == Some(true);
    InstanceRow {
        id: instance.instance_id().unwrap_or_default().to_string(),
        name: tags.iter().find(|(k, _)| k == "Name").map(|(_, v)| v.clone()),
        state: instance
            .state()
            .and_then(|s| s.name())
            .map(|n| n.as_str().to_string())
            .unwrap_or_else(|| "unknown".into()),
        instance_type: instance
            .instance_type()
            .map(|t| t.as_str().to_string())
            .unwrap_or_default(),
        availability_zone: instance
            .placement()
            .and_then(|p| p.availability_zone())
            .unwrap_or_default()
            .to_string(),
        public_ip: text(instance.public_ip_address()),
        private_ip: text(instance.private_ip_address()),
        key_name: text(instance.key_name()),
        image_id: text(instance.image_id()),
        vpc_id: text(instance.vpc_id()),
        subnet_id: text(instance.subnet_id()),
        launch_time: instance
            .launch_time()
            .and_then(|t| t.fmt(DateTimeFormat::DateTime).ok()),
        status_checks: None,
        hibernation: instance
            .hibernation_options()
            .and_then(|h| h.configured())
            .unwrap_or(false),
        deleted_on_termination: instance
            .block_device_mappings()
            .iter()
            .filter_map(|m| m.ebs())
            .filter(|e| e.delete_on_termination() == Some(true))
            .filter_map(|e| e.volume_id().map(str::to_string))
            .collect(),
        instance_store: instance_store_root.then(|| "root device".to_string()),
        tags,
    }
}

/// One instance by ID (`InvalidInstanceID.NotFound` from AWS when there is none).
pub async fn describe(client: &Client, id: &str) -> Result<Instance, AppError> {
    let out = client.describe_instances().instance_ids(id).send().await?;
    out.reservations()
        .iter()
        .flat_map(|r| r.instances())
        .find(|i| i.instance_id() == Some(id))
        .cloned()
        .ok_or_else(|| AppError::Aws {
            code: "InvalidInstanceID.NotFound".into(),
            message: format!("The instance ID '{id}' does not exist"),
            request_id: None,
        })
}

/// The current state of each of `ids`.
pub async fn states(client: &Client, ids: &[String]) -> Result<Vec<(String, String)>, AppError> {
    let mut pages = client
        .describe_instances()
        .set_instance_ids(Some(ids.to_vec()))
        .into_paginator()
        .send();
    let mut out = Vec::new();
    while let Some(page) = pages.next().await {
        for row in page?
            .reservations()
            .iter()
            .flat_map(|r| r.instances())
            .map(to_row)
        {
            out.push((row.id, row.state));
        }
    }
    Ok(out)
}

/// Instance store of the instance's type, from the region's cached type list.
async fn type_instance_store(client: &Client, region: &str, instance_type: &str) -> Option<String> {
    let types = crate::instance_types::ssr::offered(client, region).await.ok()?;
    types
        .iter()
        .find(|t| t.name == instance_type)?
        .instance_store
        .clone()
}

async fn act(client: &Client, action: Action, id: &str) -> Result<String, AppError> {
    let instance = describe(client, id).await?;
    let row = to_row(&instance);
    if let Some(reason) = action.refusal(&row) {
        return Err(AppError::validation(
            row.id.clone(),
            format!("{}: {reason}", action.label()),
        ));
    }
    let state = |changes: &[aws_sdk_ec2::types::InstanceStateChange]| {
        changes
            .iter()
            .find(|c| c.instance_id() == Some(id))
            .and_then(|c| c.current_state())
            .and_then(|s| s.name())
            .map(|n| n.as_str().to_string())
            .unwrap_or_else(|| row.state.clone())
    };
    Ok(match action {
        Action::Start => state(
            client
                .start_instances()
                .instance_ids(id)
                .send()
                .await?
                .starting_instances(),
        ),
        Action::Stop | Action::Hibernate => state(
            client
                .stop_instances()
                .instance_ids(id)
                .set_hibernate((action == Action::Hibernate).then_some(true))
                .send()
                .await?
                .stopping_instances(),
        ),
        Action::Reboot => {
            client.reboot_instances().instance_ids(id).send().await?;
            row.state
        }
        Action::Terminate => {
            if termination_protection(client, id).await? {
                return Err(AppError::Aws {
                    code: "OperationNotPermitted".into(),
                    message: format!(
                        "The instance '{id}' may not be terminated. Modify its 'disableApiTermination' instance attribute and try again."
                    ),
                    request_id: None,
                });
            }
            state(
                client
                    .terminate_instances()
                    .instance_ids(id)
                    .send()
                    .await?
                    .terminating_instances(),
            )
        }
    })
}

/// Runs `action` on each of `ids` (checked IDs), a few at a time; each instance gets its own outcome.
pub async fn run_action(client: &Client, action: Action, ids: &[String]) -> Vec<ActionOutcome> {
    futures::stream::iter(ids.iter().cloned())
        .map(|id| async move {
            let result = act(client, action, &id).await;
            match &result {
                Ok(state) => tracing::info!(%id, action = action.operation(), %state, "instance action"),
                Err(error) => {
                    tracing::info!(%id, action = action.operation(), %error, "instance action refused")
                }
            }
            ActionOutcome { id, action, result }
        })
        .buffered(ACTION_CONCURRENCY)
        .collect()
        .await
}

/// Whether termination protection (`disableApiTermination`) is on.
pub async fn termination_protection(client: &Client, id: &str) -> Result<bool, AppError> {
    let out = client
        .describe_instance_attribute()
        .instance_id(id)
        .attribute(InstanceAttributeName::DisableApiTermination)
        .send()
        .await?;
    Ok(out
        .disable_api_termination()
        .and_then(|v| v.value())
        .unwrap_or(false))
}

/// Turns termination protection on or off.
pub async fn set_termination_protection(client: &Client, id: &str, enabled: bool) -> Result<bool, AppError> {
    describe(client, id).await?;
    client
        .modify_instance_attribute()
        .instance_id(id)
        .disable_api_termination(AttributeBooleanValue::builder().value(enabled).build())
        .send()
        .await?;
    termination_protection(client, id).await
}

/// Changes the instance type; the instance must be stopped and the type offered in the region.
pub async fn change_type(
    client: &Client,
    region: &str,
    id: &str,
    new_type: &str,
) -> Result<String, AppError> {
    let row = to_row(&describe(client, id).await?);
    if row.state != "stopped" {
        return Err(AppError::validation(
            "instance type",
            format!(
                "stop the instance first: the type can only change while it is stopped (it is {})",
                row.state
            ),
        ));
    }
    if row.instance_type == new_type {
        return Err(AppError::validation(
            "instance type",
            format!("the instance is already {new_type}"),
        ));
    }
    let types = crate::instance_types::ssr::offered(client, region).await?;
    if !types.iter().any(|t| t.name == new_type) {
        return Err(AppError::validation(
            "instance type",
            format!("{new_type} is not offered in {region}"),
        ));
    }
    client
        .modify_instance_attribute()
        .instance_id(id)
        .instance_type(AttributeValue::builder().value(new_type).build())
        .send()
        .await?;
    Ok(to_row(&describe(client, id).await?).instance_type)
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
            .unwrap_or_else(|| "normal (on-demand)".into()),
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
