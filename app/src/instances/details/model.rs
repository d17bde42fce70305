//! The details panel's data: what `describe_instance` returns about one instance (also built by the
//! server's SDK mapping).

use crate::instances::InstanceRow;
use serde::{Deserialize, Serialize};

/// An instance's two status checks, as AWS names their results (`ok`, `impaired`, `initializing`, …).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusChecks {
    /// The system (host) check.
    pub system: String,
    /// The instance (guest) check.
    pub instance: String,
}

impl StatusChecks {
    /// The list column's words: `2/2 checks passed`, `Initializing`, `1/2 checks passed`.
    pub fn summary(&self) -> String {
        let checks = [&self.system, &self.instance];
        if checks.iter().any(|c| *c == "initializing") {
            return crate::tr!(instances.checks_initializing).into();
        }
        let passed = checks.iter().filter(|c| **c == "ok").count();
        crate::tr!(instances.checks_passed, passed = passed)
    }
}

/// One security group rule in words.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rule {
    /// `tcp`, `udp`, `icmp` or `all`.
    pub protocol: String,
    /// A port, a range (`1024–2048`) or `all`.
    pub ports: String,
    /// CIDRs, groups and prefix lists the rule names.
    pub sources: Vec<String>,
}

/// A security group with its rules.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupRules {
    /// Group ID.
    pub id: String,
    /// Group name.
    pub name: String,
    /// Inbound rules.
    pub inbound: Vec<Rule>,
    /// Outbound rules.
    pub outbound: Vec<Rule>,
}

/// A network interface attached to the instance.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Interface {
    /// ENI ID.
    pub id: String,
    /// Its subnet.
    pub subnet_id: String,
    /// Its private IPv4 addresses.
    pub private_ips: Vec<String>,
    /// Its public IPv4 address, if any.
    pub public_ip: Option<String>,
    /// MAC address.
    pub mac: String,
}

/// A block device mapping with its volume's size and type.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlockDevice {
    /// Device name (`/dev/xvda`).
    pub device: String,
    /// EBS volume ID.
    pub volume_id: String,
    /// Size in GiB.
    pub size_gib: Option<i32>,
    /// Volume type (`gp3`, …).
    pub volume_type: Option<String>,
    /// Whether the volume is deleted with the instance.
    pub delete_on_termination: bool,
}

/// Everything the details panel shows.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstanceDetails {
    /// The list row (ID, name, state, type, addresses, tags…).
    pub row: InstanceRow,
    /// Platform details (`Linux/UNIX`, `Windows`).
    pub platform: String,
    /// `x86_64`, `arm64`.
    pub architecture: String,
    /// `normal (on-demand)`, `spot`, `scheduled`.
    pub lifecycle: String,
    /// IMDS token requirement: `required` (IMDSv2) or `optional`.
    pub imds_tokens: String,
    /// IMDS PUT response hop limit.
    pub imds_hop_limit: Option<i32>,
    /// IMDS endpoint: `enabled` or `disabled`.
    pub imds_endpoint: String,
    /// Whether `disableApiTermination` is on.
    pub termination_protection: bool,
    /// Status checks; `None` when the instance is not running.
    pub status: Option<StatusChecks>,
    /// Security groups with their rules.
    pub security_groups: Vec<GroupRules>,
    /// IAM instance profile ARN.
    pub iam_profile: Option<String>,
    /// Public DNS name.
    pub public_dns: Option<String>,
    /// Private DNS name.
    pub private_dns: Option<String>,
    /// Network interfaces.
    pub interfaces: Vec<Interface>,
    /// Root device name.
    pub root_device_name: Option<String>,
    /// `ebs` or `instance-store`.
    pub root_device_type: String,
    /// Block devices.
    pub block_devices: Vec<BlockDevice>,
    /// The instance type's instance store, if it has one.
    pub type_instance_store: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_summaries() {
        let s = |a: &str, b: &str| {
            StatusChecks {
                system: a.into(),
                instance: b.into(),
            }
            .summary()
        };
        assert_eq!(s("ok", "ok"), "2/2 checks passed");
        assert_eq!(s("ok", "impaired"), "1/2 checks passed");
        assert_eq!(s("initializing", "ok"), "Initializing");
    }
}
