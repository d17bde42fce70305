//! Server-only: the DryRun permission checks, cached in the shared store (so every replica asks
//! EC2 at most once per person, region, action and instance every five minutes).

use crate::error::AppError;
use crate::instances::actions::Action;
use crate::instances::permissions::{Check, Permission, Verdict};
use crate::shared::Shared;
use aws_sdk_ec2::types::AttributeValue;
use aws_sdk_ec2::Client;
use futures::StreamExt;
use std::time::Duration;

/// How long an answer is kept.
pub const TTL: Duration = Duration::from_secs(300);
/// DryRun calls in flight at once.
const CONCURRENCY: usize = 8;

/// The permissions asked of EC2 (hibernate is answered by stop's check).
const ASKED: [Permission; 6] = [
    Permission::Act(Action::Start),
    Permission::Act(Action::Stop),
    Permission::Act(Action::Reboot),
    Permission::Act(Action::Terminate),
    Permission::ChangeType,
    Permission::CreateImage,
];

/// The DryRun of `permission` on `id`.
async fn dry_run(client: &Client, permission: Permission, id: &str) -> Verdict {
    let answer: Result<(), AppError> = match permission {
        Permission::Act(Action::Start) => client
            .start_instances()
            .instance_ids(id)
            .dry_run(true)
            .send()
            .await
            .map(|_| ())
            .map_err(Into::into),
        Permission::Act(Action::Stop | Action::Hibernate) => client
            .stop_instances()
            .instance_ids(id)
            .dry_run(true)
            .send()
            .await
            .map(|_| ())
            .map_err(Into::into),
        Permission::Act(Action::Reboot) => client
            .reboot_instances()
            .instance_ids(id)
            .dry_run(true)
            .send()
            .await
            .map(|_| ())
            .map_err(Into::into),
        Permission::Act(Action::Terminate) => client
            .terminate_instances()
            .instance_ids(id)
            .dry_run(true)
            .send()
            .await
            .map(|_| ())
            .map_err(Into::into),
        Permission::ChangeType => client
            .modify_instance_attribute()
            .instance_id(id)
            .instance_type(AttributeValue::builder().value("t3.micro").build())
            .dry_run(true)
            .send()
            .await
            .map(|_| ())
            .map_err(Into::into),
        Permission::CreateImage => client
            .create_image()
            .instance_id(id)
            .name("console-permission-check")
            .no_reboot(true)
            .dry_run(true)
            .send()
            .await
            .map(|_| ())
            .map_err(Into::into),
    };
    Verdict::of(answer)
}

/// The shared store's key of one answer.
fn key(person: &str, region: &str, permission: Permission, id: &str) -> String {
    format!("dryrun|{person}|{region}|{}|{id}", permission.api())
}

/// One answer: from the shared store when it is there, else from EC2 (and then kept).
async fn verdict(
    client: &Client,
    shared: &Shared,
    person: &str,
    region: &str,
    permission: Permission,
    id: &str,
) -> Verdict {
    let key = key(person, region, permission, id);
    kept_or(shared, &key, dry_run(client, permission, id)).await
}

/// Whether `person` may launch `image` as `instance_type` in the client's region (a DryRun
/// `RunInstances`, kept like the others).
pub async fn run_instances(
    client: &Client,
    shared: &Shared,
    person: &str,
    region: &str,
    image: &str,
    instance_type: &str,
) -> Verdict {
    let key = format!("dryrun|{person}|{region}|RunInstances|{image}|{instance_type}");
    let ask = async {
        let answer = client
            .run_instances()
            .image_id(image)
            .instance_type(instance_type.into())
            .min_count(1)
            .max_count(1)
            .dry_run(true)
            .send()
            .await;
        Verdict::of(answer.map(|_| ()).map_err(Into::into))
    };
    kept_or(shared, &key, ask).await
}

/// The answer kept under `key`, else `ask`'s (then kept for [`TTL`]).
async fn kept_or(shared: &Shared, key: &str, ask: impl std::future::Future<Output = Verdict>) -> Verdict {
    match shared.0.get(key).await {
        Ok(Some(kept)) => {
            if let Ok(v) = serde_json::from_str(&kept) {
                return v;
            }
        }
        Ok(None) => {}
        Err(e) => tracing::warn!(error = %e, "permission cache unreadable; asking EC2"),
    }
    let verdict = ask.await;
    if let Ok(json) = serde_json::to_string(&verdict) {
        if let Err(e) = shared.0.put(key, &json, TTL).await {
            tracing::warn!(error = %e, "permission cache unwritable");
        }
    }
    verdict
}

/// Every permission for each of `ids`, as `person` (the caller's ARN) in `region`.
pub async fn check(
    client: &Client,
    shared: &Shared,
    person: &str,
    region: &str,
    ids: &[String],
) -> Vec<Check> {
    let asks: Vec<(Permission, String)> = ids
        .iter()
        .flat_map(|id| ASKED.iter().map(move |p| (*p, id.clone())))
        .collect();
    let mut checks: Vec<Check> = futures::stream::iter(asks)
        .map(|(permission, id)| async move {
            let verdict = verdict(client, shared, person, region, permission, &id).await;
            Check {
                permission,
                id,
                verdict,
            }
        })
        .buffer_unordered(CONCURRENCY)
        .collect()
        .await;
    let hibernate: Vec<Check> = checks
        .iter()
        .filter(|c| c.permission == Permission::Act(Action::Stop))
        .map(|c| Check {
            permission: Permission::Act(Action::Hibernate),
            ..c.clone()
        })
        .collect();
    checks.extend(hibernate);
    checks
}
