//! Server-only: `DescribeInstanceTypes` ∩ `DescribeInstanceTypeOfferings`, cached per region.

use super::InstanceTypeInfo;
use crate::error::AppError;
use aws_sdk_ec2::types::{InstanceTypeInfo as SdkType, LocationType};
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, LazyLock, Mutex};
use std::time::{Duration, Instant};

/// How long a region's type list is reused (the catalogue changes rarely and listing it is slow).
const TTL: Duration = Duration::from_secs(3600);

type Cache = Mutex<HashMap<String, (Instant, Arc<Vec<InstanceTypeInfo>>)>>;
static CACHE: LazyLock<Cache> = LazyLock::new(Cache::default);

/// Maps the SDK's type description to the picker's.
pub fn to_info(t: &SdkType) -> InstanceTypeInfo {
    InstanceTypeInfo {
        name: t
            .instance_type()
            .map(|n| n.as_str().to_string())
            .unwrap_or_default(),
        vcpus: t
            .v_cpu_info()
            .and_then(|v| v.default_v_cpus())
            .unwrap_or_default(),
        memory_mib: t.memory_info().and_then(|m| m.size_in_mib()).unwrap_or_default(),
        architectures: t
            .processor_info()
            .map(|p| {
                p.supported_architectures()
                    .iter()
                    .map(|a| a.as_str().to_string())
                    .collect()
            })
            .unwrap_or_default(),
        network: t
            .network_info()
            .and_then(|n| n.network_performance())
            .unwrap_or_default()
            .to_string(),
        instance_store: t
            .instance_storage_supported()
            .unwrap_or(false)
            .then(|| t.instance_storage_info())
            .flatten()
            .map(|s| {
                let disks = s.disks();
                match disks.first() {
                    Some(d) => format!(
                        "{} × {} GB {}",
                        d.count().unwrap_or(1),
                        d.size_in_gb().unwrap_or_default(),
                        d.r#type().map(|t| t.as_str()).unwrap_or("disk")
                    ),
                    None => format!("{} GB", s.total_size_in_gb().unwrap_or_default()),
                }
            }),
        hibernation: t.hibernation_supported().unwrap_or(false),
    }
}

/// The region's type list if it is already cached (never calls AWS).
pub fn cached(region: &str) -> Option<Arc<Vec<InstanceTypeInfo>>> {
    CACHE
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .get(region)
        .filter(|(at, _)| at.elapsed() < TTL)
        .map(|(_, types)| types.clone())
}

/// Every type `client`'s region offers, sorted by name. The list is cached per region (types are the same for every caller).
pub async fn offered(
    client: &aws_sdk_ec2::Client,
    region: &str,
) -> Result<Arc<Vec<InstanceTypeInfo>>, AppError> {
    if let Some(types) = cached(region) {
        return Ok(types);
    }
    let mut types = Vec::new();
    let mut pages = client.describe_instance_types().into_paginator().send();
    while let Some(page) = pages.next().await {
        types.extend(page?.instance_types().iter().map(to_info));
    }
    let mut offered = HashSet::new();
    let mut pages = client
        .describe_instance_type_offerings()
        .location_type(LocationType::Region)
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        offered.extend(
            page?
                .instance_type_offerings()
                .iter()
                .filter_map(|o| o.instance_type().map(|t| t.as_str().to_string())),
        );
    }
    if !offered.is_empty() {
        types.retain(|t| offered.contains(&t.name));
    }
    types.sort_by(|a, b| crate::components::table::natural_cmp(&a.name, &b.name));
    let types = Arc::new(types);
    CACHE
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .insert(region.to_string(), (Instant::now(), types.clone()));
    Ok(types)
}
