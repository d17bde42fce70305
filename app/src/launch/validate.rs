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
            other => Self::new(section, field, section.title(), other.describe()),
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
            crate::tr!(launch.volume_type_label, volume = label),
            crate::tr!(launch.not_volume_type, kind = volume.volume_type),
        ));
        return;
    };
    let lo = lo.max(min_size);
    if !(lo..=hi).contains(&volume.size_gib) {
        problems.push(Problem::new(
            s,
            format!("{prefix}-size"),
            crate::tr!(launch.volume_size_label, volume = label),
            crate::tr!(launch.size_range, min = lo, max = hi, kind = volume.volume_type),
        ));
    }
    match (iops, volume.iops) {
        (Some((a, b)), Some(v)) if !(a..=b).contains(&v) => problems.push(Problem::new(
            s,
            format!("{prefix}-iops"),
            crate::tr!(launch.volume_iops_label, volume = label),
            crate::tr!(launch.iops_range, min = a, max = b, kind = volume.volume_type),
        )),
        (Some(_), None) if volume.volume_type != "gp3" => problems.push(Problem::new(
            s,
            format!("{prefix}-iops"),
            crate::tr!(launch.volume_iops_label, volume = label),
            crate::tr!(launch.iops_required, kind = volume.volume_type),
        )),
        _ => {}
    }
    if let (Some((a, b)), Some(v)) = (throughput, volume.throughput) {
        if !(a..=b).contains(&v) {
            problems.push(Problem::new(
                s,
                format!("{prefix}-throughput"),
                crate::tr!(launch.volume_throughput_label, volume = label),
                crate::tr!(launch.throughput_range, min = a, max = b),
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
            crate::tr!(launch.label_name),
            crate::tr!(launch.name_invalid),
        ));
    }
    if req.tags.len() + 1 > MAX_TAGS {
        p.push(Problem::new(
            tags_section,
            "add-tag",
            crate::tr!(launch.label_tags),
            crate::tr!(launch.too_many_tags, max = MAX_TAGS),
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
                crate::tr!(launch.label_tag, key = tag.key),
                crate::tr!(launch.tag_twice),
            ));
        } else if !tag.on_instances && !tag.on_volumes {
            p.push(Problem::new(
                tags_section,
                format!("tag-key-{i}"),
                crate::tr!(launch.label_tag, key = tag.key),
                crate::tr!(launch.tag_applies_to_nothing),
            ));
        }
        keys.push(tag.key.clone());
    }

    if req.image_id.is_empty() {
        p.push(Problem::new(
            Section::Image,
            "image",
            "AMI",
            crate::tr!(launch.choose_image),
        ));
    } else if !crate::images::is_image_id(&req.image_id) {
        p.push(Problem::new(
            Section::Image,
            "image",
            "AMI",
            crate::tr!(launch.not_ami_id, id = req.image_id),
        ));
    }

    if !crate::instance_types::is_type_name(&req.instance_type) {
        p.push(Problem::new(
            Section::InstanceType,
            "instance-type",
            crate::tr!(launch.label_instance_type),
            crate::tr!(launch.choose_instance_type),
        ));
    } else if let (Some(image), Some(itype)) = (image, itype) {
        if !itype.architectures.contains(&image.architecture) {
            p.push(Problem::new(
                Section::InstanceType,
                "instance-type",
                crate::tr!(launch.label_instance_type),
                crate::tr!(
                    launch.arch_mismatch,
                    kind = itype.name,
                    arch = image.architecture,
                    supported = itype.architectures.join(", ")
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
                crate::tr!(launch.not_vpc_id, id = vpc),
            ));
        }
    }
    if let Some(subnet) = &req.subnet_id {
        if !is_resource_id("subnet", subnet) {
            p.push(Problem::new(
                net,
                "subnet",
                crate::tr!(launch.label_subnet),
                crate::tr!(launch.not_subnet_id, id = subnet),
            ));
        }
    }
    for group in &req.security_group_ids {
        if !is_resource_id("sg", group) {
            p.push(Problem::new(
                net,
                "security-groups",
                crate::tr!(launch.label_security_groups),
                crate::tr!(launch.not_group_id, id = group),
            ));
        }
    }
    let groups = req.security_group_ids.len() + usize::from(req.new_group.is_some());
    if groups > MAX_GROUPS {
        p.push(Problem::new(
            net,
            "security-groups",
            crate::tr!(launch.label_security_groups),
            crate::tr!(launch.too_many_groups, max = MAX_GROUPS),
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
                crate::tr!(launch.label_group_description),
                crate::tr!(launch.required),
            ));
        } else if let Err(e) = crate::security_groups::check_description(
            crate::tr!(launch.label_group_description),
            &group.description,
        ) {
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
            crate::tr!(launch.volume_type_label, volume = crate::tr!(launch.root_volume)),
            crate::tr!(launch.root_not_bootable),
        ));
    }
    check_volume(
        &mut p,
        &req.root,
        "root",
        crate::tr!(launch.root_volume),
        root_min,
    );
    if req.volumes.len() > MAX_VOLUMES {
        p.push(Problem::new(
            Section::Storage,
            "add-volume",
            crate::tr!(launch.label_volumes),
            crate::tr!(launch.too_many_volumes, max = MAX_VOLUMES),
        ));
    }
    for (i, volume) in req.volumes.iter().enumerate() {
        if volume.device != extra_device(i) {
            p.push(Problem::new(
                Section::Storage,
                format!("volume-{i}-size"),
                crate::tr!(launch.volume_device_label, number = i + 1),
                crate::tr!(launch.device_must_be, device = extra_device(i)),
            ));
        }
        check_volume(
            &mut p,
            volume,
            &format!("volume-{i}"),
            &crate::tr!(launch.volume_number, number = i + 1),
            1,
        );
    }

    if req.user_data.len() > MAX_USER_DATA {
        p.push(Problem::new(
            Section::Advanced,
            "user-data",
            crate::tr!(launch.label_user_data),
            crate::tr!(
                launch.user_data_too_big,
                size = req.user_data.len(),
                max = MAX_USER_DATA
            ),
        ));
    }

    if !(1..=MAX_COUNT).contains(&req.count) {
        p.push(Problem::new(
            Section::Summary,
            "count",
            crate::tr!(launch.label_count),
            crate::tr!(launch.count_range, max = MAX_COUNT),
        ));
    }
    if req.client_token.is_empty()
        || req.client_token.len() > 64
        || !req.client_token.bytes().all(|b| b.is_ascii_graphic())
    {
        p.push(Problem::new(
            Section::Summary,
            "launch",
            crate::tr!(launch.label_client_token),
            crate::tr!(launch.client_token_invalid),
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
