//! Network: VPCs and subnets (the launch flow's network section), network interfaces, network
//! ACLs and route tables (the read-mostly Network page).

use crate::error::AppError;
use serde::{Deserialize, Serialize};

mod page;
#[cfg(feature = "ssr")]
pub mod ssr;

pub use page::NetworkPage;

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

/// A network interface as the Network page shows it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InterfaceInfo {
    /// The interface ID (`eni-…`).
    pub id: String,
    /// Its description.
    pub description: String,
    /// Its subnet.
    pub subnet_id: String,
    /// Its VPC.
    pub vpc_id: String,
    /// Its primary private IPv4 address.
    pub private_ip: String,
    /// The public IPv4 address associated with it.
    pub public_ip: Option<String>,
    /// The instance it is attached to.
    pub instance_id: Option<String>,
    /// Its security groups (IDs).
    pub groups: Vec<String>,
    /// `in-use`, `available`, …
    pub status: String,
}

/// One network ACL entry.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AclEntry {
    /// Rule number (evaluated in order; 32767 is the default deny).
    pub rule_number: i32,
    /// Outbound when true.
    pub egress: bool,
    /// Protocol in words (`tcp`, `all`, …).
    pub protocol: String,
    /// Port range in words.
    pub ports: String,
    /// The CIDR it matches.
    pub cidr: String,
    /// `allow` or `deny`.
    pub action: String,
}

/// A network ACL with its entries and subnets.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AclInfo {
    /// The ACL ID (`acl-…`).
    pub id: String,
    /// Its VPC.
    pub vpc_id: String,
    /// Whether it is its VPC's default ACL.
    pub is_default: bool,
    /// Subnets it applies to.
    pub subnets: Vec<String>,
    /// Entries, by rule number.
    pub entries: Vec<AclEntry>,
}

/// A route table with its routes and subnets.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RouteTableInfo {
    /// The route table ID (`rtb-…`).
    pub id: String,
    /// Its VPC.
    pub vpc_id: String,
    /// Whether it is its VPC's main table.
    pub main: bool,
    /// Subnets explicitly associated with it.
    pub subnets: Vec<String>,
    /// Routes as (destination, target, state).
    pub routes: Vec<(String, String, String)>,
}

/// Lists the region's network interfaces.
#[leptos::server]
pub async fn list_interfaces(region: Option<String>) -> Result<Vec<InterfaceInfo>, AppError> {
    let mut caller = crate::auth::ssr::Caller::current().await?;
    let region = caller.region(region.as_deref()).await?;
    ssr::interfaces(&caller.ec2(&region)?).await
}

/// Lists the region's network ACLs with their entries.
#[leptos::server]
pub async fn list_acls(region: Option<String>) -> Result<Vec<AclInfo>, AppError> {
    let mut caller = crate::auth::ssr::Caller::current().await?;
    let region = caller.region(region.as_deref()).await?;
    ssr::acls(&caller.ec2(&region)?).await
}

/// Lists the region's route tables with their routes.
#[leptos::server]
pub async fn list_route_tables(region: Option<String>) -> Result<Vec<RouteTableInfo>, AppError> {
    let mut caller = crate::auth::ssr::Caller::current().await?;
    let region = caller.region(region.as_deref()).await?;
    ssr::route_tables(&caller.ec2(&region)?).await
}

/// A protocol number or name in words (`6` → `tcp`, `-1` → `all`).
pub fn protocol_name(protocol: &str) -> String {
    match protocol {
        "-1" => "all".into(),
        "6" => "tcp".into(),
        "17" => "udp".into(),
        "1" => "icmp".into(),
        "58" => "icmpv6".into(),
        other => other.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::is_resource_id;

    #[test]
    fn protocol_names() {
        assert_eq!(super::protocol_name("-1"), "all");
        assert_eq!(super::protocol_name("6"), "tcp");
        assert_eq!(super::protocol_name("udp"), "udp");
    }

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
