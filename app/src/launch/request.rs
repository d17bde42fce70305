//! What the launch page sends and gets back: the sections, the requested instances, volumes, network and
//! tags, the limits on them, and the result and choices the server returns.

use crate::security_groups::RuleSpec;
use serde::{Deserialize, Serialize};

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
            Self::NameAndTags => crate::tr!(launch.section_name_and_tags),
            Self::Image => crate::tr!(launch.section_image),
            Self::InstanceType => crate::tr!(launch.section_instance_type),
            Self::KeyPair => crate::tr!(launch.section_key_pair),
            Self::Network => crate::tr!(launch.section_network),
            Self::Storage => crate::tr!(launch.section_storage),
            Self::Advanced => crate::tr!(launch.section_advanced),
            Self::Summary => crate::tr!(launch.section_summary),
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

impl NewGroup {
    /// The name the launch page suggests, as AWS's wizard does: `launch-wizard-N` with N one past
    /// the highest taken in the VPC (not the count, which would reuse a name after a deletion).
    pub fn suggested_name<'a>(taken: impl IntoIterator<Item = &'a str>) -> String {
        let highest = taken
            .into_iter()
            .filter_map(|name| name.strip_prefix("launch-wizard-")?.parse::<u32>().ok())
            .max()
            .unwrap_or(0);
        format!("launch-wizard-{}", highest.saturating_add(1))
    }
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
