//! Server-only: the EBS calls behind the Volumes page, with the console's own checks where moto is
//! lenient (attaching across AZs, deleting an attached volume).

use super::{NewVolume, SnapshotInfo, VolumeInfo};
use crate::error::AppError;
use aws_sdk_ec2::primitives::DateTimeFormat;
use aws_sdk_ec2::types::{ResourceType, Snapshot, Tag, TagSpecification, Volume, VolumeType};

fn to_info(v: &Volume) -> VolumeInfo {
    let attachment = v.attachments().first();
    VolumeInfo {
        region: String::new(),
        id: v.volume_id().unwrap_or_default().to_string(),
        name: crate::network::ssr::name_tag(v.tags()),
        size_gib: v.size().unwrap_or_default(),
        volume_type: v
            .volume_type()
            .map(|t| t.as_str().to_string())
            .unwrap_or_default(),
        iops: v.iops(),
        throughput: v.throughput(),
        state: v.state().map(|s| s.as_str().to_string()).unwrap_or_default(),
        availability_zone: v.availability_zone().unwrap_or_default().to_string(),
        instance_id: attachment.and_then(|a| a.instance_id()).map(str::to_string),
        device: attachment.and_then(|a| a.device()).map(str::to_string),
        encrypted: v.encrypted().unwrap_or(false),
        snapshot_id: v.snapshot_id().filter(|s| !s.is_empty()).map(str::to_string),
        created: v.create_time().and_then(|t| t.fmt(DateTimeFormat::DateTime).ok()),
    }
}

fn to_snapshot(s: &Snapshot) -> SnapshotInfo {
    SnapshotInfo {
        region: String::new(),
        id: s.snapshot_id().unwrap_or_default().to_string(),
        volume_id: s.volume_id().unwrap_or_default().to_string(),
        size_gib: s.volume_size().unwrap_or_default(),
        state: s.state().map(|x| x.as_str().to_string()).unwrap_or_default(),
        description: s.description().unwrap_or_default().to_string(),
        started: s.start_time().and_then(|t| t.fmt(DateTimeFormat::DateTime).ok()),
        encrypted: s.encrypted().unwrap_or(false),
    }
}

/// Every volume of the client's region, by name then ID.
pub async fn list(client: &aws_sdk_ec2::Client) -> Result<Vec<VolumeInfo>, AppError> {
    let mut out = Vec::new();
    let mut pages = client.describe_volumes().into_paginator().send();
    while let Some(page) = pages.next().await {
        out.extend(page?.volumes().iter().map(to_info));
    }
    out.sort_by(|a, b| crate::components::table::natural_cmp(&a.id, &b.id));
    Ok(out)
}

/// One volume by ID.
pub async fn get(client: &aws_sdk_ec2::Client, id: &str) -> Result<VolumeInfo, AppError> {
    let out = client.describe_volumes().volume_ids(id).send().await?;
    out.volumes().first().map(to_info).ok_or_else(|| AppError::Aws {
        code: "InvalidVolume.NotFound".into(),
        message: format!("The volume '{id}' does not exist."),
        request_id: None,
    })
}

/// The snapshots the account owns.
pub async fn snapshots(client: &aws_sdk_ec2::Client) -> Result<Vec<SnapshotInfo>, AppError> {
    let mut out = Vec::new();
    let mut pages = client
        .describe_snapshots()
        .owner_ids("self")
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        out.extend(page?.snapshots().iter().map(to_snapshot));
    }
    out.sort_by(|a, b| b.started.cmp(&a.started));
    Ok(out)
}

/// Creates a volume (checked by [`super::check_new`]); a size below the snapshot's is refused by name.
pub async fn create(client: &aws_sdk_ec2::Client, v: &NewVolume) -> Result<VolumeInfo, AppError> {
    if let Some(snap) = &v.snapshot_id {
        let found = client.describe_snapshots().snapshot_ids(snap).send().await?;
        if let Some(size) = found.snapshots().first().and_then(|s| s.volume_size()) {
            if v.size_gib < size {
                return Err(AppError::validation(
                    "size",
                    crate::tr!(volumes.size_below_snapshot, size = size),
                ));
            }
        }
    }
    let mut request = client
        .create_volume()
        .availability_zone(&v.availability_zone)
        .size(v.size_gib)
        .volume_type(VolumeType::from(v.volume_type.as_str()))
        .encrypted(v.encrypted)
        .set_iops(v.iops)
        .set_throughput(v.throughput)
        .set_snapshot_id(v.snapshot_id.clone());
    if !v.name.is_empty() {
        request = request.tag_specifications(
            TagSpecification::builder()
                .resource_type(ResourceType::Volume)
                .tags(Tag::builder().key("Name").value(&v.name).build())
                .build(),
        );
    }
    let out = request.send().await?;
    let id = out.volume_id().unwrap_or_default().to_string();
    tracing::info!(volume_id = %id, size = v.size_gib, "volume created");
    get(client, &id).await
}

/// Attaches the volume to an instance in the same AZ (checked here: moto would attach across AZs).
pub async fn attach(
    client: &aws_sdk_ec2::Client,
    volume_id: &str,
    instance_id: &str,
    device: &str,
) -> Result<(), AppError> {
    let volume = get(client, volume_id).await?;
    if let Some(current) = &volume.instance_id {
        return Err(AppError::validation(
            "volume",
            crate::tr!(volumes.already_attached, volume = volume_id, instance = current),
        ));
    }
    let found = client
        .describe_instances()
        .instance_ids(instance_id)
        .send()
        .await?;
    let instance = found
        .reservations()
        .iter()
        .flat_map(|r| r.instances())
        .next()
        .ok_or_else(|| AppError::Aws {
            code: "InvalidInstanceID.NotFound".into(),
            message: format!("The instance ID '{instance_id}' does not exist"),
            request_id: None,
        })?;
    let zone = instance
        .placement()
        .and_then(|p| p.availability_zone())
        .unwrap_or_default();
    if zone != volume.availability_zone {
        return Err(AppError::validation(
            "instance",
            crate::tr!(
                volumes.other_zone,
                instance = instance_id,
                zone = zone,
                volume = volume_id,
                volume_zone = volume.availability_zone,
            ),
        ));
    }
    if instance
        .block_device_mappings()
        .iter()
        .any(|m| m.device_name() == Some(device))
    {
        return Err(AppError::validation(
            "device name",
            crate::tr!(volumes.device_in_use, device = device, instance = instance_id),
        ));
    }
    client
        .attach_volume()
        .volume_id(volume_id)
        .instance_id(instance_id)
        .device(device)
        .send()
        .await?;
    tracing::info!(volume_id, instance_id, device, "volume attached");
    Ok(())
}

/// Detaches the volume from its instance (the instance ID is sent too: moto fails without it).
pub async fn detach(client: &aws_sdk_ec2::Client, volume_id: &str) -> Result<(), AppError> {
    let volume = get(client, volume_id).await?;
    let Some(instance) = volume.instance_id else {
        return Err(AppError::validation(
            "volume",
            crate::tr!(volumes.not_attached, volume = volume_id),
        ));
    };
    client
        .detach_volume()
        .volume_id(volume_id)
        .instance_id(&instance)
        .send()
        .await?;
    tracing::info!(volume_id, instance_id = %instance, "volume detached");
    Ok(())
}

/// Deletes the volume; refused while attached.
pub async fn delete(client: &aws_sdk_ec2::Client, volume_id: &str) -> Result<(), AppError> {
    let volume = get(client, volume_id).await?;
    if let Some(instance) = volume.instance_id {
        return Err(AppError::validation(
            "volume",
            crate::tr!(volumes.delete_attached, volume = volume_id, instance = instance),
        ));
    }
    client.delete_volume().volume_id(volume_id).send().await?;
    tracing::info!(volume_id, "volume deleted");
    Ok(())
}

/// Starts a snapshot of the volume.
pub async fn snapshot(
    client: &aws_sdk_ec2::Client,
    volume_id: &str,
    description: &str,
) -> Result<SnapshotInfo, AppError> {
    let out = client
        .create_snapshot()
        .volume_id(volume_id)
        .description(description)
        .send()
        .await?;
    tracing::info!(
        volume_id,
        snapshot_id = out.snapshot_id().unwrap_or_default(),
        "snapshot started"
    );
    Ok(SnapshotInfo {
        region: String::new(),
        id: out.snapshot_id().unwrap_or_default().to_string(),
        volume_id: volume_id.to_string(),
        size_gib: out.volume_size().unwrap_or_default(),
        state: out.state().map(|s| s.as_str().to_string()).unwrap_or_default(),
        description: out.description().unwrap_or_default().to_string(),
        started: out
            .start_time()
            .and_then(|t| t.fmt(DateTimeFormat::DateTime).ok()),
        encrypted: out.encrypted().unwrap_or(false),
    })
}

/// Deletes a snapshot.
pub async fn delete_snapshot(client: &aws_sdk_ec2::Client, snapshot_id: &str) -> Result<(), AppError> {
    client.delete_snapshot().snapshot_id(snapshot_id).send().await?;
    tracing::info!(snapshot_id, "snapshot deleted");
    Ok(())
}
