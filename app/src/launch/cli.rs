//! The AWS CLI commands equivalent to a launch request, as the summary shows them.

use super::{LaunchRequest, PublicIp, VolumeSpec};
use serde_json::{json, Value};

/// Quotes `s` for a POSIX shell when it needs it.
pub fn shell_quote(s: &str) -> String {
    let plain = !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_./:=,@+%".contains(&b));
    if plain {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

fn mapping(v: &VolumeSpec) -> Value {
    let mut ebs = json!({
        "VolumeSize": v.size_gib,
        "VolumeType": v.volume_type,
        "Encrypted": v.encrypted,
        "DeleteOnTermination": v.delete_on_termination,
    });
    if matches!(v.volume_type.as_str(), "gp3" | "io1" | "io2") {
        if let Some(iops) = v.iops {
            ebs["Iops"] = json!(iops);
        }
    }
    if v.volume_type == "gp3" {
        if let Some(t) = v.throughput {
            ebs["Throughput"] = json!(t);
        }
    }
    json!({ "DeviceName": v.device, "Ebs": ebs })
}

fn tags_json(resource: &str, tags: &[(String, String)]) -> Value {
    json!({
        "ResourceType": resource,
        "Tags": tags.iter().map(|(k, v)| json!({ "Key": k, "Value": v })).collect::<Vec<_>>(),
    })
}

/// The placeholder the commands use for a security group created in the same launch.
pub const NEW_GROUP: &str = "$NEW_SG_ID";

/// The commands that do what `req` does in `region`, one argument per line.
pub fn commands(req: &LaunchRequest, region: &str) -> String {
    let mut out = String::new();
    let mut groups: Vec<String> = req.security_group_ids.clone();
    if let Some(new) = &req.new_group {
        let mut create = vec![
            "NEW_SG_ID=$(aws ec2 create-security-group".to_string(),
            format!("--region {}", shell_quote(region)),
        ];
        if let Some(vpc) = &req.vpc_id {
            create.push(format!("--vpc-id {}", shell_quote(vpc)));
        }
        create.push(format!("--group-name {}", shell_quote(&new.name)));
        create.push(format!("--description {}", shell_quote(&new.description)));
        create.push("--query GroupId --output text)".into());
        out.push_str(&create.join(" \\\n  "));
        out.push('\n');
        if !new.rules.is_empty() {
            let perms: Vec<Value> = new
                .rules
                .iter()
                .map(|r| {
                    let range = if r.source.contains(':') {
                        json!({ "Ipv6Ranges": [{ "CidrIpv6": r.source, "Description": r.description }] })
                    } else {
                        json!({ "IpRanges": [{ "CidrIp": r.source, "Description": r.description }] })
                    };
                    let mut p =
                        json!({ "IpProtocol": r.protocol, "FromPort": r.from_port, "ToPort": r.to_port });
                    p.as_object_mut()
                        .into_iter()
                        .for_each(|o| o.extend(range.as_object().cloned().unwrap_or_default()));
                    p
                })
                .collect();
            out.push_str(&format!(
                "aws ec2 authorize-security-group-ingress \\\n  --region {} \\\n  --group-id \"{NEW_GROUP}\" \\\n  --ip-permissions {}\n",
                shell_quote(region),
                shell_quote(&Value::Array(perms).to_string())
            ));
        }
        groups.push(format!("\"{NEW_GROUP}\""));
    }

    let mut args = vec![
        "aws ec2 run-instances".to_string(),
        format!("--region {}", shell_quote(region)),
        format!("--image-id {}", shell_quote(&req.image_id)),
        format!("--instance-type {}", shell_quote(&req.instance_type)),
        format!("--count {}", req.count),
    ];
    if let Some(key) = &req.key_name {
        args.push(format!("--key-name {}", shell_quote(key)));
    }
    let quoted_groups: Vec<String> = groups
        .iter()
        .map(|g| {
            if g.starts_with('"') {
                g.clone()
            } else {
                shell_quote(g)
            }
        })
        .collect();
    match req.public_ip {
        PublicIp::SubnetDefault => {
            if let Some(subnet) = &req.subnet_id {
                args.push(format!("--subnet-id {}", shell_quote(subnet)));
            }
            if !quoted_groups.is_empty() {
                args.push(format!("--security-group-ids {}", quoted_groups.join(" ")));
            }
        }
        explicit => {
            let mut nic = format!(
                "DeviceIndex=0,AssociatePublicIpAddress={}",
                explicit == PublicIp::Enable
            );
            if let Some(subnet) = &req.subnet_id {
                nic.push_str(&format!(",SubnetId={subnet}"));
            }
            if !groups.is_empty() {
                let plain: Vec<String> = groups.iter().map(|g| g.trim_matches('"').to_string()).collect();
                nic.push_str(&format!(",Groups={}", plain.join(",")));
            }
            args.push(format!("--network-interfaces \"{nic}\""));
        }
    }
    let mappings: Vec<Value> = std::iter::once(&req.root)
        .chain(&req.volumes)
        .map(mapping)
        .collect();
    args.push(format!(
        "--block-device-mappings {}",
        shell_quote(&Value::Array(mappings).to_string())
    ));
    let (instance_tags, volume_tags) = super::split_tags_of(req);
    let mut specs = Vec::new();
    if !instance_tags.is_empty() {
        specs.push(tags_json("instance", &instance_tags));
    }
    if !volume_tags.is_empty() {
        specs.push(tags_json("volume", &volume_tags));
    }
    if !specs.is_empty() {
        args.push(format!(
            "--tag-specifications {}",
            shell_quote(&Value::Array(specs).to_string())
        ));
    }
    if !req.user_data.is_empty() {
        args.push("--user-data file://user-data.txt".into());
    }
    args.push(format!(
        "--metadata-options {}",
        shell_quote(&format!(
            "HttpEndpoint=enabled,HttpTokens={}",
            if req.imdsv2_required {
                "required"
            } else {
                "optional"
            }
        ))
    ));
    args.push(format!(
        "--instance-initiated-shutdown-behavior {}",
        req.shutdown.as_str()
    ));
    if req.termination_protection {
        args.push("--disable-api-termination".into());
    }
    if req.detailed_monitoring {
        args.push("--monitoring Enabled=true".into());
    }
    if !req.client_token.is_empty() {
        args.push(format!("--client-token {}", shell_quote(&req.client_token)));
    }
    out.push_str(&args.join(" \\\n  "));
    out
}
