//! AMIs: the launch flow's quick-start row, catalogue search and "My AMIs".

use crate::error::AppError;
use serde::{Deserialize, Serialize};

pub mod page;
#[cfg(feature = "ssr")]
pub mod ssr;

pub use page::ImagesPage;

/// An AMI as the pickers and lists show it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImageInfo {
    /// The AMI ID (`ami-…`).
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its description.
    pub description: String,
    /// `x86_64`, `arm64`, `i386`, …
    pub architecture: String,
    /// `ebs` or `instance-store`.
    pub root_device_type: String,
    /// The root device's name (`/dev/xvda`).
    pub root_device_name: String,
    /// The root volume's size in GiB, from its block device mapping.
    pub root_volume_size: Option<i32>,
    /// The root volume's type, from its block device mapping.
    pub root_volume_type: Option<String>,
    /// `hvm` or `paravirtual`.
    pub virtualization: String,
    /// Creation date (RFC 3339).
    pub creation_date: String,
    /// The owning account.
    pub owner_id: String,
    /// `windows` for Windows images.
    pub platform: Option<String>,
    /// `available`, `pending`, …
    pub state: String,
    /// Whether it is public.
    pub public: bool,
    /// Its block device mappings in words (`/dev/xvda: snap-… 8 GiB gp3, deleted on termination`).
    pub block_devices: Vec<String>,
    /// The EBS snapshots its mappings use.
    pub snapshot_ids: Vec<String>,
}

impl ImageInfo {
    /// The name and ID, as people refer to the image.
    pub fn label(&self) -> String {
        format!("{} ({})", self.name, self.id)
    }
}

/// One quick-start family (Amazon Linux, Ubuntu, …) with its newest image per architecture.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuickStart {
    /// The family's name.
    pub family: String,
    /// Newest image per architecture, x86_64 first.
    pub images: Vec<ImageInfo>,
}

/// Where a search looks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ImageScope {
    /// Images the account owns ("My AMIs").
    #[default]
    Mine,
    /// Private images other accounts shared with this one.
    Shared,
    /// The region's public catalogue.
    Public,
}

/// A search's results, newest first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImageSearch {
    /// The images found (at most [`MAX_RESULTS`]).
    pub images: Vec<ImageInfo>,
    /// Whether more matched than are returned (refine the search).
    pub truncated: bool,
}

/// Most images a search returns; the page shows them in pages.
pub const MAX_RESULTS: usize = 500;

/// Whether `id` has the shape of an AMI ID.
pub fn is_image_id(id: &str) -> bool {
    crate::network::is_resource_id("ami", id)
}

/// Checks a search text: at most 128 characters, no control characters.
pub fn check_query(query: &str) -> Result<(), AppError> {
    if query.chars().count() > 128 {
        return Err(AppError::validation(
            "AMI search",
            crate::tr!(images.query_too_long),
        ));
    }
    if query.chars().any(char::is_control) {
        return Err(AppError::validation(
            "AMI search",
            crate::tr!(images.query_control),
        ));
    }
    Ok(())
}

/// The quick-start row for `region` (or the session's region): the newest image of each popular family found.
#[leptos::server]
pub async fn quick_start_images(region: Option<String>) -> Result<Vec<QuickStart>, AppError> {
    let mut caller = crate::auth::ssr::Caller::current().await?;
    let region = caller.region(region.as_deref()).await?;
    ssr::quick_start(&caller.ec2(&region)?, &region).await
}

/// Searches `scope` for images whose name, description, ID or architecture matches `query` (all when empty).
#[leptos::server]
pub async fn search_images(
    region: Option<String>,
    scope: ImageScope,
    query: String,
) -> Result<ImageSearch, AppError> {
    check_query(&query)?;
    let mut caller = crate::auth::ssr::Caller::current().await?;
    let region = caller.region(region.as_deref()).await?;
    ssr::search(&caller.ec2(&region)?, scope, query.trim()).await
}

/// One image by ID.
#[leptos::server]
pub async fn describe_image(region: Option<String>, id: String) -> Result<ImageInfo, AppError> {
    if !is_image_id(&id) {
        return Err(AppError::validation(
            "AMI",
            crate::tr!(images.not_image_id, id = id),
        ));
    }
    let mut caller = crate::auth::ssr::Caller::current().await?;
    let region = caller.region(region.as_deref()).await?;
    ssr::describe(&caller.ec2(&region)?, &id).await
}

/// Checks an image name: 3–128 characters of letters, digits and `()[] ./-'@_`.
pub fn check_image_name(name: &str) -> Result<(), AppError> {
    let field = "image name";
    if !(3..=128).contains(&name.chars().count()) {
        return Err(AppError::validation(field, crate::tr!(images.name_length)));
    }
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || "()[] ./-'@_".contains(*c)))
    {
        return Err(AppError::validation(
            field,
            crate::tr!(images.name_char, character = c),
        ));
    }
    Ok(())
}

/// The device holding an instance's root volume: its root device name when a mapping has it, else
/// the first mapping (moto names the root device `/dev/xvda` but maps it at `/dev/sda1`).
pub fn root_device(root_name: &str, devices: &[String]) -> Option<String> {
    devices
        .iter()
        .find(|d| *d == root_name)
        .or_else(|| devices.first())
        .cloned()
}

/// Checks the device names of volumes left out of an image (`/dev/sdf`, `xvdg`, at most 32 characters).
pub fn check_excluded(devices: &[String]) -> Result<(), AppError> {
    for device in devices {
        let ok = device.len() <= 32
            && (device.starts_with("/dev/") || device.starts_with("xvd"))
            && device.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'/');
        if !ok {
            return Err(AppError::validation(
                "volumes",
                crate::tr!(images.not_device_name, device = device),
            ));
        }
    }
    Ok(())
}

/// Creates an image from an instance, leaving out the volumes on `exclude` (device names; the root
/// volume cannot be left out); returns the new AMI's ID.
#[leptos::server(input = leptos::server_fn::codec::Json)]
pub async fn create_image(
    region: Option<String>,
    instance_id: String,
    name: String,
    description: String,
    no_reboot: bool,
    exclude: Vec<String>,
) -> Result<String, AppError> {
    let mut caller = crate::auth::ssr::Caller::current().await?;
    caller.act("CreateImage").await?;
    crate::instances::actions::check_id(&instance_id)?;
    check_image_name(&name)?;
    crate::security_groups::check_description("description", &description)?;
    check_excluded(&exclude)?;
    let region = caller.region(region.as_deref()).await?;
    ssr::create(
        &caller.ec2(&region)?,
        &instance_id,
        &name,
        &description,
        no_reboot,
        &exclude,
    )
    .await
}

/// Deregisters an image and, when asked, deletes the snapshots it used; returns the snapshots deleted.
#[leptos::server]
pub async fn deregister_image(
    region: Option<String>,
    id: String,
    delete_snapshots: bool,
) -> Result<Vec<String>, AppError> {
    let mut caller = crate::auth::ssr::Caller::current().await?;
    caller.act("DeregisterImage").await?;
    if !is_image_id(&id) {
        return Err(AppError::validation(
            "AMI",
            crate::tr!(images.not_image_id, id = id),
        ));
    }
    let region = caller.region(region.as_deref()).await?;
    ssr::deregister(&caller.ec2(&region)?, &id, delete_snapshots).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_root_device_is_found_by_name_or_first() {
        let devices = vec!["/dev/sda1".to_string(), "/dev/sdf".to_string()];
        assert_eq!(root_device("/dev/sdf", &devices).as_deref(), Some("/dev/sdf"));
        assert_eq!(root_device("/dev/xvda", &devices).as_deref(), Some("/dev/sda1"));
        assert_eq!(root_device("/dev/xvda", &[]), None);
    }

    #[test]
    fn excluded_devices() {
        assert!(check_excluded(&["/dev/sdf".into(), "xvdg".into()]).is_ok());
        assert!(check_excluded(&["/dev/sdf; rm".into()]).is_err());
        assert!(check_excluded(&["sdf".into()]).is_err());
    }

    #[test]
    fn image_names() {
        assert!(check_image_name("web-server (2026-11-27)").is_ok());
        assert!(check_image_name("ab").is_err());
        assert!(check_image_name("name*").is_err());
        assert!(check_image_name(&"a".repeat(129)).is_err());
    }

    #[test]
    fn queries() {
        assert!(check_query("ubuntu noble").is_ok());
        assert!(check_query("").is_ok());
        assert!(check_query(&"a".repeat(129)).is_err());
        assert!(check_query("a\u{0}b").is_err());
    }
}
