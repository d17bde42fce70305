//! The launch flow: one page of sections (name and tags, AMI, type, key pair, network, storage,
//! advanced) with a live summary, the equivalent AWS CLI command, a DryRun check and a
//! ClientToken that the console itself deduplicates.

pub mod cli;
mod page;
mod request;
#[cfg(feature = "ssr")]
pub mod ssr;
mod validate;

use crate::error::AppError;
use leptos::server_fn::codec::Json;

pub use page::LaunchPage;
pub use request::{
    volume_limits, LaunchChoices, LaunchRequest, LaunchResult, LaunchTag, NewGroup, PublicIp, Section,
    Shutdown, VolumeLimits, VolumeSpec, MAX_COUNT, MAX_GROUPS, MAX_TAGS, MAX_USER_DATA, MAX_VOLUMES,
    VOLUME_TYPES,
};
pub use validate::{extra_device, split_tags_of, validate, Problem, TagPairs};

/// The network, security groups and the caller's address for the launch page, in one call.
#[leptos::server]
pub async fn load_launch_choices(region: Option<String>) -> Result<LaunchChoices, AppError> {
    let mut caller = crate::auth::ssr::Caller::current().await?;
    let region = caller.region(region.as_deref()).await?;
    let client = caller.ec2(&region)?;
    let (network, security_groups) = futures::try_join!(
        crate::network::ssr::network(&client),
        crate::security_groups::ssr::list(&client, None)
    )?;
    Ok(LaunchChoices {
        network,
        security_groups,
        my_ip: ssr::client_ip().unwrap_or_else(|| "127.0.0.1".into()),
    })
}

/// Whether the caller may launch `image_id` as `instance_type` in `region`: a DryRun
/// `RunInstances` (kept five minutes), asked as soon as both are chosen.
#[leptos::server]
pub async fn launch_permission(
    region: Option<String>,
    image_id: String,
    instance_type: String,
) -> Result<crate::instances::permissions::Verdict, AppError> {
    if !crate::network::is_resource_id("ami", &image_id) {
        return Err(AppError::validation(
            "AMI",
            crate::tr!(launch.not_ami_id, id = image_id),
        ));
    }
    if !crate::instance_types::is_type_name(&instance_type) {
        return Err(AppError::validation(
            "instance type",
            crate::tr!(launch.not_type_name),
        ));
    }
    let mut caller = crate::auth::ssr::Caller::current().await?;
    let region = caller.region(region.as_deref()).await?;
    let shared = crate::shared::Shared::current()?;
    let client = caller.ec2(&region)?;
    Ok(crate::instances::ssr::permissions::run_instances(
        &client,
        &shared,
        &caller.user.arn,
        &region,
        &image_id,
        &instance_type,
    )
    .await)
}

/// Launches instances: validation, existence checks and a DryRun first; then (once per client
/// token, however often it is submitted) the security group and `RunInstances`.
#[leptos::server(input = Json)]
pub async fn launch_instances(
    region: Option<String>,
    request: LaunchRequest,
) -> Result<LaunchResult, AppError> {
    let mut caller = crate::auth::ssr::Caller::current().await?;
    caller.act("RunInstances").await?;
    if let Some(problem) = validate(&request, None, None).into_iter().next() {
        return Err(problem.into_error());
    }
    let region = caller.region(region.as_deref()).await?;
    let client = caller.ec2(&region)?;
    let shared = crate::shared::Shared::current()?;
    ssr::launch(&*shared.0, &client, &caller.identity().account, &region, request).await
}

#[cfg(test)]
mod tests;
