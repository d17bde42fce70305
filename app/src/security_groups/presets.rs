//! The rule editor's rule types (SSH, HTTP, …, custom, all traffic) and which one a rule is.

use super::RuleSpec;
use crate::locale::Label;

/// A rule type preset: its ID (the `<option>` value), its label, protocol and port range (`None`
/// to type them).
#[derive(Clone, Copy)]
pub struct Preset {
    /// Stable ID, in English (`Custom TCP`).
    pub id: &'static str,
    /// Its name as shown, in a given language.
    pub label: Label,
    /// `tcp`, `udp`, `icmp` or `-1`.
    pub protocol: &'static str,
    /// The fixed port range, or `None` to type it.
    pub ports: Option<(i32, i32)>,
}

/// The rule editor's type presets.
pub const PRESETS: [Preset; 10] = [
    Preset {
        id: "SSH",
        label: |_: crate::i18n::Locale| "SSH",
        protocol: "tcp",
        ports: Some((22, 22)),
    },
    Preset {
        id: "HTTP",
        label: |_: crate::i18n::Locale| "HTTP",
        protocol: "tcp",
        ports: Some((80, 80)),
    },
    Preset {
        id: "HTTPS",
        label: |_: crate::i18n::Locale| "HTTPS",
        protocol: "tcp",
        ports: Some((443, 443)),
    },
    Preset {
        id: "RDP",
        label: |_: crate::i18n::Locale| "RDP",
        protocol: "tcp",
        ports: Some((3389, 3389)),
    },
    Preset {
        id: "MySQL/Aurora",
        label: |_: crate::i18n::Locale| "MySQL/Aurora",
        protocol: "tcp",
        ports: Some((3306, 3306)),
    },
    Preset {
        id: "PostgreSQL",
        label: |_: crate::i18n::Locale| "PostgreSQL",
        protocol: "tcp",
        ports: Some((5432, 5432)),
    },
    Preset {
        id: "Custom TCP",
        label: crate::label!(security_groups.preset_custom_tcp),
        protocol: "tcp",
        ports: None,
    },
    Preset {
        id: "Custom UDP",
        label: crate::label!(security_groups.preset_custom_udp),
        protocol: "udp",
        ports: None,
    },
    Preset {
        id: "Custom ICMP",
        label: crate::label!(security_groups.preset_custom_icmp),
        protocol: "icmp",
        ports: None,
    },
    Preset {
        id: "All traffic",
        label: crate::label!(security_groups.preset_all_traffic),
        protocol: "-1",
        ports: Some((-1, -1)),
    },
];

/// The preset with ID `id`.
pub fn preset(id: &str) -> Option<Preset> {
    PRESETS.iter().find(|p| p.id == id).copied()
}

/// The ID of the preset a rule matches, for showing it in the editor.
pub fn preset_of(rule: &RuleSpec) -> &'static str {
    PRESETS
        .iter()
        .find(|p| {
            p.protocol == rule.protocol
                && p.ports
                    .is_some_and(|(a, b)| rule.protocol == "-1" || (a, b) == (rule.from_port, rule.to_port))
        })
        .or_else(|| {
            PRESETS
                .iter()
                .find(|p| p.protocol == rule.protocol && p.ports.is_none())
        })
        .map(|p| p.id)
        .unwrap_or("Custom TCP")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::security_groups::QuickRule;

    #[test]
    fn a_rule_shows_as_its_preset_or_as_custom() {
        assert_eq!(preset_of(&QuickRule::Https.rule("")), "HTTPS");
        assert_eq!(preset_of(&QuickRule::SshMyIp.rule("198.51.100.4")), "SSH");
        let custom = RuleSpec {
            from_port: 8080,
            to_port: 8081,
            ..QuickRule::Http.rule("")
        };
        assert_eq!(preset_of(&custom), "Custom TCP");
        let udp = RuleSpec {
            protocol: "udp".into(),
            ..custom
        };
        assert_eq!(preset_of(&udp), "Custom UDP");
        assert_eq!(preset("All traffic").map(|p| p.ports), Some(Some((-1, -1))));
        assert!(preset("Telnet").is_none());
    }
}
