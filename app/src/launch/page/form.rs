//! The form's state in one place (every field as a signal, tag and volume rows, the request it
//! makes) and the small helpers every section shares: the section frame and field messages.

use crate::images::ImageInfo;
use crate::launch::{LaunchRequest, LaunchTag, NewGroup, Problem, PublicIp, Section, Shutdown, VolumeSpec};
use crate::security_groups::QuickRule;
use leptos::prelude::*;
use std::sync::atomic::{AtomicU64, Ordering};

static NEXT_ROW: AtomicU64 = AtomicU64::new(1);

fn next_row() -> u64 {
    NEXT_ROW.fetch_add(1, Ordering::Relaxed)
}

/// A fresh idempotency token for one form submission (browser only).
pub(super) fn new_token() -> String {
    let mut bytes = [0u8; 16];
    if let Ok(crypto) = window().crypto() {
        let _ = crypto.get_random_values_with_u8_array(&mut bytes);
    }
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("ec2c-{hex}")
}

/// An editable tag row.
#[derive(Clone, Copy)]
pub(super) struct TagRow {
    pub(super) id: u64,
    pub(super) key: RwSignal<String>,
    pub(super) value: RwSignal<String>,
    pub(super) on_instances: RwSignal<bool>,
    pub(super) on_volumes: RwSignal<bool>,
}

impl TagRow {
    pub(super) fn new() -> Self {
        Self {
            id: next_row(),
            key: RwSignal::new(String::new()),
            value: RwSignal::new(String::new()),
            on_instances: RwSignal::new(true),
            on_volumes: RwSignal::new(false),
        }
    }

    fn get(&self) -> LaunchTag {
        LaunchTag {
            key: self.key.get(),
            value: self.value.get(),
            on_instances: self.on_instances.get(),
            on_volumes: self.on_volumes.get(),
        }
    }
}

/// An editable volume row; numbers stay as typed so bad input is shown, not lost.
#[derive(Clone, Copy)]
pub(super) struct VolumeRow {
    pub(super) id: u64,
    pub(super) device: RwSignal<String>,
    pub(super) size: RwSignal<String>,
    pub(super) volume_type: RwSignal<String>,
    pub(super) iops: RwSignal<String>,
    pub(super) throughput: RwSignal<String>,
    pub(super) encrypted: RwSignal<bool>,
    pub(super) delete_on_termination: RwSignal<bool>,
}

impl VolumeRow {
    pub(super) fn new(spec: &VolumeSpec) -> Self {
        let row = Self {
            id: next_row(),
            device: RwSignal::new(String::new()),
            size: RwSignal::new(String::new()),
            volume_type: RwSignal::new(String::new()),
            iops: RwSignal::new(String::new()),
            throughput: RwSignal::new(String::new()),
            encrypted: RwSignal::new(false),
            delete_on_termination: RwSignal::new(true),
        };
        row.set(spec);
        row
    }

    pub(super) fn set(&self, spec: &VolumeSpec) {
        self.device.set(spec.device.clone());
        self.size.set(spec.size_gib.to_string());
        self.volume_type.set(spec.volume_type.clone());
        self.iops
            .set(spec.iops.map(|v| v.to_string()).unwrap_or_default());
        self.throughput
            .set(spec.throughput.map(|v| v.to_string()).unwrap_or_default());
        self.encrypted.set(spec.encrypted);
        self.delete_on_termination.set(spec.delete_on_termination);
    }

    fn get(&self) -> VolumeSpec {
        let number = |s: RwSignal<String>| s.with(|t| t.trim().parse::<i32>().ok());
        let volume_type = self.volume_type.get();
        let takes_iops = matches!(volume_type.as_str(), "gp3" | "io1" | "io2");
        VolumeSpec {
            device: self.device.get(),
            size_gib: number(self.size).unwrap_or(-1),
            iops: if takes_iops {
                number(self.iops).or_else(|| self.iops.with(|t| (!t.trim().is_empty()).then_some(-1)))
            } else {
                None
            },
            throughput: if volume_type == "gp3" {
                number(self.throughput)
                    .or_else(|| self.throughput.with(|t| (!t.trim().is_empty()).then_some(-1)))
            } else {
                None
            },
            volume_type,
            encrypted: self.encrypted.get(),
            delete_on_termination: self.delete_on_termination.get(),
        }
    }
}

/// Every field of the form.
#[derive(Clone, Copy)]
pub(super) struct Form {
    pub(super) name: RwSignal<String>,
    pub(super) tags: RwSignal<Vec<TagRow>>,
    pub(super) image: RwSignal<Option<ImageInfo>>,
    pub(super) instance_type: RwSignal<Option<String>>,
    pub(super) key_name: RwSignal<String>,
    pub(super) vpc: RwSignal<String>,
    pub(super) subnet: RwSignal<String>,
    pub(super) public_ip: RwSignal<PublicIp>,
    pub(super) create_group: RwSignal<bool>,
    pub(super) groups: RwSignal<Vec<String>>,
    pub(super) group_name: RwSignal<String>,
    pub(super) group_description: RwSignal<String>,
    pub(super) quick_rules: RwSignal<Vec<QuickRule>>,
    pub(super) root: VolumeRow,
    pub(super) volumes: RwSignal<Vec<VolumeRow>>,
    pub(super) storage_edited: RwSignal<bool>,
    pub(super) user_data: RwSignal<String>,
    pub(super) imdsv2: RwSignal<bool>,
    pub(super) shutdown: RwSignal<Shutdown>,
    pub(super) protection: RwSignal<bool>,
    pub(super) monitoring: RwSignal<bool>,
    pub(super) count: RwSignal<String>,
    pub(super) token: RwSignal<String>,
    pub(super) my_ip: RwSignal<String>,
}

impl Form {
    pub(super) fn new() -> Self {
        Self {
            name: RwSignal::new(String::new()),
            tags: RwSignal::new(vec![]),
            image: RwSignal::new(None),
            instance_type: RwSignal::new(None),
            key_name: RwSignal::new(String::new()),
            vpc: RwSignal::new(String::new()),
            subnet: RwSignal::new(String::new()),
            public_ip: RwSignal::new(PublicIp::SubnetDefault),
            create_group: RwSignal::new(true),
            groups: RwSignal::new(vec![]),
            group_name: RwSignal::new(NewGroup::suggested_name([])),
            group_description: RwSignal::new("Created by the EC2 console launch flow".into()),
            quick_rules: RwSignal::new(vec![QuickRule::SshAnywhere]),
            root: VolumeRow::new(&VolumeSpec::gp3("/dev/xvda", 8, true)),
            volumes: RwSignal::new(vec![]),
            storage_edited: RwSignal::new(false),
            user_data: RwSignal::new(String::new()),
            imdsv2: RwSignal::new(true),
            shutdown: RwSignal::new(Shutdown::Stop),
            protection: RwSignal::new(false),
            monitoring: RwSignal::new(false),
            count: RwSignal::new("1".into()),
            token: RwSignal::new(String::new()),
            my_ip: RwSignal::new("127.0.0.1".into()),
        }
    }

    pub(super) fn request(&self) -> LaunchRequest {
        let some = |s: RwSignal<String>| s.with(|v| (!v.is_empty()).then(|| v.clone()));
        let new_group = self.create_group.get().then(|| NewGroup {
            name: self.group_name.get(),
            description: self.group_description.get(),
            rules: self
                .quick_rules
                .get()
                .iter()
                .map(|r| r.rule(&self.my_ip.get()))
                .collect(),
        });
        LaunchRequest {
            name: self.name.get(),
            tags: self.tags.get().iter().map(TagRow::get).collect(),
            image_id: self
                .image
                .with(|i| i.as_ref().map(|i| i.id.clone()).unwrap_or_default()),
            instance_type: self.instance_type.get().unwrap_or_default(),
            key_name: some(self.key_name),
            vpc_id: some(self.vpc),
            subnet_id: some(self.subnet),
            public_ip: self.public_ip.get(),
            security_group_ids: if self.create_group.get() {
                vec![]
            } else {
                self.groups.get()
            },
            new_group,
            root: self.root.get(),
            volumes: self.volumes.get().iter().map(VolumeRow::get).collect(),
            user_data: self.user_data.get(),
            imdsv2_required: self.imdsv2.get(),
            shutdown: self.shutdown.get(),
            termination_protection: self.protection.get(),
            detailed_monitoring: self.monitoring.get(),
            count: self.count.with(|c| c.trim().parse().unwrap_or(0)),
            client_token: self.token.get(),
        }
    }
}

/// The message beside a field, when it has a problem.
pub(super) fn field_error(
    problems: Memo<Vec<Problem>>,
    shown: RwSignal<bool>,
    field: impl Into<String>,
) -> impl IntoView {
    let field = field.into();
    let id = format!("{field}-error");
    move || {
        let message = problems.with(|p| {
            p.iter()
                .find(|p| p.field == field)
                .map(|p| format!("{}: {}", p.label, p.message))
        });
        (shown.get()
            || message
                .as_ref()
                .is_some_and(|_| !field.starts_with("image") && !field.starts_with("instance-type")))
        .then_some(message)
        .flatten()
        .map(|m| view! { <p class="field-error" id=id.clone() role="alert">{m}</p> })
    }
}

#[component]
pub(super) fn SectionBox(section: Section, children: Children) -> impl IntoView {
    view! {
        <section class="launch-section" id=section.anchor() aria-labelledby=format!("{}-h", section.anchor())>
            <h2 id=format!("{}-h", section.anchor())>{section.title()}</h2>
            {children()}
        </section>
    }
}
