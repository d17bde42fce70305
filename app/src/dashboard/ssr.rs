//! Server-only: the counts and zones behind the dashboard.

use super::{CountKind, Zone};
use crate::error::AppError;
use aws_sdk_ec2::types::Filter;
use aws_sdk_ec2::Client;

fn state_filter(state: &str) -> Filter {
    Filter::builder()
        .name("instance-state-name")
        .values(state)
        .build()
}

/// Counts one kind of resource in the client's region, following every page.
pub async fn count(ec2: &Client, kind: CountKind) -> Result<u64, AppError> {
    let mut total = 0u64;
    match kind {
        CountKind::RunningInstances | CountKind::StoppedInstances => {
            let state = if kind == CountKind::RunningInstances {
                "running"
            } else {
                "stopped"
            };
            let mut pages = ec2
                .describe_instances()
                .filters(state_filter(state))
                .into_paginator()
                .send();
            while let Some(page) = pages.next().await {
                total += page?
                    .reservations()
                    .iter()
                    .map(|r| r.instances().len() as u64)
                    .sum::<u64>();
            }
        }
        CountKind::Volumes => {
            let mut pages = ec2.describe_volumes().into_paginator().send();
            while let Some(page) = pages.next().await {
                total += page?.volumes().len() as u64;
            }
        }
        CountKind::Snapshots => {
            let mut pages = ec2.describe_snapshots().owner_ids("self").into_paginator().send();
            while let Some(page) = pages.next().await {
                total += page?.snapshots().len() as u64;
            }
        }
        CountKind::KeyPairs => total = ec2.describe_key_pairs().send().await?.key_pairs().len() as u64,
        CountKind::SecurityGroups => {
            let mut pages = ec2.describe_security_groups().into_paginator().send();
            while let Some(page) = pages.next().await {
                total += page?.security_groups().len() as u64;
            }
        }
        CountKind::ElasticIps => total = ec2.describe_addresses().send().await?.addresses().len() as u64,
        CountKind::OwnedImages => {
            let mut pages = ec2.describe_images().owners("self").into_paginator().send();
            while let Some(page) = pages.next().await {
                total += page?.images().len() as u64;
            }
        }
    }
    Ok(total)
}

/// The region's Availability Zones and their state.
pub async fn zones(ec2: &Client) -> Result<Vec<Zone>, AppError> {
    let out = ec2.describe_availability_zones().send().await?;
    Ok(out
        .availability_zones()
        .iter()
        .map(|z| Zone {
            name: z.zone_name().unwrap_or_default().to_string(),
            id: z.zone_id().unwrap_or_default().to_string(),
            state: z
                .state()
                .map(|s| s.as_str().to_string())
                .unwrap_or_else(|| "unknown".into()),
        })
        .collect())
}
