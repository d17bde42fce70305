use super::*;
use crate::images::ImageInfo;
use crate::instance_types::InstanceTypeInfo;
use crate::security_groups::QuickRule;

fn request() -> LaunchRequest {
    LaunchRequest {
        image_id: "ami-0a1e2d3c4b5a60001".into(),
        instance_type: "t3.micro".into(),
        key_name: Some("demo-key".into()),
        client_token: "tok-1".into(),
        ..LaunchRequest::default()
    }
}

fn image(arch: &str, root: i32) -> ImageInfo {
    ImageInfo {
        id: "ami-0a1e2d3c4b5a60001".into(),
        architecture: arch.into(),
        root_volume_size: Some(root),
        ..ImageInfo::default()
    }
}

fn itype(archs: &[&str]) -> InstanceTypeInfo {
    InstanceTypeInfo {
        name: "t3.micro".into(),
        architectures: archs.iter().map(|a| a.to_string()).collect(),
        ..InstanceTypeInfo::default()
    }
}

fn fields(problems: &[Problem]) -> Vec<&str> {
    problems.iter().map(|p| p.field.as_str()).collect()
}

#[test]
fn defaults_with_an_image_and_a_type_are_valid() {
    assert_eq!(
        validate(&request(), Some(&image("x86_64", 8)), Some(&itype(&["x86_64"]))),
        vec![]
    );
}

#[test]
fn every_bad_field_is_named_with_its_section() {
    let mut req = request();
    req.image_id = "ami-nothex!".into();
    req.instance_type = "T3 micro".into();
    req.count = 0;
    req.root.size_gib = 0;
    req.root.iops = Some(20_000);
    req.user_data = "x".repeat(MAX_USER_DATA + 1);
    req.subnet_id = Some("subnet-1".into());
    req.tags.push(LaunchTag {
        key: "aws:reserved".into(),
        value: "x".into(),
        on_instances: true,
        on_volumes: false,
    });
    let problems = validate(&req, None, None);
    assert_eq!(
        fields(&problems),
        [
            "tag-key-0",
            "image",
            "instance-type",
            "subnet",
            "root-size",
            "root-iops",
            "user-data",
            "count"
        ]
    );
    let err = problems[4].clone().into_error();
    assert_eq!(
        err,
        AppError::validation(
            "Configure storage › Root volume size",
            "must be 1–16384 GiB for gp3"
        )
    );
}

#[test]
fn architecture_and_root_size_follow_the_image() {
    let problems = validate(
        &request(),
        Some(&image("arm64", 8)),
        Some(&itype(&["x86_64", "i386"])),
    );
    assert_eq!(fields(&problems), ["instance-type"]);
    assert!(problems[0].message.contains("does not run arm64 images"));
    let problems = validate(&request(), Some(&image("x86_64", 30)), Some(&itype(&["x86_64"])));
    assert_eq!(fields(&problems), ["root-size"]);
    assert!(problems[0].message.starts_with("must be 30–"));
}

#[test]
fn volume_limits_by_type() {
    let mut req = request();
    req.root.volume_type = "st1".into();
    req.root.size_gib = 500;
    assert_eq!(fields(&validate(&req, None, None)), ["root-type"]);
    let mut req = request();
    req.volumes.push(VolumeSpec {
        device: extra_device(0),
        size_gib: 100,
        volume_type: "io2".into(),
        iops: None,
        throughput: None,
        encrypted: true,
        delete_on_termination: true,
    });
    req.volumes.push(VolumeSpec {
        device: extra_device(1),
        size_gib: 2000,
        volume_type: "standard".into(),
        iops: None,
        throughput: None,
        encrypted: false,
        delete_on_termination: false,
    });
    req.volumes.push(VolumeSpec {
        device: "/dev/sdz".into(),
        size_gib: 10,
        volume_type: "gp9".into(),
        iops: None,
        throughput: None,
        encrypted: false,
        delete_on_termination: false,
    });
    assert_eq!(
        fields(&validate(&req, None, None)),
        ["volume-0-iops", "volume-1-size", "volume-2-size", "volume-2-type"]
    );
    let mut req = request();
    req.root.throughput = Some(2000);
    assert_eq!(fields(&validate(&req, None, None)), ["root-throughput"]);
}

#[test]
fn new_groups_and_tags_are_checked() {
    let mut req = request();
    req.new_group = Some(NewGroup {
        name: "sg-bad".into(),
        description: "".into(),
        rules: vec![],
    });
    req.tags.push(LaunchTag {
        key: "Team".into(),
        value: "a".into(),
        on_instances: false,
        on_volumes: false,
    });
    req.tags.push(LaunchTag {
        key: "Name".into(),
        value: "b".into(),
        on_instances: true,
        on_volumes: false,
    });
    assert_eq!(
        fields(&validate(&req, None, None)),
        [
            "tag-key-0",
            "tag-key-1",
            "new-group-name",
            "new-group-description"
        ]
    );
    req.security_group_ids = (0..5).map(|i| format!("sg-0000000{i}")).collect();
    assert!(fields(&validate(&req, None, None)).contains(&"security-groups"));
}

#[test]
fn the_cli_command_carries_every_choice() {
    let mut req = request();
    req.name = "web's box".into();
    req.tags.push(LaunchTag {
        key: "Team".into(),
        value: "ops".into(),
        on_instances: true,
        on_volumes: true,
    });
    req.vpc_id = Some("vpc-0123abcd".into());
    req.subnet_id = Some("subnet-0123abcd".into());
    req.security_group_ids = vec!["sg-0123abcd".into()];
    req.new_group = Some(NewGroup {
        name: "launch-wizard-1".into(),
        description: "web".into(),
        rules: vec![QuickRule::Http.rule("1.2.3.4")],
    });
    req.volumes.push(VolumeSpec::gp3(&extra_device(0), 20, false));
    req.user_data = "#!/bin/sh".into();
    req.termination_protection = true;
    req.detailed_monitoring = true;
    req.shutdown = Shutdown::Terminate;
    req.count = 2;
    let cli = cli::commands(&req, "us-west-2");
    for part in [
        "aws ec2 create-security-group",
        "--vpc-id vpc-0123abcd \\\n  --group-name launch-wizard-1",
        "--ip-permissions '[{\"FromPort\":80,",
        "aws ec2 run-instances",
        "--region us-west-2",
        "--image-id ami-0a1e2d3c4b5a60001",
        "--instance-type t3.micro",
        "--count 2",
        "--key-name demo-key",
        "--subnet-id subnet-0123abcd",
        "--security-group-ids sg-0123abcd \"$NEW_SG_ID\"",
        "\"DeviceName\":\"/dev/sdf\"",
        "{\"Key\":\"Name\",\"Value\":\"web'\\''s box\"}",
        "{\"ResourceType\":\"volume\",\"Tags\":[{\"Key\":\"Team\",\"Value\":\"ops\"}]}",
        "--user-data file://user-data.txt",
        "--metadata-options HttpEndpoint=enabled,HttpTokens=required",
        "--instance-initiated-shutdown-behavior terminate",
        "--disable-api-termination",
        "--monitoring Enabled=true",
        "--client-token tok-1",
    ] {
        assert!(cli.contains(part), "missing {part:?} in\n{cli}");
    }
    req.public_ip = PublicIp::Disable;
    req.new_group = None;
    let cli = cli::commands(&req, "us-west-2");
    assert!(cli.contains("--network-interfaces \"DeviceIndex=0,AssociatePublicIpAddress=false,SubnetId=subnet-0123abcd,Groups=sg-0123abcd\""), "{cli}");
    assert!(!cli.contains("--subnet-id"));
}

#[test]
fn shell_quoting() {
    assert_eq!(cli::shell_quote("t3.micro"), "t3.micro");
    assert_eq!(cli::shell_quote("a b"), "'a b'");
    assert_eq!(cli::shell_quote("it's"), "'it'\\''s'");
    assert_eq!(cli::shell_quote("$(rm -rf /)"), "'$(rm -rf /)'");
    assert_eq!(cli::shell_quote(""), "''");
}

#[test]
fn the_suggested_group_name_is_one_past_the_highest_taken() {
    assert_eq!(NewGroup::suggested_name([]), "launch-wizard-1");
    assert_eq!(NewGroup::suggested_name(["default", "web"]), "launch-wizard-1");
    // launch-wizard-1 was deleted: counting would suggest the taken launch-wizard-2 again.
    assert_eq!(NewGroup::suggested_name(["launch-wizard-2"]), "launch-wizard-3");
    assert_eq!(
        NewGroup::suggested_name([
            "launch-wizard-9",
            "launch-wizard-10",
            "launch-wizard-x",
            "launch-wizard-"
        ]),
        "launch-wizard-11"
    );
}
