//! Server-only: the SDK calls behind the instance pages and the mapping to DTOs.
//! Here the reads (listing, one instance, states, status checks); actions and details beside it.

mod actions;
mod details;
pub mod permissions;

use super::details::StatusChecks;
use super::filter::PropertyFilter;
use super::InstanceRow;
use crate::error::AppError;
use aws_sdk_ec2::primitives::DateTimeFormat;
use aws_sdk_ec2::types::{DeviceType, Filter, Instance};
use aws_sdk_ec2::Client;
use std::collections::HashMap;

pub use actions::{change_type, run_action, set_termination_protection, termination_protection};
pub use details::{console_output, details, edit_tags, user_data};

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
    for row in &mut rows {
        row.region = region.to_string();
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
        region: String::new(),
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
        instance_store: instance_store_root.then(|| crate::tr!(instances.root_device_store).to_string()),
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
