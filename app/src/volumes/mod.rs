//! Volumes and snapshots: list, create (blank or from a snapshot), attach to an instance in the
//! same AZ, detach, delete (refused while attached), snapshot; the page and the server functions.

use crate::error::AppError;
use crate::launch::{volume_limits, VolumeLimits};
use crate::network::is_resource_id;
use crate::regions::Across;
use serde::{Deserialize, Serialize};

mod forms;
mod page;
#[cfg(feature = "ssr")]
pub mod ssr;

pub use page::VolumesPage;

/// An EBS volume as the list shows it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VolumeInfo {
    /// The volume ID (`vol-…`).
    pub id: String,
    /// The region it is in (filled in by the list).
    #[serde(default)]
    pub region: String,
    /// Its `Name` tag.
    pub name: Option<String>,
    /// Size in GiB.
    pub size_gib: i32,
    /// `gp3`, `gp2`, …
    pub volume_type: String,
    /// Provisioned IOPS, when the type has them.
    pub iops: Option<i32>,
    /// Throughput in MiB/s (gp3).
    pub throughput: Option<i32>,
    /// `available`, `in-use`, …
    pub state: String,
    /// Its Availability Zone.
    pub availability_zone: String,
    /// The instance it is attached to.
    pub instance_id: Option<String>,
    /// The device name there.
    pub device: Option<String>,
    /// Whether it is encrypted.
    pub encrypted: bool,
    /// The snapshot it was created from.
    pub snapshot_id: Option<String>,
    /// When it was created (RFC 3339).
    pub created: Option<String>,
}

/// An EBS snapshot owned by the account.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnapshotInfo {
    /// The snapshot ID (`snap-…`).
    pub id: String,
    /// The region it is in (filled in by the list).
    #[serde(default)]
    pub region: String,
    /// The volume it was taken from.
    pub volume_id: String,
    /// Size in GiB.
    pub size_gib: i32,
    /// `pending`, `completed`, …
    pub state: String,
    /// Its description.
    pub description: String,
    /// When it was started (RFC 3339).
    pub started: Option<String>,
    /// Whether it is encrypted.
    pub encrypted: bool,
}

/// A volume to create.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewVolume {
    /// The Availability Zone.
    pub availability_zone: String,
    /// Size in GiB (at least the snapshot's).
    pub size_gib: i32,
    /// One of the EBS volume types.
    pub volume_type: String,
    /// Provisioned IOPS (gp3, io1, io2).
    pub iops: Option<i32>,
    /// Throughput (gp3).
    pub throughput: Option<i32>,
    /// Encrypt with the account's default key.
    pub encrypted: bool,
    /// Create from this snapshot.
    pub snapshot_id: Option<String>,
    /// The `Name` tag.
    pub name: String,
}

/// Checks a new volume: AZ shape, type, size/IOPS/throughput in the type's ranges, snapshot ID, name.
pub fn check_new(v: &NewVolume) -> Result<(), AppError> {
    if v.availability_zone.is_empty()
        || !v
            .availability_zone
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        return Err(AppError::validation(
            "Availability Zone",
            crate::tr!(volumes.az_required),
        ));
    }
    let Some(VolumeLimits {
        size: (lo, hi),
        iops,
        throughput,
    }) = volume_limits(&v.volume_type)
    else {
        return Err(AppError::validation(
            "volume type",
            crate::tr!(volumes.not_volume_type, kind = v.volume_type),
        ));
    };
    if !(lo..=hi).contains(&v.size_gib) {
        return Err(AppError::validation(
            "size",
            crate::tr!(volumes.size_range, lo = lo, hi = hi, kind = v.volume_type),
        ));
    }
    match (iops, v.iops) {
        (Some((a, b)), Some(n)) if !(a..=b).contains(&n) => {
            return Err(AppError::validation(
                "IOPS",
                crate::tr!(volumes.iops_range, lo = a, hi = b, kind = v.volume_type),
            ))
        }
        (None, Some(_)) => {
            return Err(AppError::validation(
                "IOPS",
                crate::tr!(volumes.iops_not_taken, kind = v.volume_type),
            ))
        }
        (Some(_), None) if v.volume_type != "gp3" => {
            return Err(AppError::validation(
                "IOPS",
                crate::tr!(volumes.iops_required, kind = v.volume_type),
            ))
        }
        _ => {}
    }
    match (throughput, v.throughput) {
        (Some((a, b)), Some(n)) if !(a..=b).contains(&n) => {
            return Err(AppError::validation(
                "throughput",
                crate::tr!(volumes.throughput_range, lo = a, hi = b),
            ))
        }
        (None, Some(_)) => {
            return Err(AppError::validation(
                "throughput",
                crate::tr!(volumes.throughput_only_gp3),
            ))
        }
        _ => {}
    }
    if let Some(snap) = &v.snapshot_id {
        check_id("snapshot", "snap", snap)?;
    }
    crate::tags::check(&crate::tags::Tag {
        key: "Name".into(),
        value: v.name.clone(),
    })
}

/// Checks that `id` is an ID with `prefix` (`vol`, `snap`, `i`), naming `field`.
pub fn check_id(field: &str, prefix: &str, id: &str) -> Result<(), AppError> {
    if is_resource_id(prefix, id) {
        Ok(())
    } else {
        // The field names the kind of ID in the message, in the page's language.
        let what = match field {
            "volume" => crate::tr!(volumes.id_noun_volume),
            "snapshot" => crate::tr!(volumes.id_noun_snapshot),
            other => other,
        };
        Err(AppError::validation(
            field,
            crate::tr!(volumes.id_invalid, id = id, what = what, prefix = prefix),
        ))
    }
}

/// Checks a device name for an attachment: `/dev/sd[f-p]` or `/dev/xvd[f-p]` (Linux), `xvd[f-p]` (Windows).
pub fn check_device(device: &str) -> Result<(), AppError> {
    let letter = device
        .strip_prefix("/dev/sd")
        .or_else(|| device.strip_prefix("/dev/xvd"))
        .or_else(|| device.strip_prefix("xvd"));
    match letter {
        Some(l) if l.len() == 1 && ('f'..='p').contains(&l.chars().next().unwrap_or('a')) => Ok(()),
        _ => Err(AppError::validation(
            "device name",
            crate::tr!(volumes.device_invalid, device = device),
        )),
    }
}

impl crate::regions::Regional for VolumeInfo {
    fn set_region(&mut self, region: &str) {
        self.region = region.to_string();
    }
}

impl crate::regions::Regional for SnapshotInfo {
    fn set_region(&mut self, region: &str) {
        self.region = region.to_string();
    }
}

/// Lists the volumes of `region` (or the session's region).
#[leptos::server]
pub async fn list_volumes(region: Option<String>) -> Result<Across<VolumeInfo>, AppError> {
    let mut caller = crate::auth::ssr::Caller::current().await?;
    crate::regions::ssr::listed(&mut caller, region.as_deref(), |client, _| async move {
        ssr::list(&client).await
    })
    .await
}

/// Lists the snapshots the account owns in `region`.
#[leptos::server]
pub async fn list_snapshots(region: Option<String>) -> Result<Across<SnapshotInfo>, AppError> {
    let mut caller = crate::auth::ssr::Caller::current().await?;
    crate::regions::ssr::listed(&mut caller, region.as_deref(), |client, _| async move {
        ssr::snapshots(&client).await
    })
    .await
}

/// Creates a volume (blank or from a snapshot); returns it.
#[leptos::server(input = leptos::server_fn::codec::Json)]
pub async fn create_volume(region: Option<String>, volume: NewVolume) -> Result<VolumeInfo, AppError> {
    let mut caller = crate::auth::ssr::Caller::current().await?;
    caller.act("CreateVolume").await?;
    check_new(&volume)?;
    let region = caller.region(region.as_deref()).await?;
    ssr::create(&caller.ec2(&region)?, &volume).await
}

/// Attaches a volume to an instance in its AZ as `device`.
#[leptos::server]
pub async fn attach_volume(
    region: Option<String>,
    volume_id: String,
    instance_id: String,
    device: String,
) -> Result<(), AppError> {
    let mut caller = crate::auth::ssr::Caller::current().await?;
    caller.act("AttachVolume").await?;
    check_id("volume", "vol", &volume_id)?;
    crate::instances::actions::check_id(&instance_id)?;
    check_device(&device)?;
    let region = caller.region(region.as_deref()).await?;
    ssr::attach(&caller.ec2(&region)?, &volume_id, &instance_id, &device).await
}

/// Detaches a volume from its instance.
#[leptos::server]
pub async fn detach_volume(region: Option<String>, volume_id: String) -> Result<(), AppError> {
    let mut caller = crate::auth::ssr::Caller::current().await?;
    caller.act("DetachVolume").await?;
    check_id("volume", "vol", &volume_id)?;
    let region = caller.region(region.as_deref()).await?;
    ssr::detach(&caller.ec2(&region)?, &volume_id).await
}

/// Deletes a volume; refused while it is attached.
#[leptos::server]
pub async fn delete_volume(region: Option<String>, volume_id: String) -> Result<(), AppError> {
    let mut caller = crate::auth::ssr::Caller::current().await?;
    caller.act("DeleteVolume").await?;
    check_id("volume", "vol", &volume_id)?;
    let region = caller.region(region.as_deref()).await?;
    ssr::delete(&caller.ec2(&region)?, &volume_id).await
}

/// Starts a snapshot of a volume; returns it.
#[leptos::server]
pub async fn create_snapshot(
    region: Option<String>,
    volume_id: String,
    description: String,
) -> Result<SnapshotInfo, AppError> {
    let mut caller = crate::auth::ssr::Caller::current().await?;
    caller.act("CreateSnapshot").await?;
    check_id("volume", "vol", &volume_id)?;
    crate::security_groups::check_description("description", &description)?;
    let region = caller.region(region.as_deref()).await?;
    ssr::snapshot(&caller.ec2(&region)?, &volume_id, &description).await
}

/// Deletes a snapshot.
#[leptos::server]
pub async fn delete_snapshot(region: Option<String>, snapshot_id: String) -> Result<(), AppError> {
    let mut caller = crate::auth::ssr::Caller::current().await?;
    caller.act("DeleteSnapshot").await?;
    check_id("snapshot", "snap", &snapshot_id)?;
    let region = caller.region(region.as_deref()).await?;
    ssr::delete_snapshot(&caller.ec2(&region)?, &snapshot_id).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gp3(size: i32) -> NewVolume {
        NewVolume {
            availability_zone: "us-east-1a".into(),
            size_gib: size,
            volume_type: "gp3".into(),
            iops: Some(3000),
            throughput: Some(125),
            encrypted: false,
            snapshot_id: None,
            name: "data".into(),
        }
    }

    fn field(r: Result<(), AppError>) -> String {
        match r {
            Err(AppError::Validation { field, .. }) => field,
            other => format!("{other:?}"),
        }
    }

    #[test]
    fn new_volumes_are_checked_against_their_type() {
        assert!(check_new(&gp3(100)).is_ok());
        assert_eq!(field(check_new(&gp3(0))), "size");
        assert_eq!(field(check_new(&gp3(16_385))), "size");
        assert_eq!(
            field(check_new(&NewVolume {
                iops: Some(99_999),
                ..gp3(10)
            })),
            "IOPS"
        );
        assert_eq!(
            field(check_new(&NewVolume {
                throughput: Some(5),
                ..gp3(10)
            })),
            "throughput"
        );
        let st1 = NewVolume {
            volume_type: "st1".into(),
            iops: None,
            throughput: None,
            ..gp3(100)
        };
        assert_eq!(field(check_new(&st1)), "size", "st1 starts at 125 GiB");
        assert_eq!(
            field(check_new(&NewVolume {
                volume_type: "gp2".into(),
                throughput: None,
                ..gp3(10)
            })),
            "IOPS"
        );
        assert_eq!(
            field(check_new(&NewVolume {
                volume_type: "io9".into(),
                ..gp3(10)
            })),
            "volume type"
        );
        assert_eq!(
            field(check_new(&NewVolume {
                availability_zone: "".into(),
                ..gp3(10)
            })),
            "Availability Zone"
        );
        assert_eq!(
            field(check_new(&NewVolume {
                snapshot_id: Some("snap-x".into()),
                ..gp3(10)
            })),
            "snapshot"
        );
    }

    #[test]
    fn device_names() {
        for ok in ["/dev/sdf", "/dev/sdp", "/dev/xvdg", "xvdh"] {
            assert!(check_device(ok).is_ok(), "{ok}");
        }
        for bad in ["/dev/sda1", "/dev/sdq", "/dev/sdff", "sdf", ""] {
            assert!(check_device(bad).is_err(), "{bad}");
        }
    }
}
