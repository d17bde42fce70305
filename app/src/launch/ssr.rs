//! Server-only: checks that need AWS, the DryRun, the ClientToken memory (in the shared store) and
//! `RunInstances`.

use super::{validate, LaunchRequest, LaunchResult, Problem, PublicIp, Section, VolumeSpec};
use crate::error::AppError;
use crate::shared::SharedStore;
use aws_sdk_ec2::error::ProvideErrorMetadata;
use aws_sdk_ec2::operation::run_instances::builders::RunInstancesFluentBuilder;
use aws_sdk_ec2::types::{
    AttributeBooleanValue, BlockDeviceMapping, EbsBlockDevice, HttpTokensState,
    InstanceMetadataEndpointState, InstanceMetadataOptionsRequest, InstanceNetworkInterfaceSpecification,
    InstanceType, ResourceType, RunInstancesMonitoringEnabled, ShutdownBehavior, Tag, TagSpecification,
    VolumeType,
};
use std::net::SocketAddr;
use std::time::{Duration, Instant};

/// How long a submitted token's result is remembered.
const TOKEN_TTL: Duration = Duration::from_secs(24 * 3600);

/// How long a resent submission waits for the first one to finish.
const WAIT_FOR_FIRST: Duration = Duration::from_secs(150);

/// A remembered submission, in the shared store: the SHA-256 of the request it carried and, once
/// it launched, its result.
#[derive(serde::Serialize, serde::Deserialize)]
struct Submission {
    request: String,
    result: Option<LaunchResult>,
}

fn fingerprint(req: &LaunchRequest) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(Sha256::digest(serde_json::to_vec(req).unwrap_or_default()))
}

/// The browser's address as this server sees it (the peer of the connection).
pub fn client_ip() -> Option<String> {
    leptos::prelude::with_context::<http::request::Parts, _>(|parts| {
        parts
            .extensions
            .get::<axum::extract::ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip().to_string())
    })
    .flatten()
}

fn not_found(section: Section, field: &str, label: &str, message: String) -> AppError {
    Problem::new(section, field, label, message).into_error()
}

/// Checks that everything the request names exists (and fits together), then the rules that
/// need the image and the type. Returns the first problem.
pub async fn check_existence(
    client: &aws_sdk_ec2::Client,
    region: &str,
    req: &LaunchRequest,
) -> Result<(), AppError> {
    let image = crate::images::ssr::describe(client, &req.image_id)
        .await
        .map_err(|e| match e {
            AppError::Aws { code, message, .. } if code.starts_with("InvalidAMIID") => {
                not_found(Section::Image, "image", "AMI", format!("{code}: {message}"))
            }
            other => other,
        })?;
    let types = crate::instance_types::ssr::offered(client, region).await?;
    let Some(itype) = types.iter().find(|t| t.name == req.instance_type) else {
        return Err(not_found(
            Section::InstanceType,
            "instance-type",
            crate::tr!(launch.label_instance_type),
            crate::tr!(launch.type_not_offered, kind = req.instance_type, region = region),
        ));
    };
    if let Some(problem) = validate(req, Some(&image), Some(itype)).into_iter().next() {
        return Err(problem.into_error());
    }
    if let Some(key) = &req.key_name {
        if !crate::key_pairs::ssr::exists(client, key).await? {
            return Err(not_found(
                Section::KeyPair,
                "key-name",
                crate::tr!(launch.label_key_pair),
                crate::tr!(launch.no_such_key, name = key, region = region),
            ));
        }
    }
    let network = crate::network::ssr::network(client).await?;
    let vpc = match &req.subnet_id {
        Some(id) => {
            let Some(subnet) = network.subnets.iter().find(|s| &s.id == id) else {
                return Err(not_found(
                    Section::Network,
                    "subnet",
                    crate::tr!(launch.label_subnet),
                    crate::tr!(launch.not_in_region, id = id, region = region),
                ));
            };
            if req.vpc_id.as_ref().is_some_and(|v| v != &subnet.vpc_id) {
                return Err(not_found(
                    Section::Network,
                    "subnet",
                    crate::tr!(launch.label_subnet),
                    crate::tr!(launch.subnet_not_in_vpc, id = id),
                ));
            }
            Some(subnet.vpc_id.clone())
        }
        None => match &req.vpc_id {
            Some(v) if network.vpcs.iter().any(|n| &n.id == v && n.is_default) => Some(v.clone()),
            Some(v) => {
                return Err(not_found(
                    Section::Network,
                    "subnet",
                    crate::tr!(launch.label_subnet),
                    crate::tr!(launch.choose_subnet_of, vpc = v),
                ))
            }
            None => network.vpcs.iter().find(|v| v.is_default).map(|v| v.id.clone()),
        },
    };
    if !req.security_group_ids.is_empty() || req.new_group.is_some() {
        let groups = crate::security_groups::ssr::list(client, None).await?;
        for id in &req.security_group_ids {
            match groups.iter().find(|g| &g.id == id) {
                None => {
                    return Err(not_found(
                        Section::Network,
                        "security-groups",
                        crate::tr!(launch.label_security_groups),
                        crate::tr!(launch.not_in_region, id = id, region = region),
                    ))
                }
                Some(g) if Some(&g.vpc_id) != vpc.as_ref() => {
                    return Err(not_found(
                        Section::Network,
                        "security-groups",
                        crate::tr!(launch.label_security_groups),
                        crate::tr!(launch.group_other_vpc, id = id, vpc = g.vpc_id),
                    ))
                }
                Some(_) => {}
            }
        }
        if let Some(new) = &req.new_group {
            if vpc.is_none() {
                return Err(not_found(
                    Section::Network,
                    "subnet",
                    crate::tr!(launch.label_subnet),
                    crate::tr!(launch.choose_subnet_for_group).into(),
                ));
            }
            if groups
                .iter()
                .any(|g| g.name == new.name && Some(&g.vpc_id) == vpc.as_ref())
            {
                return Err(not_found(
                    Section::Network,
                    "new-group-name",
                    crate::tr!(launch.label_group_name),
                    crate::tr!(launch.group_exists, name = new.name),
                ));
            }
        }
    }
    Ok(())
}

fn ebs(volume: &VolumeSpec) -> BlockDeviceMapping {
    let mut e = EbsBlockDevice::builder()
        .volume_size(volume.size_gib)
        .volume_type(VolumeType::from(volume.volume_type.as_str()))
        .encrypted(volume.encrypted)
        .delete_on_termination(volume.delete_on_termination);
    if matches!(volume.volume_type.as_str(), "gp3" | "io1" | "io2") {
        e = e.set_iops(volume.iops);
    }
    if volume.volume_type == "gp3" {
        e = e.set_throughput(volume.throughput);
    }
    BlockDeviceMapping::builder()
        .device_name(&volume.device)
        .ebs(e.build())
        .build()
}

fn tag_spec(resource: ResourceType, tags: Vec<(String, String)>) -> Option<TagSpecification> {
    (!tags.is_empty()).then(|| {
        TagSpecification::builder()
            .resource_type(resource)
            .set_tags(Some(
                tags.into_iter()
                    .map(|(k, v)| Tag::builder().key(k).value(v).build())
                    .collect(),
            ))
            .build()
    })
}

/// The `RunInstances` call for `req`, with `groups` as its security groups.
pub fn run_request(
    client: &aws_sdk_ec2::Client,
    req: &LaunchRequest,
    groups: &[String],
) -> RunInstancesFluentBuilder {
    use base64::Engine as _;
    let (instance_tags, volume_tags) = super::split_tags_of(req);
    let mut run = client
        .run_instances()
        .image_id(&req.image_id)
        .instance_type(InstanceType::from(req.instance_type.as_str()))
        .min_count(req.count)
        .max_count(req.count)
        .set_key_name(req.key_name.clone())
        .block_device_mappings(ebs(&req.root))
        .set_tag_specifications(Some(
            [
                tag_spec(ResourceType::Instance, instance_tags),
                tag_spec(ResourceType::Volume, volume_tags),
            ]
            .into_iter()
            .flatten()
            .collect(),
        ))
        .metadata_options(
            InstanceMetadataOptionsRequest::builder()
                .http_endpoint(InstanceMetadataEndpointState::Enabled)
                .http_tokens(if req.imdsv2_required {
                    HttpTokensState::Required
                } else {
                    HttpTokensState::Optional
                })
                .build(),
        )
        .instance_initiated_shutdown_behavior(ShutdownBehavior::from(req.shutdown.as_str()))
        .disable_api_termination(req.termination_protection)
        .monitoring(
            RunInstancesMonitoringEnabled::builder()
                .enabled(req.detailed_monitoring)
                .build(),
        );
    for volume in &req.volumes {
        run = run.block_device_mappings(ebs(volume));
    }
    if !req.user_data.is_empty() {
        run = run.user_data(base64::engine::general_purpose::STANDARD.encode(req.user_data.as_bytes()));
    }
    match req.public_ip {
        PublicIp::SubnetDefault => run
            .set_subnet_id(req.subnet_id.clone())
            .set_security_group_ids((!groups.is_empty()).then(|| groups.to_vec())),
        explicit => run.network_interfaces(
            InstanceNetworkInterfaceSpecification::builder()
                .device_index(0)
                .set_subnet_id(req.subnet_id.clone())
                .associate_public_ip_address(explicit == PublicIp::Enable)
                .set_groups((!groups.is_empty()).then(|| groups.to_vec()))
                .build(),
        ),
    }
}

/// Runs `req` as a DryRun: `Ok` when AWS says it would have succeeded.
pub async fn dry_run(client: &aws_sdk_ec2::Client, req: &LaunchRequest) -> Result<(), AppError> {
    match run_request(client, req, &req.security_group_ids)
        .dry_run(true)
        .send()
        .await
    {
        Err(e) if e.code() == Some("DryRunOperation") => Ok(()),
        Err(e) => Err(e.into()),
        Ok(_) => Err(AppError::internal("a DryRun launch returned instances")),
    }
}

/// The launch itself, after the DryRun: the new group, `RunInstances`, then a read-back of
/// termination protection (applied again if the endpoint ignored it).
async fn run(
    client: &aws_sdk_ec2::Client,
    region: &str,
    req: &LaunchRequest,
) -> Result<LaunchResult, AppError> {
    dry_run(client, req).await?;
    let mut groups = req.security_group_ids.clone();
    let mut notes = Vec::new();
    let created_group = match &req.new_group {
        Some(new) => {
            let vpc = match &req.vpc_id {
                Some(v) => v.clone(),
                None => crate::network::ssr::network(client)
                    .await?
                    .vpcs
                    .into_iter()
                    .find(|v| v.is_default)
                    .map(|v| v.id)
                    .ok_or_else(|| {
                        AppError::validation(
                            format!("{} › VPC", Section::Network.title()),
                            crate::tr!(launch.no_default_vpc),
                        )
                    })?,
            };
            let id =
                crate::security_groups::ssr::create(client, &vpc, &new.name, &new.description, &new.rules)
                    .await?;
            groups.push(id.clone());
            Some(id)
        }
        None => None,
    };
    let out = run_request(client, req, &groups)
        .client_token(&req.client_token)
        .send()
        .await?;
    let instance_ids: Vec<String> = out
        .instances()
        .iter()
        .filter_map(|i| i.instance_id().map(str::to_string))
        .collect();
    tracing::info!(region, count = instance_ids.len(), image = %req.image_id, "instances launched");
    if req.termination_protection {
        match ensure_protection(client, &instance_ids).await {
            Ok(Some(note)) => notes.push(note),
            Ok(None) => {}
            Err(e) => notes.push(crate::tr!(launch.protection_unconfirmed, error = e.describe())),
        }
    }
    Ok(LaunchResult {
        region: region.to_string(),
        instance_ids,
        created_group,
        replayed: false,
        notes,
    })
}

/// Reads termination protection back from the first instance and turns it on for all if the
/// endpoint ignored `DisableApiTermination`; returns a note when it had to.
async fn ensure_protection(client: &aws_sdk_ec2::Client, ids: &[String]) -> Result<Option<String>, AppError> {
    let Some(first) = ids.first() else {
        return Ok(None);
    };
    let applied = client
        .describe_instance_attribute()
        .instance_id(first)
        .attribute(aws_sdk_ec2::types::InstanceAttributeName::DisableApiTermination)
        .send()
        .await?
        .disable_api_termination()
        .and_then(|v| v.value())
        .unwrap_or(false);
    if applied {
        return Ok(None);
    }
    for id in ids {
        client
            .modify_instance_attribute()
            .instance_id(id)
            .disable_api_termination(AttributeBooleanValue::builder().value(true).build())
            .send()
            .await?;
    }
    Ok(Some(crate::tr!(launch.protection_reapplied).into()))
}

/// Launches `req` once per client token, across every replica: the first submission claims the
/// token in the shared store and launches; a repeated one (double click, retry, reload, another
/// replica) waits for and returns the first one's result instead of launching again. A failed
/// attempt is forgotten so that it can be retried with the same token (AWS deduplicates that
/// token itself).
pub async fn launch(
    shared: &dyn SharedStore,
    client: &aws_sdk_ec2::Client,
    account: &str,
    region: &str,
    req: LaunchRequest,
) -> Result<LaunchResult, AppError> {
    let key = format!("launch:{account}:{region}:{}", req.client_token);
    let mine = fingerprint(&req);
    let pending = serde_json::to_string(&Submission {
        request: mine.clone(),
        result: None,
    })
    .map_err(AppError::internal)?;
    let started = Instant::now();
    loop {
        if shared.claim(&key, &pending, TOKEN_TTL).await? {
            let outcome = match check_existence(client, region, &req).await {
                Ok(()) => run(client, region, &req).await,
                Err(e) => Err(e),
            };
            return match outcome {
                Ok(result) => {
                    let done = Submission {
                        request: mine,
                        result: Some(result.clone()),
                    };
                    let stored = serde_json::to_string(&done).map_err(AppError::internal)?;
                    if let Err(e) = shared.put(&key, &stored, TOKEN_TTL).await {
                        tracing::error!(error = %e, "the launch's result could not be remembered");
                    }
                    Ok(LaunchResult {
                        replayed: false,
                        ..result
                    })
                }
                Err(e) => {
                    let _ = shared.remove(&key).await;
                    Err(e)
                }
            };
        }
        let seen = shared.get(&key).await?;
        match seen.and_then(|v| serde_json::from_str::<Submission>(&v).ok()) {
            Some(s) if s.request != mine => {
                return Err(AppError::Aws {
                    code: "IdempotentParameterMismatch".into(),
                    message: crate::tr!(launch.token_reused).into(),
                    request_id: None,
                })
            }
            Some(Submission {
                result: Some(result), ..
            }) => {
                return Ok(LaunchResult {
                    replayed: true,
                    ..result
                })
            }
            Some(_) if started.elapsed() < WAIT_FOR_FIRST => {
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            Some(_) => {
                return Err(AppError::validation(
                    "launch",
                    crate::tr!(launch.first_submission_running),
                ))
            }
            // The first attempt failed and was forgotten: this one may launch.
            None => {}
        }
    }
}
