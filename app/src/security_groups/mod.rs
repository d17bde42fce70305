//! Security groups: listing, rule specifications with their checks, quick rules for the launch
//! flow, and (server-only) creating a group with its inbound rules.

use crate::error::AppError;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
pub mod ssr;

/// A security group as the list and the pickers show it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecurityGroupInfo {
    /// The group ID (`sg-…`).
    pub id: String,
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

/// One inbound rule to create: protocol, port range, source CIDR and description.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleSpec {
    /// `tcp`, `udp`, `icmp` or `-1` (all traffic).
    pub protocol: String,
    /// First port (ICMP: type; all traffic: ignored).
    pub from_port: i32,
    /// Last port (ICMP: code; all traffic: ignored).
    pub to_port: i32,
    /// IPv4 or IPv6 CIDR the traffic comes from.
    pub cidr: String,
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
        format!("{ports} from {}", self.cidr)
    }

    /// Whether the rule lets in the whole internet.
    pub fn is_open_to_world(&self) -> bool {
        self.cidr == "0.0.0.0/0" || self.cidr == "::/0"
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
            cidr,
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
    check_cidr("source", &rule.cidr)?;
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

/// Lists the security groups of `region` (or the session's region), optionally of one VPC.
#[leptos::server]
pub async fn list_security_groups(
    region: Option<String>,
    vpc_id: Option<String>,
) -> Result<Vec<SecurityGroupInfo>, AppError> {
    if let Some(vpc) = &vpc_id {
        if !crate::network::is_resource_id("vpc", vpc) {
            return Err(AppError::validation("VPC", format!("“{vpc}” is not a VPC ID")));
        }
    }
    let mut caller = crate::auth::ssr::Caller::current().await?;
    let region = caller.region(region.as_deref()).await?;
    ssr::list(&caller.ec2(&region)?, vpc_id.as_deref()).await
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
        assert_eq!(mine.cidr, "198.51.100.4/32");
        assert!(!mine.is_open_to_world());
        assert_eq!(QuickRule::SshMyIp.rule("::1").cidr, "::1/128");
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
    fn group_names() {
        assert!(check_group_name("launch-wizard-1").is_ok());
        assert!(check_group_name("").is_err());
        assert!(check_group_name("sg-web").is_err());
        assert!(check_group_name("web<script>").is_err());
        assert!(check_group_name(&"a".repeat(256)).is_err());
    }
}
