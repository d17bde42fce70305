//! The launch flow: one page of sections (name and tags, AMI, type, key pair, network, storage,
//! advanced) with a live summary, the equivalent AWS CLI command, a DryRun check and a
//! ClientToken that the console itself deduplicates.

pub mod cli;
mod page;
#[cfg(feature = "ssr")]
pub mod ssr;

use crate::error::AppError;
use crate::images::ImageInfo;
use crate::instance_types::InstanceTypeInfo;
use crate::network::is_resource_id;
use crate::security_groups::RuleSpec;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

pub use page::LaunchPage;

/// Most instances one launch starts.
pub const MAX_COUNT: i32 = 50;
/// Largest user data AWS accepts, before base64 (16 KB).
pub const MAX_USER_DATA: usize = 16 * 1024;
/// Most extra EBS volumes (device names /dev/sdf to /dev/sdp).
pub const MAX_VOLUMES: usize = 11;
/// Most security groups on one network interface.
pub const MAX_GROUPS: usize = 5;
/// Most tags on one resource (Name included).
pub const MAX_TAGS: usize = 50;
/// The EBS volume types offered.
pub const VOLUME_TYPES: [&str; 7] = ["gp3", "gp2", "io1", "io2", "st1", "sc1", "standard"];

/// The page's sections, in order; validation problems point at one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Section {
    /// Name and tags.
    NameAndTags,
    /// Application and OS image.
    Image,
    /// Instance type.
    InstanceType,
    /// Key pair (login).
    KeyPair,
    /// Network settings.
    Network,
    /// Configure storage.
    Storage,
    /// Advanced details.
    Advanced,
    /// Summary (number of instances).
    Summary,
}

impl Section {
    /// The heading.
    pub fn title(self) -> &'static str {
        match self {
            Self::NameAndTags => "Name and tags",
            Self::Image => "Application and OS image (AMI)",
            Self::InstanceType => "Instance type",
            Self::KeyPair => "Key pair (login)",
            Self::Network => "Network settings",
            Self::Storage => "Configure storage",
            Self::Advanced => "Advanced details",
            Self::Summary => "Summary",
        }
    }

    /// The element ID of the section, for links from the summary.
    pub fn anchor(self) -> &'static str {
        match self {
            Self::NameAndTags => "section-name",
            Self::Image => "section-ami",
            Self::InstanceType => "section-type",
            Self::KeyPair => "section-key",
            Self::Network => "section-network",
            Self::Storage => "section-storage",
            Self::Advanced => "section-advanced",
            Self::Summary => "section-summary",
        }
    }
}

/// An extra tag and what it is applied to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LaunchTag {
    /// Tag key.
    pub key: String,
    /// Tag value.
    pub value: String,
    /// Applied to the instances.
    pub on_instances: bool,
    /// Applied to their volumes.
    pub on_volumes: bool,
}

/// An EBS volume: the root (device from the AMI) or an added one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VolumeSpec {
    /// Device name (`/dev/xvda`, `/dev/sdf`).
    pub device: String,
    /// Size in GiB.
    pub size_gib: i32,
    /// One of [`VOLUME_TYPES`].
    pub volume_type: String,
    /// Provisioned IOPS (gp3, io1, io2).
    pub iops: Option<i32>,
    /// Throughput in MiB/s (gp3).
    pub throughput: Option<i32>,
    /// Encrypted with the account's default KMS key.
    pub encrypted: bool,
    /// Deleted when the instance terminates.
    pub delete_on_termination: bool,
}

impl VolumeSpec {
    /// A gp3 volume of `size_gib` on `device` with the type's defaults.
    pub fn gp3(device: &str, size_gib: i32, delete_on_termination: bool) -> Self {
        Self {
            device: device.into(),
            size_gib,
            volume_type: "gp3".into(),
            iops: Some(3000),
            throughput: Some(125),
            encrypted: false,
            delete_on_termination,
        }
    }
}

/// A volume type's limits (inclusive ranges).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VolumeLimits {
    /// Size in GiB.
    pub size: (i32, i32),
    /// Provisioned IOPS, for types that take it.
    pub iops: Option<(i32, i32)>,
    /// Throughput in MiB/s, for types that take it.
    pub throughput: Option<(i32, i32)>,
}

/// The limits of a volume type, or `None` for an unknown type.
pub fn volume_limits(volume_type: &str) -> Option<VolumeLimits> {
    let (size, iops, throughput) = match volume_type {
        "gp3" => ((1, 16_384), Some((3000, 16_000)), Some((125, 1000))),
        "gp2" => ((1, 16_384), None, None),
        "io1" => ((4, 16_384), Some((100, 64_000)), None),
        "io2" => ((4, 65_536), Some((100, 256_000)), None),
        "st1" | "sc1" => ((125, 16_384), None, None),
        "standard" => ((1, 1024), None, None),
        _ => return None,
    };
    Some(VolumeLimits {
        size,
        iops,
        throughput,
    })
}

/// Whether the instance gets a public IPv4 address.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum PublicIp {
    /// As the subnet says.
    #[default]
    SubnetDefault,
    /// Always.
    Enable,
    /// Never.
    Disable,
}

/// What an OS-initiated shutdown does.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Shutdown {
    /// Stop the instance.
    #[default]
    Stop,
    /// Terminate it.
    Terminate,
}

impl Shutdown {
    /// The API's word.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Stop => "stop",
            Self::Terminate => "terminate",
        }
    }
}

/// A security group created for this launch.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewGroup {
    /// Group name.
    pub name: String,
    /// Group description.
    pub description: String,
    /// Inbound rules.
    pub rules: Vec<RuleSpec>,
}

/// Everything the launch page sends: one form submission.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LaunchRequest {
    /// The `Name` tag (may be empty).
    pub name: String,
    /// Extra tags.
    pub tags: Vec<LaunchTag>,
    /// The AMI.
    pub image_id: String,
    /// The instance type.
    pub instance_type: String,
    /// The key pair, or none.
    pub key_name: Option<String>,
    /// The VPC (the subnet's, or the default VPC's).
    pub vpc_id: Option<String>,
    /// The subnet, or none for the default VPC's choice.
    pub subnet_id: Option<String>,
    /// Public IPv4 address.
    pub public_ip: PublicIp,
    /// Existing security groups.
    pub security_group_ids: Vec<String>,
    /// A group to create for this launch.
    pub new_group: Option<NewGroup>,
    /// The root volume.
    pub root: VolumeSpec,
    /// Added EBS volumes.
    pub volumes: Vec<VolumeSpec>,
    /// User data as text (sent base64-encoded).
    pub user_data: String,
    /// Require IMDSv2 session tokens.
    pub imdsv2_required: bool,
    /// What an OS shutdown does.
    pub shutdown: Shutdown,
    /// Refuse `TerminateInstances` until turned off.
    pub termination_protection: bool,
    /// CloudWatch detailed (1-minute) monitoring.
    pub detailed_monitoring: bool,
    /// How many instances.
    pub count: i32,
    /// Idempotency token of this submission.
    pub client_token: String,
}

impl Default for LaunchRequest {
    fn default() -> Self {
        Self {
            name: String::new(),
            tags: vec![],
            image_id: String::new(),
            instance_type: String::new(),
            key_name: None,
            vpc_id: None,
            subnet_id: None,
            public_ip: PublicIp::SubnetDefault,
            security_group_ids: vec![],
            new_group: None,
            root: VolumeSpec::gp3("/dev/xvda", 8, true),
            volumes: vec![],
            user_data: String::new(),
            imdsv2_required: true,
            shutdown: Shutdown::Stop,
            termination_protection: false,
            detailed_monitoring: false,
            count: 1,
            client_token: String::new(),
        }
    }
}

/// A validation problem: the section and field (the input's element ID) and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// The section holding the field.
    pub section: Section,
    /// The input's element ID, so the page shows the message beside it.
    pub field: String,
    /// The field as people call it.
    pub label: String,
    /// What is wrong.
    pub message: String,
}

impl Problem {
    fn new(
        section: Section,
        field: impl Into<String>,
        label: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            section,
            field: field.into(),
            label: label.into(),
            message: message.into(),
        }
    }

    fn from_error(section: Section, field: impl Into<String>, err: AppError) -> Self {
        match err {
            AppError::Validation {
                field: label,
                message,
            } => Self::new(section, field, label, message),
            other => Self::new(section, field, section.title(), other.to_string()),
        }
    }

    /// The problem as the server function's error: field named with its section.
    pub fn into_error(self) -> AppError {
        AppError::validation(format!("{} › {}", self.section.title(), self.label), self.message)
    }
}

/// Device names for added volumes, in order.
pub fn extra_device(index: usize) -> String {
    format!("/dev/sd{}", (b'f' + index as u8) as char)
}

fn check_volume(problems: &mut Vec<Problem>, volume: &VolumeSpec, prefix: &str, label: &str, min_size: i32) {
    let s = Section::Storage;
    let Some(VolumeLimits {
        size: (lo, hi),
        iops,
        throughput,
    }) = volume_limits(&volume.volume_type)
    else {
        problems.push(Problem::new(
            s,
            format!("{prefix}-type"),
            format!("{label} type"),
            format!("“{}” is not an EBS volume type", volume.volume_type),
        ));
        return;
    };
    let lo = lo.max(min_size);
    if !(lo..=hi).contains(&volume.size_gib) {
        problems.push(Problem::new(
            s,
            format!("{prefix}-size"),
            format!("{label} size"),
            format!("must be {lo}–{hi} GiB for {}", volume.volume_type),
        ));
    }
    match (iops, volume.iops) {
        (Some((a, b)), Some(v)) if !(a..=b).contains(&v) => problems.push(Problem::new(
            s,
            format!("{prefix}-iops"),
            format!("{label} IOPS"),
            format!("must be {a}–{b} for {}", volume.volume_type),
        )),
        (Some(_), None) if volume.volume_type != "gp3" => problems.push(Problem::new(
            s,
            format!("{prefix}-iops"),
            format!("{label} IOPS"),
            format!("is required for {}", volume.volume_type),
        )),
        _ => {}
    }
    if let (Some((a, b)), Some(v)) = (throughput, volume.throughput) {
        if !(a..=b).contains(&v) {
            problems.push(Problem::new(
                s,
                format!("{prefix}-throughput"),
                format!("{label} throughput"),
                format!("must be {a}–{b} MiB/s for gp3"),
            ));
        }
    }
}

/// Checks a launch request. `image` and `itype`, when known, add the checks that need them
/// (architecture match, root volume at least the image's snapshot). Runs in the browser for
/// immediate messages and on the server as the authority.
pub fn validate(
    req: &LaunchRequest,
    image: Option<&ImageInfo>,
    itype: Option<&InstanceTypeInfo>,
) -> Vec<Problem> {
    let mut p = Vec::new();
    let tags_section = Section::NameAndTags;
    if req.name.chars().count() > 256 || req.name.chars().any(char::is_control) {
        p.push(Problem::new(
            tags_section,
            "launch-name",
            "Name",
            "must be at most 256 characters, without control characters",
        ));
    }
    if req.tags.len() + 1 > MAX_TAGS {
        p.push(Problem::new(
            tags_section,
            "add-tag",
            "Tags",
            format!("at most {MAX_TAGS} tags, Name included"),
        ));
    }
    let mut keys = vec!["Name".to_string()];
    for (i, tag) in req.tags.iter().enumerate() {
        let t = crate::tags::Tag {
            key: tag.key.clone(),
            value: tag.value.clone(),
        };
        if let Err(e) = crate::tags::check(&t) {
            p.push(Problem::from_error(tags_section, format!("tag-key-{i}"), e));
        } else if keys.contains(&tag.key) {
            p.push(Problem::new(
                tags_section,
                format!("tag-key-{i}"),
                format!("tag {}", tag.key),
                "is given twice",
            ));
        } else if !tag.on_instances && !tag.on_volumes {
            p.push(Problem::new(
                tags_section,
                format!("tag-key-{i}"),
                format!("tag {}", tag.key),
                "applies to nothing: tick instances, volumes or both",
            ));
        }
        keys.push(tag.key.clone());
    }

    if req.image_id.is_empty() {
        p.push(Problem::new(Section::Image, "image", "AMI", "choose an image"));
    } else if !crate::images::is_image_id(&req.image_id) {
        p.push(Problem::new(
            Section::Image,
            "image",
            "AMI",
            format!("“{}” is not an AMI ID", req.image_id),
        ));
    }

    if !crate::instance_types::is_type_name(&req.instance_type) {
        p.push(Problem::new(
            Section::InstanceType,
            "instance-type",
            "Instance type",
            "choose an instance type",
        ));
    } else if let (Some(image), Some(itype)) = (image, itype) {
        if !itype.architectures.contains(&image.architecture) {
            p.push(Problem::new(
                Section::InstanceType,
                "instance-type",
                "Instance type",
                format!(
                    "{} does not run {} images ({} supports {})",
                    itype.name,
                    image.architecture,
                    itype.name,
                    itype.architectures.join(", ")
                ),
            ));
        }
    }

    if let Some(key) = &req.key_name {
        if let Err(e) = crate::key_pairs::check_name(key) {
            p.push(Problem::from_error(Section::KeyPair, "key-name", e));
        }
    }

    let net = Section::Network;
    if let Some(vpc) = &req.vpc_id {
        if !is_resource_id("vpc", vpc) {
            p.push(Problem::new(
                net,
                "vpc",
                "VPC",
                format!("“{vpc}” is not a VPC ID"),
            ));
        }
    }
    if let Some(subnet) = &req.subnet_id {
        if !is_resource_id("subnet", subnet) {
            p.push(Problem::new(
                net,
                "subnet",
                "Subnet",
                format!("“{subnet}” is not a subnet ID"),
            ));
        }
    }
    for group in &req.security_group_ids {
        if !is_resource_id("sg", group) {
            p.push(Problem::new(
                net,
                "security-groups",
                "Security groups",
                format!("“{group}” is not a security group ID"),
            ));
        }
    }
    let groups = req.security_group_ids.len() + usize::from(req.new_group.is_some());
    if groups > MAX_GROUPS {
        p.push(Problem::new(
            net,
            "security-groups",
            "Security groups",
            format!("at most {MAX_GROUPS} per instance"),
        ));
    }
    if let Some(group) = &req.new_group {
        if let Err(e) = crate::security_groups::check_group_name(&group.name) {
            p.push(Problem::from_error(net, "new-group-name", e));
        }
        if group.description.trim().is_empty() {
            p.push(Problem::new(
                net,
                "new-group-description",
                "security group description",
                "is required",
            ));
        } else if let Err(e) =
            crate::security_groups::check_description("security group description", &group.description)
        {
            p.push(Problem::from_error(net, "new-group-description", e));
        }
        for rule in &group.rules {
            if let Err(e) = crate::security_groups::check_rule(rule) {
                p.push(Problem::from_error(net, "quick-rules", e));
            }
        }
    }

    let root_min = image.and_then(|i| i.root_volume_size).unwrap_or(1);
    if matches!(req.root.volume_type.as_str(), "st1" | "sc1") {
        p.push(Problem::new(
            Section::Storage,
            "root-type",
            "Root volume type",
            "st1 and sc1 cannot be boot volumes",
        ));
    }
    check_volume(&mut p, &req.root, "root", "Root volume", root_min);
    if req.volumes.len() > MAX_VOLUMES {
        p.push(Problem::new(
            Section::Storage,
            "add-volume",
            "Volumes",
            format!("at most {MAX_VOLUMES} added volumes"),
        ));
    }
    for (i, volume) in req.volumes.iter().enumerate() {
        if volume.device != extra_device(i) {
            p.push(Problem::new(
                Section::Storage,
                format!("volume-{i}-size"),
                format!("Volume {} device", i + 1),
                format!("must be {}", extra_device(i)),
            ));
        }
        check_volume(
            &mut p,
            volume,
            &format!("volume-{i}"),
            &format!("Volume {}", i + 1),
            1,
        );
    }

    if req.user_data.len() > MAX_USER_DATA {
        p.push(Problem::new(
            Section::Advanced,
            "user-data",
            "User data",
            format!(
                "is {} bytes; at most {MAX_USER_DATA} bytes (16 KB) before encoding",
                req.user_data.len()
            ),
        ));
    }

    if !(1..=MAX_COUNT).contains(&req.count) {
        p.push(Problem::new(
            Section::Summary,
            "count",
            "Number of instances",
            format!("must be 1–{MAX_COUNT}"),
        ));
    }
    if req.client_token.is_empty()
        || req.client_token.len() > 64
        || !req.client_token.bytes().all(|b| b.is_ascii_graphic())
    {
        p.push(Problem::new(
            Section::Summary,
            "launch",
            "Client token",
            "must be 1–64 printable ASCII characters",
        ));
    }
    p
}

/// Tags as (key, value) pairs.
pub type TagPairs = Vec<(String, String)>;

/// The tags for the instances (Name first) and for their volumes.
pub fn split_tags_of(req: &LaunchRequest) -> (TagPairs, TagPairs) {
    let mut instance = Vec::new();
    let mut volumes = Vec::new();
    if !req.name.is_empty() {
        instance.push(("Name".to_string(), req.name.clone()));
    }
    for t in &req.tags {
        if t.on_instances {
            instance.push((t.key.clone(), t.value.clone()));
        }
        if t.on_volumes {
            volumes.push((t.key.clone(), t.value.clone()));
        }
    }
    (instance, volumes)
}

/// What a launch started.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LaunchResult {
    /// The region launched in.
    pub region: String,
    /// The instances launched.
    pub instance_ids: Vec<String>,
    /// The security group created for the launch, if any.
    pub created_group: Option<String>,
    /// Whether this is the remembered result of an earlier submission of the same token.
    pub replayed: bool,
    /// Things the console adjusted or the endpoint ignored, for the user to know.
    pub notes: Vec<String>,
}

/// What the network and firewall sections choose from, plus the browser's address as the console sees it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LaunchChoices {
    /// VPCs and subnets.
    pub network: crate::network::Network,
    /// Every security group of the region.
    pub security_groups: Vec<crate::security_groups::SecurityGroupInfo>,
    /// The client's IP address, for "SSH from my IP".
    pub my_ip: String,
}

/// The network, security groups and the caller's address for the launch page, in one call.
#[leptos::server]
pub async fn load_launch_choices(region: Option<String>) -> Result<LaunchChoices, AppError> {
    let mut caller = crate::auth::ssr::Caller::current().await?;
    let region = caller.region(region.as_deref()).await?;
    let client = caller.ec2(&region)?;
    let (network, security_groups) = futures::try_join!(
        crate::network::ssr::network(&client),
        crate::security_groups::ssr::list(&client, None)
    )?;
    Ok(LaunchChoices {
        network,
        security_groups,
        my_ip: ssr::client_ip().unwrap_or_else(|| "127.0.0.1".into()),
    })
}

/// Launches instances: validation, existence checks and a DryRun first; then (once per client
/// token, however often it is submitted) the security group and `RunInstances`.
#[leptos::server(input = Json)]
pub async fn launch_instances(
    region: Option<String>,
    request: LaunchRequest,
) -> Result<LaunchResult, AppError> {
    if let Some(problem) = validate(&request, None, None).into_iter().next() {
        return Err(problem.into_error());
    }
    let mut caller = crate::auth::ssr::Caller::current().await?;
    caller.require_writable("RunInstances")?;
    let region = caller.region(region.as_deref()).await?;
    let client = caller.ec2(&region)?;
    ssr::launch(&client, &caller.identity().account, &region, request).await
}

#[cfg(test)]
mod tests;
