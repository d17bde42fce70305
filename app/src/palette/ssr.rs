//! Server-only: whether an ID (or a key pair name) exists in one region.

use super::Kind;
use crate::error::AppError;
use aws_sdk_ec2::Client;

/// Whether `id` of `kind` is in the client's region; AWS's "not found" (or "malformed") is `false`.
pub async fn exists(client: &Client, kind: Kind, id: &str) -> Result<bool, AppError> {
    fn any<T, E: Into<AppError>>(answer: Result<T, E>, found: impl Fn(&T) -> bool) -> Result<bool, AppError> {
        answer.map(|o| found(&o)).map_err(Into::into)
    }
    let answer = match kind {
        Kind::Instance => any(client.describe_instances().instance_ids(id).send().await, |o| {
            o.reservations().iter().any(|r| !r.instances().is_empty())
        }),
        Kind::Volume => any(client.describe_volumes().volume_ids(id).send().await, |o| {
            !o.volumes().is_empty()
        }),
        Kind::Snapshot => any(client.describe_snapshots().snapshot_ids(id).send().await, |o| {
            !o.snapshots().is_empty()
        }),
        Kind::SecurityGroup => any(
            client.describe_security_groups().group_ids(id).send().await,
            |o| !o.security_groups().is_empty(),
        ),
        Kind::Image => any(client.describe_images().image_ids(id).send().await, |o| {
            !o.images().is_empty()
        }),
        Kind::NetworkInterface => any(
            client
                .describe_network_interfaces()
                .network_interface_ids(id)
                .send()
                .await,
            |o| !o.network_interfaces().is_empty(),
        ),
        Kind::Subnet => any(client.describe_subnets().subnet_ids(id).send().await, |o| {
            !o.subnets().is_empty()
        }),
        Kind::Vpc => any(client.describe_vpcs().vpc_ids(id).send().await, |o| {
            !o.vpcs().is_empty()
        }),
        Kind::Address => any(client.describe_addresses().allocation_ids(id).send().await, |o| {
            !o.addresses().is_empty()
        }),
        Kind::KeyPair => any(client.describe_key_pairs().key_names(id).send().await, |o| {
            !o.key_pairs().is_empty()
        }),
    };
    match answer {
        Err(AppError::Aws { code, .. })
            if code.contains("NotFound") || code.contains("Malformed") || code == "InvalidParameterValue" =>
        {
            Ok(false)
        }
        other => other,
    }
}
