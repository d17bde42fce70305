//! The launch flow's backend against a real moto server: a launch with every section set, read
//! back independently; the console's own ClientToken deduplication; a denied DryRun; bad input
//! named by field; names with spaces under signature checks.

use crate::common::{store, AL2023_ARM, AL2023_X86};
use app::error::AppError;
use app::key_pairs::{ssr as key_pairs, KeyAlgorithm};
use app::launch::{extra_device, ssr::launch, LaunchRequest, LaunchTag, NewGroup, Shutdown, VolumeSpec};
use app::security_groups::QuickRule;
use aws_sdk_ec2::types::{Filter, InstanceAttributeName};
use aws_sdk_ec2::Client;
use testkit::MotoServer;

const REGION: &str = "us-east-1";
const ACCOUNT: &str = "123456789012";

fn base(token: &str) -> LaunchRequest {
    LaunchRequest {
        image_id: AL2023_X86.into(),
        instance_type: "t3.micro".into(),
        client_token: token.into(),
        // moto's image snapshots are 15 GiB; the root volume may not be smaller.
        root: VolumeSpec::gp3("/dev/xvda", 16, true),
        ..LaunchRequest::default()
    }
}

async fn all_instances(ec2: &Client) -> Vec<aws_sdk_ec2::types::Instance> {
    let mut out = Vec::new();
    let mut pages = ec2.describe_instances().into_paginator().send();
    while let Some(page) = pages.next().await {
        for r in page.unwrap().reservations() {
            out.extend(r.instances().iter().cloned());
        }
    }
    out
}

fn tag<'a>(tags: &'a [aws_sdk_ec2::types::Tag], key: &str) -> Option<&'a str> {
    tags.iter().find(|t| t.key() == Some(key)).and_then(|t| t.value())
}

#[tokio::test]
async fn a_launch_with_every_section_set_reads_back_as_chosen() {
    let store = store("a_launch_with_every_section_set_reads_back_as_chosen").await;
    let moto = MotoServer::start_with_demo_amis();
    let ec2 = moto.ec2(REGION).await;
    let key = key_pairs::create(&ec2, "launch-key", KeyAlgorithm::Ed25519)
        .await
        .expect("key pair");
    assert!(
        key.private_key.contains("PRIVATE KEY"),
        "the private key comes back once"
    );
    let network = app::network::ssr::network(&ec2).await.unwrap();
    let subnet = network
        .subnets
        .iter()
        .find(|s| s.default_for_az)
        .expect("a default subnet")
        .clone();

    let req = LaunchRequest {
        name: "launch-everything".into(),
        tags: vec![LaunchTag {
            key: "Team".into(),
            value: "ops".into(),
            on_instances: true,
            on_volumes: true,
        }],
        key_name: Some("launch-key".into()),
        vpc_id: Some(subnet.vpc_id.clone()),
        subnet_id: Some(subnet.id.clone()),
        new_group: Some(NewGroup {
            name: "launch-wizard-1".into(),
            description: "web servers".into(),
            rules: vec![
                QuickRule::SshMyIp.rule("198.51.100.7"),
                QuickRule::Http.rule("198.51.100.7"),
            ],
        }),
        root: VolumeSpec {
            encrypted: true,
            delete_on_termination: false,
            ..VolumeSpec::gp3("/dev/xvda", 20, false)
        },
        volumes: vec![VolumeSpec {
            volume_type: "gp2".into(),
            iops: None,
            throughput: None,
            ..VolumeSpec::gp3(&extra_device(0), 5, true)
        }],
        user_data: "#!/bin/sh\necho launched > /tmp/hello\n".into(),
        imdsv2_required: true,
        shutdown: Shutdown::Terminate,
        termination_protection: true,
        detailed_monitoring: true,
        count: 2,
        ..base("every-section")
    };
    let result = launch(&store, &ec2, ACCOUNT, REGION, req.clone())
        .await
        .expect("launch");
    assert_eq!(result.instance_ids.len(), 2);
    assert!(!result.replayed);
    let group = result.created_group.clone().expect("a new group");

    let instances = all_instances(&ec2).await;
    assert_eq!(instances.len(), 2);
    for i in &instances {
        assert_eq!(i.image_id(), Some(AL2023_X86));
        assert_eq!(i.instance_type().map(|t| t.as_str()), Some("t3.micro"));
        assert_eq!(i.subnet_id(), Some(subnet.id.as_str()));
        assert_eq!(i.key_name(), Some("launch-key"));
        assert_eq!(tag(i.tags(), "Name"), Some("launch-everything"));
        assert_eq!(tag(i.tags(), "Team"), Some("ops"));
        assert_eq!(
            i.security_groups()
                .iter()
                .filter_map(|g| g.group_id())
                .collect::<Vec<_>>(),
            [group.as_str()]
        );
        assert_eq!(
            i.metadata_options()
                .and_then(|m| m.http_tokens())
                .map(|t| t.as_str()),
            Some("required")
        );
        assert_eq!(
            i.monitoring().and_then(|m| m.state()).map(|s| s.as_str()),
            Some("enabled")
        );
        let id = i.instance_id().unwrap();
        let attr = |name: InstanceAttributeName| {
            ec2.describe_instance_attribute()
                .instance_id(id)
                .attribute(name)
                .send()
        };
        let shutdown = attr(InstanceAttributeName::InstanceInitiatedShutdownBehavior)
            .await
            .unwrap();
        assert_eq!(
            shutdown
                .instance_initiated_shutdown_behavior()
                .and_then(|v| v.value()),
            Some("terminate")
        );
        let protection = attr(InstanceAttributeName::DisableApiTermination).await.unwrap();
        assert_eq!(
            protection.disable_api_termination().and_then(|v| v.value()),
            Some(true)
        );
        let user_data = app::instances::ssr::user_data(&ec2, id).await.unwrap();
        assert_eq!(user_data.as_deref(), Some(req.user_data.as_str()));

        let volumes = ec2
            .describe_volumes()
            .filters(
                Filter::builder()
                    .name("attachment.instance-id")
                    .values(id)
                    .build(),
            )
            .send()
            .await
            .unwrap();
        let by_device = |d: &str| {
            volumes
                .volumes()
                .iter()
                .find(|v| v.attachments().iter().any(|a| a.device() == Some(d)))
                .unwrap_or_else(|| panic!("no volume on {d}"))
                .clone()
        };
        let root = by_device("/dev/xvda");
        assert_eq!(
            (
                root.size(),
                root.volume_type().map(|t| t.as_str()),
                root.encrypted()
            ),
            (Some(20), Some("gp3"), Some(true))
        );
        let extra = by_device("/dev/sdf");
        assert_eq!(
            (extra.size(), extra.volume_type().map(|t| t.as_str())),
            (Some(5), Some("gp2"))
        );
        for v in [&root, &extra] {
            assert_eq!(tag(v.tags(), "Team"), Some("ops"), "volume tags");
        }
        let mappings = i.block_device_mappings();
        let keep = |d: &str| {
            mappings
                .iter()
                .find(|m| m.device_name() == Some(d))
                .and_then(|m| m.ebs())
                .and_then(|e| e.delete_on_termination())
        };
        assert_eq!((keep("/dev/xvda"), keep("/dev/sdf")), (Some(false), Some(true)));
    }

    let groups = ec2
        .describe_security_groups()
        .group_ids(&group)
        .send()
        .await
        .unwrap();
    let g = &groups.security_groups()[0];
    assert_eq!(
        (g.group_name(), g.description(), g.vpc_id()),
        (
            Some("launch-wizard-1"),
            Some("web servers"),
            Some(subnet.vpc_id.as_str())
        )
    );
    let mut rules: Vec<(i32, String)> = g
        .ip_permissions()
        .iter()
        .flat_map(|p| {
            p.ip_ranges().iter().map(move |r| {
                (
                    p.from_port().unwrap_or_default(),
                    r.cidr_ip().unwrap_or_default().to_string(),
                )
            })
        })
        .collect();
    rules.sort();
    assert_eq!(
        rules,
        [(22, "198.51.100.7/32".to_string()), (80, "0.0.0.0/0".to_string())]
    );
}

#[tokio::test]
async fn the_same_client_token_launches_once_however_it_is_resent() {
    let store = store("the_same_client_token_launches_once_however_it_is_resent").await;
    let moto = MotoServer::start_with_demo_amis();
    let ec2 = moto.ec2(REGION).await;

    let first = launch(&store, &ec2, ACCOUNT, REGION, base("double-click"))
        .await
        .expect("first");
    let again = launch(&store, &ec2, ACCOUNT, REGION, base("double-click"))
        .await
        .expect("resent");
    assert_eq!(again.instance_ids, first.instance_ids);
    assert!(again.replayed, "the resent submission says it is a replay");
    assert_eq!(
        all_instances(&ec2).await.len(),
        1,
        "moto would have launched twice"
    );

    let (a, b) = tokio::join!(
        launch(&store, &ec2, ACCOUNT, REGION, base("concurrent")),
        launch(&store, &ec2, ACCOUNT, REGION, base("concurrent"))
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a.instance_ids, b.instance_ids);
    assert!(
        a.replayed != b.replayed,
        "exactly one of two concurrent submissions launched"
    );
    assert_eq!(all_instances(&ec2).await.len(), 2);

    let changed = LaunchRequest {
        count: 3,
        ..base("double-click")
    };
    let err = launch(&store, &ec2, ACCOUNT, REGION, changed).await.unwrap_err();
    assert!(
        matches!(&err, AppError::Aws { code, .. } if code == "IdempotentParameterMismatch"),
        "{err:?}"
    );
    assert_eq!(all_instances(&ec2).await.len(), 2);
}

#[tokio::test]
async fn a_user_denied_run_instances_fails_the_dry_run_and_nothing_is_created() {
    let store = store("a_user_denied_run_instances_fails_the_dry_run_and_nothing_is_created").await;
    let moto = MotoServer::start_with_demo_amis();
    let users = moto.enable_iam_users();
    let bob = moto.ec2_as(&users.bob, REGION).await;
    let alice = moto.ec2_as(&users.alice, REGION).await;
    let req = LaunchRequest {
        new_group: Some(NewGroup {
            name: "should-not-exist".into(),
            description: "denied".into(),
            rules: vec![],
        }),
        ..base("denied")
    };
    let err = launch(&store, &bob, ACCOUNT, REGION, req).await.unwrap_err();
    assert!(err.is_not_permitted(), "{err:?}");
    assert!(all_instances(&alice).await.is_empty());
    let groups = app::security_groups::ssr::list(&alice, None).await.unwrap();
    assert!(
        groups.iter().all(|g| g.name != "should-not-exist"),
        "the DryRun failed before the group was made"
    );
    let ok = launch(&store, &alice, ACCOUNT, REGION, base("allowed"))
        .await
        .expect("alice may launch");
    assert_eq!(ok.instance_ids.len(), 1);
}

#[tokio::test]
async fn bad_input_is_named_by_section_and_field_and_launches_nothing() {
    let store = store("bad_input_is_named_by_section_and_field_and_launches_nothing").await;
    let moto = MotoServer::start_with_demo_amis();
    let ec2 = moto.ec2(REGION).await;
    let cases = [
        (
            LaunchRequest {
                image_id: "ami-0123456789abcdef0".into(),
                ..base("a")
            },
            "Application and OS image (AMI) › AMI",
        ),
        (
            LaunchRequest {
                image_id: AL2023_ARM.into(),
                ..base("b")
            },
            "Instance type › Instance type",
        ),
        (
            LaunchRequest {
                instance_type: "zz9.huge".into(),
                ..base("c")
            },
            "Instance type › Instance type",
        ),
        (
            LaunchRequest {
                key_name: Some("no-such-key".into()),
                ..base("d")
            },
            "Key pair (login) › Key pair",
        ),
        (
            LaunchRequest {
                subnet_id: Some("subnet-0123456789abcdef0".into()),
                ..base("e")
            },
            "Network settings › Subnet",
        ),
        (
            LaunchRequest {
                security_group_ids: vec!["sg-0123456789abcdef0".into()],
                ..base("f")
            },
            "Network settings › Security groups",
        ),
        (
            LaunchRequest {
                root: VolumeSpec::gp3("/dev/xvda", 4, true),
                ..base("g")
            },
            "Configure storage › Root volume size",
        ),
    ];
    for (req, field_wanted) in cases {
        let err = launch(&store, &ec2, ACCOUNT, REGION, req).await.unwrap_err();
        assert!(
            matches!(&err, AppError::Validation { field, .. } if field == field_wanted),
            "{field_wanted}: {err:?}"
        );
    }
    assert!(all_instances(&ec2).await.is_empty());
}

#[tokio::test]
async fn spaces_in_names_and_descriptions_pass_signature_checks() {
    let store = store("spaces_in_names_and_descriptions_pass_signature_checks").await;
    // moto with IAM authentication checks signatures; the console's clients send form bodies it can verify.
    let moto = MotoServer::start_with_demo_amis();
    let users = moto.enable_iam_users();
    let aws = app::aws::AwsContext::new(moto.sdk_config(REGION).await, REGION);
    let creds = app::cipher::Credentials {
        access_key_id: users.alice.access_key_id.clone(),
        secret_access_key: users.alice.secret_access_key.clone().into(),
        session_token: None,
    };
    let alice = aws.ec2_as(&creds, ACCOUNT, REGION);
    let req = LaunchRequest {
        name: "web server (blue)".into(),
        new_group: Some(NewGroup {
            name: "launch wizard".into(),
            description: "Created by the EC2 console launch flow".into(),
            rules: vec![QuickRule::SshAnywhere.rule("1.2.3.4")],
        }),
        ..base("spaces")
    };
    let result = launch(&store, &alice, ACCOUNT, REGION, req)
        .await
        .expect("launch with spaces");
    let instances = all_instances(&alice).await;
    assert_eq!(instances.len(), 1);
    assert_eq!(tag(instances[0].tags(), "Name"), Some("web server (blue)"));
    let group = alice
        .describe_security_groups()
        .group_ids(result.created_group.unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(
        group.security_groups()[0].description(),
        Some("Created by the EC2 console launch flow")
    );
}
