//! The names of the fields validation errors name, in the page's language: the errors carry the
//! English name (an identifier the checks and tests share), the page shows it translated.

/// `field` in the page's language: a known field's name, `rule 2 port range` as its parts, or
/// `field` as it is (a tag's key, an ID).
pub fn field_label(field: &str) -> String {
    if crate::locale::current() == crate::i18n::Locale::en {
        return field.to_string();
    }
    if let Some(rest) = field.strip_prefix("rule ") {
        if let Some((n, inner)) = rest.split_once(' ') {
            if n.chars().all(|c| c.is_ascii_digit()) {
                return crate::tr!(common.field_rule, n = n, field = field_label(inner));
            }
        }
    }
    let known = match field {
        "Access key ID" => crate::tr!(common.field_access_key_id),
        "Secret access key" => crate::tr!(common.field_secret_access_key),
        "MFA" | "MFA device" => crate::tr!(common.field_mfa_device),
        "MFA code" => crate::tr!(common.field_mfa_code),
        "region" | "Region" => crate::tr!(common.field_region),
        "Availability Zone" => crate::tr!(common.field_availability_zone),
        "filter" => crate::tr!(common.field_filter),
        "query" | "search" => crate::tr!(common.field_search),
        "AMI search" => crate::tr!(common.field_ami_search),
        "page" => crate::tr!(common.field_page),
        "view" => crate::tr!(common.field_view),
        "view name" => crate::tr!(common.field_view_name),
        "resource" => crate::tr!(common.field_resource),
        "to" => crate::tr!(common.field_to),
        "from" => crate::tr!(common.field_from),
        "instance" | "instances" => crate::tr!(common.field_instance),
        "instance ID" => crate::tr!(common.field_instance_id),
        "instance type" => crate::tr!(common.field_instance_type),
        "launch" => crate::tr!(common.field_launch),
        "volume" | "volumes" => crate::tr!(common.field_volume),
        "volume type" => crate::tr!(common.field_volume_type),
        "size" => crate::tr!(common.field_size),
        "throughput" => crate::tr!(common.field_throughput),
        "device name" => crate::tr!(common.field_device_name),
        "snapshot" => crate::tr!(common.field_snapshot),
        "tag key" => crate::tr!(common.field_tag_key),
        "tags" => crate::tr!(common.field_tags),
        "security group" => crate::tr!(common.field_security_group),
        "security group description" => crate::tr!(common.field_security_group_description),
        "rules" => crate::tr!(common.field_rules),
        "port range" => crate::tr!(common.field_port_range),
        "protocol" => crate::tr!(common.field_protocol),
        "source" => crate::tr!(common.field_source),
        "ICMP type and code" => crate::tr!(common.field_icmp),
        "network interface" => crate::tr!(common.field_network_interface),
        "Elastic IP" => crate::tr!(common.field_elastic_ip),
        "allocation ID" => crate::tr!(common.field_allocation_id),
        "alarm" => crate::tr!(common.field_alarm),
        "threshold" => crate::tr!(common.field_threshold),
        "periods" => crate::tr!(common.field_periods),
        "key pair name" => crate::tr!(common.field_key_pair_name),
        "name" => crate::tr!(common.field_name),
        "public key" => crate::tr!(common.field_public_key),
        "description" => crate::tr!(common.field_description),
        _ => return field.to_string(),
    };
    known.to_string()
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::field_label;
    use leptos::prelude::*;

    /// Runs `f` as if for a request that asks for `language`.
    fn in_language<T>(language: &str, f: impl FnOnce() -> T) -> T {
        let (parts, _) = http::Request::builder()
            .header(http::header::ACCEPT_LANGUAGE, language)
            .body(())
            .expect("request")
            .into_parts();
        Owner::new().with(|| {
            provide_context(parts);
            f()
        })
    }

    #[test]
    fn known_fields_are_translated_and_others_kept() {
        assert_eq!(in_language("en", || field_label("port range")), "port range");
        assert_eq!(in_language("ko", || field_label("port range")), "포트 범위");
        assert_eq!(
            in_language("ko", || field_label("rule 2 port range")),
            "규칙 2 포트 범위"
        );
        assert_eq!(
            in_language("en", || field_label("rule 2 port range")),
            "rule 2 port range"
        );
        assert_eq!(in_language("ko", || field_label("tag Owner")), "tag Owner");
    }
}
