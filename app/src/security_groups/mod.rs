//! Security groups: listing, rule specifications (their checks in `checks`, their types in
//! `presets`, the changes between two rule sets in `plan`), quick rules for the launch flow, and
//! (server-only) creating a group with its inbound rules.

use crate::error::AppError;
use crate::regions::Across;
use serde::{Deserialize, Serialize};

mod checks;
mod form;
mod page;
mod plan;
mod presets;
mod rules;
#[cfg(feature = "ssr")]
pub mod ssr;

pub use checks::{
    check_cidr, check_description, check_group_id, check_group_name, check_new_group, check_rule, host_cidr,
    parse_ports,
};
pub use page::SecurityGroupsPage;
pub use plan::plan;
pub use presets::{preset, preset_of, Preset, PRESETS};

/// A security group as the list and the pickers show it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecurityGroupInfo {
    /// The group ID (`sg-…`).
    pub id: String,
    /// The region it is in (filled in by the list).
    #[serde(default)]
    pub region: String,
    /// The group name.
    pub name: String,
    /// Its description.
    pub description: String,
    /// Its VPC.
    pub vpc_id: String,
    /// Number of inbound permissions.
    pub inbound_rules: usize,
    /// Number of outbound permissions.
    pub outbound_rules: usize,
}

/// One rule: protocol, port range, source (or destination) and description.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleSpec {
    /// `tcp`, `udp`, `icmp` or `-1` (all traffic).
    pub protocol: String,
    /// First port (ICMP: type; all traffic: ignored).
    pub from_port: i32,
    /// Last port (ICMP: code; all traffic: ignored).
    pub to_port: i32,
    /// Where the traffic comes from (inbound) or goes to (outbound): an IPv4 or IPv6 CIDR, or a
    /// security group ID (`sg-…`).
    pub source: String,
    /// What the rule is for.
    pub description: String,
}

impl RuleSpec {
    /// The rule in words: `tcp 22 from 0.0.0.0/0`.
    pub fn describe(&self) -> String {
        let ports = match (self.protocol.as_str(), self.from_port, self.to_port) {
            ("-1", _, _) => crate::tr!(security_groups.rule_all_traffic).to_string(),
            (p, a, b) if a == b => format!("{p} {a}"),
            (p, a, b) => format!("{p} {a}–{b}"),
        };
        crate::tr!(security_groups.rule_in_words, ports = ports, source = self.source)
    }

    /// Whether the rule lets in the whole internet.
    pub fn is_open_to_world(&self) -> bool {
        self.source == "0.0.0.0/0" || self.source == "::/0"
    }
}

/// The launch flow's quick rules for a new group.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum QuickRule {
    /// SSH (22) from anywhere.
    SshAnywhere,
    /// SSH (22) from the address the console sees the browser at.
    SshMyIp,
    /// HTTP (80) from anywhere.
    Http,
    /// HTTPS (443) from anywhere.
    Https,
}

impl QuickRule {
    /// Every quick rule, in the order offered.
    pub const ALL: [QuickRule; 4] = [Self::SshAnywhere, Self::SshMyIp, Self::Http, Self::Https];

    /// The label beside its checkbox.
    pub fn label(self) -> &'static str {
        match self {
            Self::SshAnywhere => crate::tr!(security_groups.quick_ssh_anywhere),
            Self::SshMyIp => crate::tr!(security_groups.quick_ssh_my_ip),
            Self::Http => crate::tr!(security_groups.quick_http),
            Self::Https => crate::tr!(security_groups.quick_https),
        }
    }

    /// The id of its checkbox.
    pub fn id(self) -> &'static str {
        match self {
            Self::SshAnywhere => "rule-sshanywhere",
            Self::SshMyIp => "rule-sshmyip",
            Self::Http => "rule-http",
            Self::Https => "rule-https",
        }
    }

    /// The rule it makes, given the browser's address as the console sees it.
    pub fn rule(self, my_ip: &str) -> RuleSpec {
        let (port, cidr, description) = match self {
            Self::SshAnywhere => (22, "0.0.0.0/0".to_string(), "SSH from anywhere"),
            Self::SshMyIp => (22, host_cidr(my_ip), "SSH from my IP"),
            Self::Http => (80, "0.0.0.0/0".to_string(), "HTTP"),
            Self::Https => (443, "0.0.0.0/0".to_string(), "HTTPS"),
        };
        RuleSpec {
            protocol: "tcp".into(),
            from_port: port,
            to_port: port,
            source: cidr,
            description: description.into(),
        }
    }
}

impl crate::regions::Regional for SecurityGroupInfo {
    fn set_region(&mut self, region: &str) {
        self.region = region.to_string();
    }
}

/// Lists the security groups of `region` (or the session's region), optionally of one VPC.
#[leptos::server]
pub async fn list_security_groups(
    region: Option<String>,
    vpc_id: Option<String>,
) -> Result<Across<SecurityGroupInfo>, AppError> {
    if let Some(vpc) = &vpc_id {
        if !crate::network::is_resource_id("vpc", vpc) {
            return Err(AppError::validation(
                "VPC",
                crate::tr!(security_groups.not_vpc_id, vpc = vpc),
            ));
        }
    }
    let mut caller = crate::auth::ssr::Caller::current().await?;
    crate::regions::ssr::listed(&mut caller, region.as_deref(), |client, _| {
        let vpc_id = vpc_id.clone();
        async move { ssr::list(&client, vpc_id.as_deref()).await }
    })
    .await
}

/// Which rules of a group.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Direction {
    /// Traffic coming in.
    Inbound,
    /// Traffic going out.
    Outbound,
}

impl Direction {
    /// Its name on its own: `Inbound` or `Outbound` (in sentences, use whole-sentence texts per
    /// direction: word order differs between languages).
    pub fn label(self) -> &'static str {
        match self {
            Direction::Inbound => crate::tr!(security_groups.inbound),
            Direction::Outbound => crate::tr!(security_groups.outbound),
        }
    }

    /// Its rules' heading (tab, caption): `Inbound rules` or `Outbound rules`.
    pub fn rules_title(self) -> &'static str {
        match self {
            Direction::Inbound => crate::tr!(security_groups.inbound_rules),
            Direction::Outbound => crate::tr!(security_groups.outbound_rules),
        }
    }
}

/// A group with its rules and the network interfaces (instances) using it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupDetails {
    /// The group.
    pub info: SecurityGroupInfo,
    /// Inbound rules, one per source.
    pub inbound: Vec<RuleSpec>,
    /// Outbound rules, one per destination.
    pub outbound: Vec<RuleSpec>,
    /// What uses the group: instances (or network interfaces without one).
    pub used_by: Vec<String>,
}

/// The browser's address as the console sees it, for "My IP" sources.
#[leptos::server]
pub async fn client_address() -> Result<String, AppError> {
    crate::auth::ssr::Caller::current().await?;
    Ok(crate::launch::ssr::client_ip().unwrap_or_else(|| "127.0.0.1".into()))
}

/// A group's rules and users.
#[leptos::server]
pub async fn describe_security_group(region: Option<String>, id: String) -> Result<GroupDetails, AppError> {
    check_group_id(&id)?;
    let mut caller = crate::auth::ssr::Caller::current().await?;
    let region = caller.region(region.as_deref()).await?;
    ssr::details(&caller.ec2(&region)?, &id).await
}

/// Replaces a group's inbound or outbound rules with `rules`, by the fewest revoke and authorise
/// calls; returns the group afterwards.
#[leptos::server(input = leptos::server_fn::codec::Json)]
pub async fn update_group_rules(
    region: Option<String>,
    id: String,
    direction: Direction,
    rules: Vec<RuleSpec>,
) -> Result<GroupDetails, AppError> {
    let mut caller = crate::auth::ssr::Caller::current().await?;
    caller.act("AuthorizeSecurityGroupIngress").await?;
    check_group_id(&id)?;
    if rules.len() > 60 {
        return Err(AppError::validation(
            "rules",
            crate::tr!(security_groups.too_many_rules),
        ));
    }
    for (i, rule) in rules.iter().enumerate() {
        check_rule(rule).map_err(|e| match e {
            AppError::Validation { field, message } => {
                AppError::validation(format!("rule {} {field}", i + 1), message)
            }
            other => other,
        })?;
    }
    let region = caller.region(region.as_deref()).await?;
    ssr::update_rules(&caller.ec2(&region)?, &id, direction, &rules).await
}

/// Creates an empty group in a VPC; returns its ID.
#[leptos::server]
pub async fn create_security_group(
    region: Option<String>,
    vpc_id: String,
    name: String,
    description: String,
) -> Result<String, AppError> {
    let mut caller = crate::auth::ssr::Caller::current().await?;
    caller.act("CreateSecurityGroup").await?;
    check_new_group(&vpc_id, &name, &description)?;
    let region = caller.region(region.as_deref()).await?;
    ssr::create(&caller.ec2(&region)?, &vpc_id, &name, &description, &[]).await
}

/// Copies a group's rules into a new group in the same VPC; returns the new group's ID.
#[leptos::server]
pub async fn copy_security_group(
    region: Option<String>,
    id: String,
    name: String,
    description: String,
) -> Result<String, AppError> {
    let mut caller = crate::auth::ssr::Caller::current().await?;
    caller.act("CreateSecurityGroup").await?;
    check_group_id(&id)?;
    check_group_name(&name)?;
    check_description("security group description", &description)?;
    let region = caller.region(region.as_deref()).await?;
    ssr::copy(&caller.ec2(&region)?, &id, &name, &description).await
}

/// Deletes a group; refused while anything uses it (naming what does).
#[leptos::server]
pub async fn delete_security_group(region: Option<String>, id: String) -> Result<(), AppError> {
    let mut caller = crate::auth::ssr::Caller::current().await?;
    caller.act("DeleteSecurityGroup").await?;
    check_group_id(&id)?;
    let region = caller.region(region.as_deref()).await?;
    ssr::delete(&caller.ec2(&region)?, &id).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules() {
        let ssh = QuickRule::SshAnywhere.rule("198.51.100.4");
        assert_eq!(ssh.describe(), "tcp 22 from 0.0.0.0/0");
        assert!(ssh.is_open_to_world());
        let mine = QuickRule::SshMyIp.rule("198.51.100.4");
        assert_eq!(mine.source, "198.51.100.4/32");
        assert!(!mine.is_open_to_world());
        assert_eq!(QuickRule::SshMyIp.rule("::1").source, "::1/128");
        assert!(check_rule(&mine).is_ok());
        let reversed = RuleSpec {
            from_port: 90,
            to_port: 80,
            ..ssh.clone()
        };
        assert!(
            matches!(check_rule(&reversed), Err(AppError::Validation { field, .. }) if field == "port range")
        );
        let huge = RuleSpec {
            to_port: 70000,
            ..ssh.clone()
        };
        assert!(check_rule(&huge).is_err());
        let negative = RuleSpec {
            from_port: -1,
            ..ssh.clone()
        };
        assert!(check_rule(&negative).is_err());
        let proto = RuleSpec {
            protocol: "gre".into(),
            ..ssh
        };
        assert!(matches!(check_rule(&proto), Err(AppError::Validation { field, .. }) if field == "protocol"));
    }

    #[test]
    fn ports_and_group_sources() {
        assert_eq!(parse_ports("22"), Ok((22, 22)));
        assert_eq!(parse_ports(" 1024-2048 "), Ok((1024, 2048)));
        assert_eq!(parse_ports("-1"), Ok((-1, -1)));
        assert!(parse_ports("ssh").is_err());
        assert!(parse_ports("1-x").is_err());
        let custom = RuleSpec {
            from_port: 8080,
            to_port: 8081,
            ..QuickRule::Http.rule("")
        };
        let group_source = RuleSpec {
            source: "sg-0123abcd".into(),
            ..custom.clone()
        };
        assert!(check_rule(&group_source).is_ok());
        assert!(check_rule(&RuleSpec {
            source: "sg-zz".into(),
            ..custom
        })
        .is_err());
    }
}
