//! Security groups against a real moto server, rules read back with `DescribeSecurityGroupRules`.

use app::error::AppError;
use app::security_groups::{ssr as groups, Direction, QuickRule, RuleSpec};
use aws_sdk_ec2::types::Filter;
use testkit::{any_ami, MotoServer};

const REGION: &str = "us-east-1";

async fn ingress(ec2: &aws_sdk_ec2::Client, group: &str) -> Vec<(String, i32, i32, String, String)> {
    let out = ec2
        .describe_security_group_rules()
        .filters(Filter::builder().name("group-id").values(group).build())
        .send()
        .await
        .unwrap();
    let mut rules: Vec<_> = out
        .security_group_rules()
        .iter()
        .filter(|r| r.is_egress() == Some(false))
        .map(|r| {
            (
                r.ip_protocol().unwrap_or_default().to_string(),
                r.from_port().unwrap_or_default(),
                r.to_port().unwrap_or_default(),
                r.cidr_ipv4()
                    .or(r.cidr_ipv6())
                    .or(r.referenced_group_info().and_then(|g| g.group_id()))
                    .unwrap_or_default()
                    .to_string(),
                r.description().unwrap_or_default().to_string(),
            )
        })
        .collect();
    rules.sort();
    rules
}

fn rule(protocol: &str, from: i32, to: i32, source: &str, description: &str) -> RuleSpec {
    RuleSpec {
        protocol: protocol.into(),
        from_port: from,
        to_port: to,
        source: source.into(),
        description: description.into(),
    }
}

#[tokio::test]
async fn the_rule_editor_applies_minimal_changes_that_read_back_exactly() {
    let moto = MotoServer::start();
    let ec2 = moto.ec2(REGION).await;
    let vpc = app::network::ssr::network(&ec2).await.unwrap().vpcs[0].id.clone();
    let group = groups::create(&ec2, &vpc, "web", "web servers", &[])
        .await
        .unwrap();
    let peer = groups::create(&ec2, &vpc, "lb", "load balancers", &[])
        .await
        .unwrap();

    let wanted = vec![
        QuickRule::SshMyIp.rule("203.0.113.9"),
        // moto drops descriptions of rules whose source is a group, so this one has none.
        rule("tcp", 8000, 8100, &peer, ""),
        rule("tcp", 443, 443, "::/0", "HTTPS v6"),
    ];
    let details = groups::update_rules(&ec2, &group, Direction::Inbound, &wanted)
        .await
        .unwrap();
    assert_eq!(details.inbound.len(), 3);
    assert_eq!(
        ingress(&ec2, &group).await,
        [
            (
                "tcp".into(),
                22,
                22,
                "203.0.113.9/32".into(),
                "SSH from my IP".into()
            ),
            ("tcp".into(), 443, 443, "::/0".into(), "HTTPS v6".into()),
            ("tcp".into(), 8000, 8100, peer.clone(), String::new()),
        ]
    );

    let edited = vec![rule("tcp", 22, 22, "203.0.113.9/32", "admin"), wanted[2].clone()];
    groups::update_rules(&ec2, &group, Direction::Inbound, &edited)
        .await
        .unwrap();
    assert_eq!(
        ingress(&ec2, &group).await,
        [
            ("tcp".into(), 22, 22, "203.0.113.9/32".into(), "admin".into()),
            ("tcp".into(), 443, 443, "::/0".into(), "HTTPS v6".into())
        ]
    );

    let out = groups::update_rules(
        &ec2,
        &group,
        Direction::Outbound,
        &[rule("tcp", 443, 443, "0.0.0.0/0", "")],
    )
    .await
    .unwrap();
    assert_eq!(out.outbound, [rule("tcp", 443, 443, "0.0.0.0/0", "")]);

    let copy = groups::copy(&ec2, &group, "web-copy", "copy of web")
        .await
        .unwrap();
    assert_eq!(ingress(&ec2, &copy).await, ingress(&ec2, &group).await);
    assert_eq!(groups::details(&ec2, &copy).await.unwrap().outbound, out.outbound);
}

#[tokio::test]
async fn a_group_in_use_is_not_deleted_and_its_users_are_named() {
    let moto = MotoServer::start();
    let ec2 = moto.ec2(REGION).await;
    let vpc = app::network::ssr::network(&ec2).await.unwrap();
    let subnet = vpc.subnets[0].clone();
    let group = groups::create(&ec2, &subnet.vpc_id, "in-use", "used", &[])
        .await
        .unwrap();
    let spare = groups::create(&ec2, &subnet.vpc_id, "spare", "unused", &[])
        .await
        .unwrap();
    let ami = any_ami(&ec2).await;
    let out = ec2
        .run_instances()
        .image_id(&ami)
        .instance_type(aws_sdk_ec2::types::InstanceType::T3Micro)
        .subnet_id(&subnet.id)
        .security_group_ids(&group)
        .min_count(1)
        .max_count(1)
        .send()
        .await
        .unwrap();
    let instance = out.instances()[0].instance_id().unwrap().to_string();

    let err = groups::delete(&ec2, &group).await.unwrap_err();
    assert!(
        matches!(&err, AppError::Validation { message, .. } if message.contains(&instance)),
        "{err:?}"
    );
    assert!(
        ec2.describe_security_groups()
            .group_ids(&group)
            .send()
            .await
            .is_ok(),
        "still there (moto would delete it)"
    );
    groups::delete(&ec2, &spare)
        .await
        .expect("an unused group is deleted");
    assert!(ec2
        .describe_security_groups()
        .group_ids(&spare)
        .send()
        .await
        .is_err());
}

#[test]
fn bad_rules_are_refused_by_field() {
    use app::security_groups::check_rule;
    for (bad, field) in [
        (rule("tcp", 90, 80, "0.0.0.0/0", ""), "port range"),
        (rule("tcp", 0, 70000, "0.0.0.0/0", ""), "port range"),
        (rule("tcp", 22, 22, "10.0.0.1/8", ""), "source"),
        (rule("tcp", 22, 22, "not-a-cidr", ""), "source"),
        (rule("gre", 0, 0, "0.0.0.0/0", ""), "protocol"),
        (rule("tcp", 22, 22, "0.0.0.0/0", "é"), "rule description"),
    ] {
        assert!(
            matches!(check_rule(&bad), Err(AppError::Validation { field: f, .. }) if f == field),
            "{bad:?}"
        );
    }
}
