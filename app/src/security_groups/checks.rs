//! The checks of what a person types for security groups: CIDRs, rules, port ranges, group IDs,
//! names and descriptions.

use super::RuleSpec;
use crate::error::AppError;

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
        return bad(crate::tr!(security_groups.cidr_not_block, cidr = cidr));
    };
    let Ok(len) = len.parse::<u8>() else {
        return bad(crate::tr!(security_groups.cidr_no_prefix, cidr = cidr));
    };
    match addr.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V4(v4)) if len <= 32 => {
            let bits = u32::from(v4);
            let mask = if len == 0 { 0 } else { u32::MAX << (32 - len) };
            if bits & !mask != 0 {
                return bad(crate::tr!(
                    security_groups.cidr_host_bits,
                    cidr = cidr,
                    suggestion = format!("{}/{len}", std::net::Ipv4Addr::from(bits & mask)),
                ));
            }
            Ok(())
        }
        Ok(std::net::IpAddr::V6(v6)) if len <= 128 => {
            let bits = u128::from(v6);
            let mask = if len == 0 { 0 } else { u128::MAX << (128 - len) };
            if bits & !mask != 0 {
                return bad(crate::tr!(
                    security_groups.cidr_host_bits,
                    cidr = cidr,
                    suggestion = format!("{}/{len}", std::net::Ipv6Addr::from(bits & mask)),
                ));
            }
            Ok(())
        }
        Ok(_) => bad(crate::tr!(security_groups.cidr_prefix_range, cidr = cidr)),
        Err(_) => bad(crate::tr!(security_groups.cidr_not_block, cidr = cidr)),
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
                        crate::tr!(security_groups.port_out_of_range, port = port),
                    ));
                }
            }
            if rule.from_port > rule.to_port {
                return Err(AppError::validation(
                    "port range",
                    crate::tr!(
                        security_groups.ports_reversed,
                        first = rule.from_port,
                        last = rule.to_port,
                    ),
                ));
            }
        }
        "icmp" => {
            for value in [rule.from_port, rule.to_port] {
                if !(-1..=255).contains(&value) {
                    return Err(AppError::validation(
                        "ICMP type and code",
                        crate::tr!(security_groups.icmp_out_of_range, value = value),
                    ));
                }
            }
        }
        "-1" => {}
        other => {
            return Err(AppError::validation(
                "protocol",
                crate::tr!(security_groups.protocol_unknown, protocol = other),
            ))
        }
    }
    if rule.source.starts_with("sg-") {
        if !crate::network::is_resource_id("sg", &rule.source) {
            return Err(AppError::validation(
                "source",
                crate::tr!(security_groups.source_not_group, source = rule.source),
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
        return Err(AppError::validation(field, crate::tr!(security_groups.required)));
    }
    if name.len() > 255 {
        return Err(AppError::validation(field, crate::tr!(security_groups.max_255)));
    }
    if name.to_ascii_lowercase().starts_with("sg-") {
        return Err(AppError::validation(
            field,
            crate::tr!(security_groups.no_sg_prefix),
        ));
    }
    check_description(field, name)
}

/// Checks a description: at most 255 characters of `a-zA-Z0-9 ._-:/()#,@[]+=&;{}!$*`.
pub fn check_description(field: &str, text: &str) -> Result<(), AppError> {
    if text.len() > 255 {
        return Err(AppError::validation(field, crate::tr!(security_groups.max_255)));
    }
    if let Some(c) = text
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || " ._-:/()#,@[]+=&;{}!$*".contains(*c)))
    {
        return Err(AppError::validation(
            field,
            crate::tr!(security_groups.invalid_character, character = c),
        ));
    }
    Ok(())
}

/// Parses a port range as typed: `22`, `1024-2048` (for ICMP: `type-code`, `-1` for all).
pub fn parse_ports(text: &str) -> Result<(i32, i32), AppError> {
    let text = text.trim();
    let bad = || {
        AppError::validation(
            "port range",
            crate::tr!(security_groups.ports_invalid, text = text),
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

/// Checks a group ID's shape.
pub fn check_group_id(id: &str) -> Result<(), AppError> {
    if crate::network::is_resource_id("sg", id) {
        Ok(())
    } else {
        Err(AppError::validation(
            "security group",
            crate::tr!(security_groups.not_group_id, id = id),
        ))
    }
}

/// Checks a new group's VPC, name and description.
pub fn check_new_group(vpc_id: &str, name: &str, description: &str) -> Result<(), AppError> {
    if !crate::network::is_resource_id("vpc", vpc_id) {
        return Err(AppError::validation(
            "VPC",
            crate::tr!(security_groups.not_vpc_id, vpc = vpc_id),
        ));
    }
    check_group_name(name)?;
    if description.trim().is_empty() {
        return Err(AppError::validation(
            "security group description",
            crate::tr!(security_groups.required),
        ));
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
    fn group_names() {
        assert!(check_group_name("launch-wizard-1").is_ok());
        assert!(check_group_name("").is_err());
        assert!(check_group_name("sg-web").is_err());
        assert!(check_group_name("web<script>").is_err());
        assert!(check_group_name(&"a".repeat(256)).is_err());
    }
}
