//! Security groups: listing, rule specifications with their checks, quick rules for the launch
//! flow, and (server-only) creating a group with its inbound rules.

use crate::error::AppError;
use crate::regions::Across;
use serde::{Deserialize, Serialize};

mod form;
mod page;
mod rules;
#[cfg(feature = "ssr")]
pub mod ssr;

pub use page::SecurityGroupsPage;

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
            ("-1", _, _) => "all traffic".to_string(),
            (p, a, b) if a == b => format!("{p} {a}"),
            (p, a, b) => format!("{p} {a}–{b}"),
        };
        format!("{ports} from {}", self.source)
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
            Self::SshAnywhere => "Allow SSH from anywhere",
            Self::SshMyIp => "Allow SSH from my IP",
            Self::Http => "Allow HTTP from the internet",
            Self::Https => "Allow HTTPS from the internet",
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

/// A single address as a CIDR (`/32` for IPv4, `/128` for IPv6).
pub fn host_cidr(ip: &str) -> String {
    match ip.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V6(v6)) => format!("{v6}/128"),
        Ok(v4) => format!("{v4}/32"),
        Err(_) => ip.to_string(),
    }
}

/// Checks an IPv4 or IPv6 CIDR (`10.0.0.0/16`, `2001:db8::/32`): address, prefix length in range,
/// and no host bits set.
pub fn check_cidr(field: &str, cidr: &str) -> Result<(), AppError> {
    let bad = |m: String| Err(AppError::validation(field, m));
    let Some((addr, len)) = cidr.split_once('/') else {
        return bad(format!("“{cidr}” is not a CIDR block (like 203.0.113.0/24)"));
    };
    let Ok(len) = len.parse::<u8>() else {
        return bad(format!("“{cidr}” has no valid prefix length"));
    };
    match addr.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V4(v4)) if len <= 32 => {
            let bits = u32::from(v4);
            let mask = if len == 0 { 0 } else { u32::MAX << (32 - len) };
            if bits & !mask != 0 {
                return bad(format!(
                    "“{cidr}” has host bits set (did you mean {}/{len}?)",
                    std::net::Ipv4Addr::from(bits & mask)
                ));
            }
            Ok(())
        }
        Ok(std::net::IpAddr::V6(v6)) if len <= 128 => {
            let bits = u128::from(v6);
            let mask = if len == 0 { 0 } else { u128::MAX << (128 - len) };
            if bits & !mask != 0 {
                return bad(format!(
                    "“{cidr}” has host bits set (did you mean {}/{len}?)",
                    std::net::Ipv6Addr::from(bits & mask)
                ));
            }
            Ok(())
        }
        Ok(_) => bad(format!("“{cidr}” has a prefix length out of range")),
        Err(_) => bad(format!("“{cidr}” is not a CIDR block (like 203.0.113.0/24)")),
    }
}

/// Checks one rule: protocol, ports within 0–65535 and in order (ICMP type/code −1–255), CIDR, description.
pub fn check_rule(rule: &RuleSpec) -> Result<(), AppError> {
    match rule.protocol.as_str() {
        "tcp" | "udp" => {
            for port in [rule.from_port, rule.to_port] {
                if !(0..=65535).contains(&port) {
                    return Err(AppError::validation(
                        "port range",
                        format!("{port} is outside 0–65535"),
                    ));
                }
            }
            if rule.from_port > rule.to_port {
                return Err(AppError::validation(
                    "port range",
                    format!(
                        "{}–{} is reversed: the first port must not exceed the last",
                        rule.from_port, rule.to_port
                    ),
                ));
            }
        }
        "icmp" => {
            for value in [rule.from_port, rule.to_port] {
                if !(-1..=255).contains(&value) {
                    return Err(AppError::validation(
                        "ICMP type and code",
                        format!("{value} is outside −1–255"),
                    ));
                }
            }
        }
        "-1" => {}
        other => {
            return Err(AppError::validation(
                "protocol",
                format!("“{other}” is not tcp, udp, icmp or all traffic"),
            ))
        }
    }
    if rule.source.starts_with("sg-") {
        if !crate::network::is_resource_id("sg", &rule.source) {
            return Err(AppError::validation(
                "source",
                format!("“{}” is not a security group ID", rule.source),
            ));
        }
    } else {
        check_cidr("source", &rule.source)?;
    }
    check_description("rule description", &rule.description)
}

/// Checks a group name: 1–255 characters of AWS's set, not starting with `sg-`.
pub fn check_group_name(name: &str) -> Result<(), AppError> {
    let field = "security group name";
    if name.trim().is_empty() {
        return Err(AppError::validation(field, "is required"));
    }
    if name.len() > 255 {
        return Err(AppError::validation(field, "must be at most 255 characters"));
    }
    if name.to_ascii_lowercase().starts_with("sg-") {
        return Err(AppError::validation(field, "must not start with “sg-”"));
    }
    check_description(field, name)
}

/// Checks a description: at most 255 characters of `a-zA-Z0-9 ._-:/()#,@[]+=&;{}!$*`.
pub fn check_description(field: &str, text: &str) -> Result<(), AppError> {
    if text.len() > 255 {
        return Err(AppError::validation(field, "must be at most 255 characters"));
    }
    if let Some(c) = text
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || " ._-:/()#,@[]+=&;{}!$*".contains(*c)))
    {
        return Err(AppError::validation(
            field,
            format!("may not contain “{c}” (allowed: letters, digits, spaces and ._-:/()#,@[]+=&;{{}}!$*)"),
        ));
    }
    Ok(())
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
            return Err(AppError::validation("VPC", format!("“{vpc}” is not a VPC ID")));
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
    /// Its name in a heading: `Inbound` or `Outbound`.
    pub fn label(self) -> &'static str {
        match self {
            Direction::Inbound => "Inbound",
            Direction::Outbound => "Outbound",
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

/// A rule type preset: label, protocol and port range (`None` to type them).
pub type Preset = (&'static str, &'static str, Option<(i32, i32)>);

/// The rule editor's type presets.
pub const PRESETS: [Preset; 10] = [
    ("SSH", "tcp", Some((22, 22))),
    ("HTTP", "tcp", Some((80, 80))),
    ("HTTPS", "tcp", Some((443, 443))),
    ("RDP", "tcp", Some((3389, 3389))),
    ("MySQL/Aurora", "tcp", Some((3306, 3306))),
    ("PostgreSQL", "tcp", Some((5432, 5432))),
    ("Custom TCP", "tcp", None),
    ("Custom UDP", "udp", None),
    ("Custom ICMP", "icmp", None),
    ("All traffic", "-1", Some((-1, -1))),
];

/// The preset a rule matches, for showing it in the editor.
pub fn preset_of(rule: &RuleSpec) -> &'static str {
    PRESETS
        .iter()
        .find(|(_, p, ports)| {
            *p == rule.protocol
                && ports
                    .is_some_and(|(a, b)| rule.protocol == "-1" || (a, b) == (rule.from_port, rule.to_port))
        })
        .or_else(|| {
            PRESETS
                .iter()
                .find(|(_, p, ports)| *p == rule.protocol && ports.is_none())
        })
        .map(|(label, _, _)| *label)
        .unwrap_or("Custom TCP")
}

/// A rule with its port range normalised for comparison (all traffic has no ports).
fn normal(rule: &RuleSpec) -> RuleSpec {
    let mut r = rule.clone();
    if r.protocol == "-1" {
        r.from_port = -1;
        r.to_port = -1;
    }
    r
}

/// The fewest changes from `current` to `wanted`: the rules to revoke and those to authorise
/// (a rule whose description changes is revoked and authorised again).
pub fn plan(current: &[RuleSpec], wanted: &[RuleSpec]) -> (Vec<RuleSpec>, Vec<RuleSpec>) {
    let current: Vec<RuleSpec> = current.iter().map(normal).collect();
    let wanted: Vec<RuleSpec> = wanted.iter().map(normal).collect();
    let mut revoke: Vec<RuleSpec> = current.iter().filter(|r| !wanted.contains(r)).cloned().collect();
    let mut authorize: Vec<RuleSpec> = wanted.iter().filter(|r| !current.contains(r)).cloned().collect();
    revoke.dedup();
    authorize.dedup();
    (revoke, authorize)
}

/// Parses a port range as typed: `22`, `1024-2048` (for ICMP: `type-code`, `-1` for all).
pub fn parse_ports(text: &str) -> Result<(i32, i32), AppError> {
    let text = text.trim();
    let bad = || {
        AppError::validation(
            "port range",
            format!("“{text}” is not a port or a range like 1024-2048"),
        )
    };
    if let Ok(one) = text.parse::<i32>() {
        return Ok((one, one));
    }
    let (a, b) = text.split_once(['-', '–']).ok_or_else(bad)?;
    Ok((
        a.trim().parse().map_err(|_| bad())?,
        b.trim().parse().map_err(|_| bad())?,
    ))
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
        return Err(AppError::validation("rules", "at most 60 rules per direction"));
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

/// Checks a group ID's shape.
pub fn check_group_id(id: &str) -> Result<(), AppError> {
    if crate::network::is_resource_id("sg", id) {
        Ok(())
    } else {
        Err(AppError::validation(
            "security group",
            format!("“{id}” is not a security group ID (sg-…)"),
        ))
    }
}

/// Checks a new group's VPC, name and description.
pub fn check_new_group(vpc_id: &str, name: &str, description: &str) -> Result<(), AppError> {
    if !crate::network::is_resource_id("vpc", vpc_id) {
        return Err(AppError::validation("VPC", format!("“{vpc_id}” is not a VPC ID")));
    }
    check_group_name(name)?;
    if description.trim().is_empty() {
        return Err(AppError::validation("security group description", "is required"));
    }
    check_description("security group description", description)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cidrs() {
        for ok in [
            "0.0.0.0/0",
            "10.0.0.0/16",
            "203.0.113.7/32",
            "::/0",
            "2001:db8::/32",
        ] {
            assert!(check_cidr("source", ok).is_ok(), "{ok}");
        }
        for bad in [
            "10.0.0.0",
            "10.0.0.1/16",
            "10.0.0.0/33",
            "300.0.0.0/8",
            "2001:db8::1/32",
            "::/129",
            "x/1",
            "",
        ] {
            let err = check_cidr("source", bad).unwrap_err();
            assert!(
                matches!(err, AppError::Validation { ref field, .. } if field == "source"),
                "{bad}"
            );
        }
    }

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
    fn plans_are_minimal() {
        let ssh = QuickRule::SshAnywhere.rule("");
        let http = QuickRule::Http.rule("");
        let all = RuleSpec {
            protocol: "-1".into(),
            from_port: 0,
            to_port: 65535,
            source: "0.0.0.0/0".into(),
            description: String::new(),
        };
        assert_eq!(
            plan(&[ssh.clone(), http.clone()], &[ssh.clone(), http.clone()]),
            (vec![], vec![])
        );
        assert_eq!(
            plan(std::slice::from_ref(&ssh), &[ssh.clone(), http.clone()]),
            (vec![], vec![http.clone()])
        );
        assert_eq!(
            plan(&[ssh.clone(), http.clone()], std::slice::from_ref(&http)),
            (vec![ssh.clone()], vec![])
        );
        let renamed = RuleSpec {
            description: "web".into(),
            ..http.clone()
        };
        assert_eq!(
            plan(std::slice::from_ref(&http), std::slice::from_ref(&renamed)),
            (vec![http.clone()], vec![renamed])
        );
        let all_normal = RuleSpec {
            from_port: -1,
            to_port: -1,
            ..all.clone()
        };
        assert_eq!(
            plan(&[all_normal], &[all]),
            (vec![], vec![]),
            "all traffic ignores ports"
        );
    }

    #[test]
    fn ports_and_presets() {
        assert_eq!(parse_ports("22"), Ok((22, 22)));
        assert_eq!(parse_ports(" 1024-2048 "), Ok((1024, 2048)));
        assert_eq!(parse_ports("-1"), Ok((-1, -1)));
        assert!(parse_ports("ssh").is_err());
        assert!(parse_ports("1-x").is_err());
        assert_eq!(preset_of(&QuickRule::Https.rule("")), "HTTPS");
        let custom = RuleSpec {
            from_port: 8080,
            to_port: 8081,
            ..QuickRule::Http.rule("")
        };
        assert_eq!(preset_of(&custom), "Custom TCP");
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

    #[test]
    fn group_names() {
        assert!(check_group_name("launch-wizard-1").is_ok());
        assert!(check_group_name("").is_err());
        assert!(check_group_name("sg-web").is_err());
        assert!(check_group_name("web<script>").is_err());
        assert!(check_group_name(&"a".repeat(256)).is_err());
    }
}
