//! Network: the VPCs and subnets an instance is placed in (the launch flow's network section).

use crate::error::AppError;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
pub mod ssr;

/// A VPC as the pickers show it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VpcInfo {
    /// The VPC ID (`vpc-…`).
    pub id: String,
    /// Its `Name` tag, if any.
    pub name: Option<String>,
    /// Its primary IPv4 CIDR block.
    pub cidr: String,
    /// Whether it is the region's default VPC.
    pub is_default: bool,
}

/// A subnet as the pickers show it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubnetInfo {
    /// The subnet ID (`subnet-…`).
    pub id: String,
    /// Its `Name` tag, if any.
    pub name: Option<String>,
    /// Its VPC.
    pub vpc_id: String,
    /// Its Availability Zone.
    pub availability_zone: String,
    /// Its IPv4 CIDR block.
    pub cidr: String,
    /// Free IPv4 addresses.
    pub available_ips: i32,
    /// Whether instances launched into it get a public IPv4 address unless told otherwise.
    pub public_ip_on_launch: bool,
    /// Whether it is its AZ's default subnet.
    pub default_for_az: bool,
}

impl SubnetInfo {
    /// How the pickers name the subnet: name (or ID), AZ and CIDR.
    pub fn label(&self) -> String {
        match &self.name {
            Some(name) => format!(
                "{name} ({}) · {} · {}",
                self.id, self.availability_zone, self.cidr
            ),
            None => format!("{} · {} · {}", self.id, self.availability_zone, self.cidr),
        }
    }
}

/// The region's VPCs and subnets.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Network {
    /// Every VPC, the default first.
    pub vpcs: Vec<VpcInfo>,
    /// Every subnet, by VPC then AZ.
    pub subnets: Vec<SubnetInfo>,
}

/// Whether `id` has the shape of an EC2 resource ID with `prefix` (`subnet-0abc…`: 8 or 17 hex digits).
pub fn is_resource_id(prefix: &str, id: &str) -> bool {
    id.strip_prefix(prefix)
        .and_then(|rest| rest.strip_prefix('-'))
        .is_some_and(|hex| matches!(hex.len(), 8 | 17) && hex.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Lists the VPCs and subnets of `region` (or the session's region).
#[leptos::server]
pub async fn list_network(region: Option<String>) -> Result<Network, AppError> {
    let mut caller = crate::auth::ssr::Caller::current().await?;
    let region = caller.region(region.as_deref()).await?;
    ssr::network(&caller.ec2(&region)?).await
}

#[cfg(test)]
mod tests {
    use super::is_resource_id;

    #[test]
    fn resource_ids_by_shape() {
        assert!(is_resource_id("subnet", "subnet-0123abcd"));
        assert!(is_resource_id("sg", "sg-0123456789abcdef0"));
        assert!(is_resource_id("ami", "ami-0a1e2d3c4b5a60001"));
        for bad in [
            "subnet-",
            "subnet-123",
            "sg-0123abcd",
            "subnet-0123abcg",
            "subnet_0123abcd",
            "subnet-0123abcd0",
        ] {
            assert!(!is_resource_id("subnet", bad), "{bad}");
        }
    }
}
