//! Server-only: `DescribeKeyPairs`, `CreateKeyPair`, `ImportKeyPair`.

use super::{KeyAlgorithm, KeyPairInfo, NewKeyPair};
use crate::error::AppError;
use aws_sdk_ec2::primitives::{Blob, DateTimeFormat};
use aws_sdk_ec2::types::{KeyFormat, KeyPairInfo as SdkKeyPair, KeyType};

fn to_info(k: &SdkKeyPair) -> KeyPairInfo {
    KeyPairInfo {
        name: k.key_name().unwrap_or_default().to_string(),
        id: k.key_pair_id().unwrap_or_default().to_string(),
        key_type: k.key_type().map(|t| t.as_str().to_string()).unwrap_or_default(),
        fingerprint: k.key_fingerprint().unwrap_or_default().to_string(),
        created: k.create_time().and_then(|t| t.fmt(DateTimeFormat::DateTime).ok()),
    }
}

/// Every key pair in the client's region, by name.
pub async fn list(client: &aws_sdk_ec2::Client) -> Result<Vec<KeyPairInfo>, AppError> {
    let out = client.describe_key_pairs().send().await?;
    let mut keys: Vec<KeyPairInfo> = out.key_pairs().iter().map(to_info).collect();
    keys.sort_by(|a, b| crate::components::table::natural_cmp(&a.name, &b.name));
    Ok(keys)
}

/// Whether a key pair called `name` exists.
pub async fn exists(client: &aws_sdk_ec2::Client, name: &str) -> Result<bool, AppError> {
    Ok(list(client).await?.iter().any(|k| k.name == name))
}

/// Deletes the key pair `name`; `InvalidKeyPair.NotFound` when there is none (AWS itself succeeds silently).
pub async fn delete(client: &aws_sdk_ec2::Client, name: &str) -> Result<(), AppError> {
    if !exists(client, name).await? {
        return Err(AppError::Aws {
            code: "InvalidKeyPair.NotFound".into(),
            message: format!("The key pair '{name}' does not exist"),
            request_id: None,
        });
    }
    client.delete_key_pair().key_name(name).send().await?;
    tracing::info!(key_name = name, "key pair deleted");
    Ok(())
}

/// The instances that are not terminated and were launched with the key pair `name`, as "name (id)".
pub async fn users(client: &aws_sdk_ec2::Client, name: &str) -> Result<Vec<String>, AppError> {
    use aws_sdk_ec2::types::Filter;
    let mut out = Vec::new();
    let mut pages = client
        .describe_instances()
        .filters(Filter::builder().name("key-name").values(name).build())
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        for r in page?.reservations() {
            for i in r.instances() {
                if i.state().and_then(|s| s.name()).map(|n| n.as_str()) == Some("terminated") {
                    continue;
                }
                let id = i.instance_id().unwrap_or_default();
                let tag = i
                    .tags()
                    .iter()
                    .find(|t| t.key() == Some("Name"))
                    .and_then(|t| t.value());
                out.push(match tag {
                    Some(n) => format!("{n} ({id})"),
                    None => id.to_string(),
                });
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Creates a key pair (PEM); the private key is returned and not kept.
pub async fn create(
    client: &aws_sdk_ec2::Client,
    name: &str,
    algorithm: KeyAlgorithm,
) -> Result<NewKeyPair, AppError> {
    let out = client
        .create_key_pair()
        .key_name(name)
        .key_type(KeyType::from(algorithm.as_str()))
        .key_format(KeyFormat::Pem)
        .send()
        .await?;
    tracing::info!(
        key_name = name,
        algorithm = algorithm.as_str(),
        "key pair created"
    );
    Ok(NewKeyPair {
        info: KeyPairInfo {
            name: out.key_name().unwrap_or(name).to_string(),
            id: out.key_pair_id().unwrap_or_default().to_string(),
            key_type: algorithm.as_str().to_string(),
            fingerprint: out.key_fingerprint().unwrap_or_default().to_string(),
            created: None,
        },
        private_key: out.key_material().unwrap_or_default().to_string(),
    })
}

/// Imports an OpenSSH public key (already checked by [`super::check_public_key`]).
pub async fn import(
    client: &aws_sdk_ec2::Client,
    name: &str,
    public_key: &str,
) -> Result<KeyPairInfo, AppError> {
    let out = client
        .import_key_pair()
        .key_name(name)
        .public_key_material(Blob::new(public_key.as_bytes()))
        .send()
        .await?;
    tracing::info!(key_name = name, "key pair imported");
    Ok(KeyPairInfo {
        name: out.key_name().unwrap_or(name).to_string(),
        id: out.key_pair_id().unwrap_or_default().to_string(),
        key_type: check_type(public_key),
        fingerprint: out.key_fingerprint().unwrap_or_default().to_string(),
        created: None,
    })
}

fn check_type(public_key: &str) -> String {
    super::check_public_key(public_key)
        .map(|a| a.as_str().to_string())
        .unwrap_or_default()
}
