//! The fewest revoke and authorise calls that turn a group's rules into the wanted ones.

use super::RuleSpec;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::security_groups::QuickRule;

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
}
