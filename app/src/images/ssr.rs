//! Server-only: `DescribeImages` for the quick-start row (cached per region), searches and lookups.

use super::{ImageInfo, ImageScope, ImageSearch, QuickStart, MAX_RESULTS};
use crate::error::AppError;
use aws_sdk_ec2::operation::describe_images::builders::DescribeImagesFluentBuilder;
use aws_sdk_ec2::types::{Filter, Image};
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, LazyLock, Mutex};
use std::time::{Duration, Instant};

/// The quick-start families: name, owning account and name pattern of their images.
pub const FAMILIES: [(&str, &str, &str); 6] = [
    ("Amazon Linux 2023", "137112412989", "al2023-ami-2023.*"),
    (
        "Ubuntu 24.04 LTS",
        "099720109477",
        "ubuntu/images/hvm-ssd*/ubuntu-noble-24.04-*-server-*",
    ),
    ("Debian 12", "136693071363", "debian-12-*"),
    (
        "Windows Server 2022",
        "801119661308",
        "Windows_Server-2022-English-Full-Base-*",
    ),
    ("Red Hat Enterprise Linux 9", "309956199498", "RHEL-9*"),
    ("SUSE Linux Enterprise 15", "013907871322", "suse-sles-15-*"),
];

/// How long a region's quick-start row is reused.
const TTL: Duration = Duration::from_secs(3600);

type Cache = Mutex<HashMap<String, (Instant, Arc<Vec<QuickStart>>)>>;
static CACHE: LazyLock<Cache> = LazyLock::new(Cache::default);

/// Maps the SDK's image to the pickers'.
pub fn to_info(i: &Image) -> ImageInfo {
    let root_name = i.root_device_name().unwrap_or_default();
    let root = i
        .block_device_mappings()
        .iter()
        .find(|m| m.device_name() == Some(root_name))
        .and_then(|m| m.ebs());
    ImageInfo {
        id: i.image_id().unwrap_or_default().to_string(),
        name: i.name().unwrap_or_default().to_string(),
        description: i.description().unwrap_or_default().to_string(),
        architecture: i
            .architecture()
            .map(|a| a.as_str().to_string())
            .unwrap_or_default(),
        root_device_type: i
            .root_device_type()
            .map(|t| t.as_str().to_string())
            .unwrap_or_default(),
        root_device_name: root_name.to_string(),
        root_volume_size: root.and_then(|e| e.volume_size()),
        root_volume_type: root.and_then(|e| e.volume_type()).map(|t| t.as_str().to_string()),
        virtualization: i
            .virtualization_type()
            .map(|v| v.as_str().to_string())
            .unwrap_or_default(),
        creation_date: i.creation_date().unwrap_or_default().to_string(),
        owner_id: i.owner_id().unwrap_or_default().to_string(),
        platform: i.platform().map(|p| p.as_str().to_string()),
        state: i.state().map(|s| s.as_str().to_string()).unwrap_or_default(),
        public: i.public().unwrap_or(false),
        block_devices: i
            .block_device_mappings()
            .iter()
            .map(|m| {
                let device = m.device_name().unwrap_or_default();
                match m.ebs() {
                    Some(e) => {
                        let source = e.snapshot_id().unwrap_or(crate::tr!(images.new_volume));
                        let size = e.volume_size().unwrap_or_default();
                        let kind = e.volume_type().map(|t| t.as_str()).unwrap_or("standard");
                        if e.delete_on_termination().unwrap_or(false) {
                            crate::tr!(
                                images.block_device_deleted,
                                device = device,
                                source = source,
                                size = size,
                                kind = kind,
                            )
                        } else {
                            crate::tr!(
                                images.block_device,
                                device = device,
                                source = source,
                                size = size,
                                kind = kind,
                            )
                        }
                    }
                    None => format!(
                        "{device}: {}",
                        m.virtual_name().unwrap_or(crate::tr!(images.instance_store))
                    ),
                }
            })
            .collect(),
        snapshot_ids: i
            .block_device_mappings()
            .iter()
            .filter_map(|m| m.ebs().and_then(|e| e.snapshot_id()).map(str::to_string))
            .collect(),
    }
}

fn filter(name: &str, value: &str) -> Filter {
    Filter::builder().name(name).values(value).build()
}

/// Follows a request's pages, stopping once more than `limit` images are in hand.
async fn collect(request: DescribeImagesFluentBuilder, limit: usize) -> Result<Vec<ImageInfo>, AppError> {
    let mut images = Vec::new();
    let mut pages = request.into_paginator().send();
    while let Some(page) = pages.next().await {
        images.extend(page?.images().iter().map(to_info));
        if images.len() > limit {
            break;
        }
    }
    Ok(images)
}

/// Newest first, then by name.
fn newest_first(images: &mut [ImageInfo]) {
    images.sort_by(|a, b| {
        b.creation_date
            .cmp(&a.creation_date)
            .then_with(|| a.name.cmp(&b.name))
    });
}

/// The newest image per architecture among `images` (x86_64 first).
pub fn newest_per_architecture(mut images: Vec<ImageInfo>) -> Vec<ImageInfo> {
    newest_first(&mut images);
    let mut seen = HashSet::new();
    let mut newest: Vec<ImageInfo> = images
        .into_iter()
        .filter(|i| seen.insert(i.architecture.clone()))
        .collect();
    newest.sort_by_key(|i| (i.architecture != "x86_64", i.architecture.clone()));
    newest
}

/// The quick-start row: each family's newest available image per architecture, families with none left out.
pub async fn quick_start(client: &aws_sdk_ec2::Client, region: &str) -> Result<Vec<QuickStart>, AppError> {
    if let Some(row) = CACHE
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .get(region)
        .filter(|(at, _)| at.elapsed() < TTL)
    {
        return Ok(row.1.as_ref().clone());
    }
    let lookups = FAMILIES.iter().map(|(family, owner, pattern)| async move {
        let request = client
            .describe_images()
            .owners(*owner)
            .filters(filter("name", pattern))
            .filters(filter("state", "available"));
        let images = collect(request, usize::MAX).await?;
        Ok::<_, AppError>(QuickStart {
            family: family.to_string(),
            images: newest_per_architecture(images),
        })
    });
    let row: Vec<QuickStart> = futures::future::try_join_all(lookups)
        .await?
        .into_iter()
        .filter(|f| !f.images.is_empty())
        .collect();
    CACHE
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .insert(region.to_string(), (Instant::now(), Arc::new(row.clone())));
    Ok(row)
}

fn scoped(client: &aws_sdk_ec2::Client, scope: ImageScope) -> DescribeImagesFluentBuilder {
    let request = client.describe_images().filters(filter("state", "available"));
    match scope {
        ImageScope::Mine => request.owners("self"),
        ImageScope::Shared => request
            .executable_users("self")
            .filters(filter("is-public", "false")),
        ImageScope::Public => request.filters(filter("is-public", "true")),
    }
}

/// Images of `scope` matching `query`: an AMI ID looks the image up, an architecture filters by
/// it, other text matches name or description (two filtered calls, merged). Newest first, at most
/// [`MAX_RESULTS`].
pub async fn search(
    client: &aws_sdk_ec2::Client,
    scope: ImageScope,
    query: &str,
) -> Result<ImageSearch, AppError> {
    let mut images = if query.is_empty() {
        collect(scoped(client, scope), MAX_RESULTS).await?
    } else if super::is_image_id(query) {
        collect(scoped(client, scope).image_ids(query), MAX_RESULTS).await?
    } else if matches!(query, "x86_64" | "arm64" | "i386" | "x86_64_mac" | "arm64_mac") {
        collect(
            scoped(client, scope).filters(filter("architecture", query)),
            MAX_RESULTS,
        )
        .await?
    } else {
        let pattern = format!("*{query}*");
        let (by_name, by_description) = futures::try_join!(
            collect(
                scoped(client, scope).filters(filter("name", &pattern)),
                MAX_RESULTS
            ),
            collect(
                scoped(client, scope).filters(filter("description", &pattern)),
                MAX_RESULTS
            ),
        )?;
        let mut seen = HashSet::new();
        by_name
            .into_iter()
            .chain(by_description)
            .filter(|i| seen.insert(i.id.clone()))
            .collect()
    };
    newest_first(&mut images);
    let truncated = images.len() > MAX_RESULTS;
    images.truncate(MAX_RESULTS);
    Ok(ImageSearch { images, truncated })
}

/// One image by ID; `InvalidAMIID.NotFound` when it does not exist.
pub async fn describe(client: &aws_sdk_ec2::Client, id: &str) -> Result<ImageInfo, AppError> {
    let out = client.describe_images().image_ids(id).send().await?;
    out.images().first().map(to_info).ok_or_else(|| AppError::Aws {
        code: "InvalidAMIID.NotFound".into(),
        message: format!("The image id '[{id}]' does not exist"),
        request_id: None,
    })
}

/// Creates an image from an instance, leaving out the volumes on `exclude` (refused for the root device).
pub async fn create(
    client: &aws_sdk_ec2::Client,
    instance_id: &str,
    name: &str,
    description: &str,
    no_reboot: bool,
    exclude: &[String],
) -> Result<String, AppError> {
    if !exclude.is_empty() {
        let found = client
            .describe_instances()
            .instance_ids(instance_id)
            .send()
            .await?;
        let instance = found.reservations().iter().flat_map(|r| r.instances()).next();
        let devices: Vec<String> = instance
            .map(|i| {
                i.block_device_mappings()
                    .iter()
                    .filter_map(|m| m.device_name().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        let root = super::root_device(
            instance.and_then(|i| i.root_device_name()).unwrap_or_default(),
            &devices,
        )
        .unwrap_or_default();
        if exclude.contains(&root) {
            return Err(AppError::validation(
                "volumes",
                crate::tr!(images.root_always_included, root = root),
            ));
        }
    }
    let out = client
        .create_image()
        .instance_id(instance_id)
        .name(name)
        .description(description)
        .no_reboot(no_reboot)
        .set_block_device_mappings((!exclude.is_empty()).then(|| {
            exclude
                .iter()
                .map(|d| {
                    aws_sdk_ec2::types::BlockDeviceMapping::builder()
                        .device_name(d)
                        .no_device("")
                        .build()
                })
                .collect()
        }))
        .send()
        .await?;
    let id = out.image_id().unwrap_or_default().to_string();
    tracing::info!(image_id = %id, instance_id, "image created");
    Ok(id)
}

/// Deregisters an image, then deletes its snapshots when asked; returns the snapshots deleted.
pub async fn deregister(
    client: &aws_sdk_ec2::Client,
    id: &str,
    delete_snapshots: bool,
) -> Result<Vec<String>, AppError> {
    let image = describe(client, id).await?;
    client.deregister_image().image_id(id).send().await?;
    tracing::info!(image_id = id, "image deregistered");
    let mut deleted = Vec::new();
    if delete_snapshots {
        for snapshot in &image.snapshot_ids {
            client.delete_snapshot().snapshot_id(snapshot).send().await?;
            deleted.push(snapshot.clone());
        }
    }
    Ok(deleted)
}
