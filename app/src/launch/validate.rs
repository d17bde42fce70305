//! Checking a launch request: every field's problem, named with its section and input, in the browser
//! and on the server alike; and the tags each resource gets.

use super::{
    volume_limits, LaunchRequest, Section, VolumeLimits, VolumeSpec, MAX_COUNT, MAX_GROUPS, MAX_TAGS,
    MAX_USER_DATA, MAX_VOLUMES,
};
use crate::error::AppError;
use crate::images::ImageInfo;
use crate::instance_types::InstanceTypeInfo;
use crate::network::is_resource_id;
use serde::{Deserialize, Serialize};

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
    pub(super) fn new(
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
