//! Instances: the list page with its property filter, actions and details panel, the server
//! functions behind them and (server-only) the SDK mapping.

pub mod actions;
pub mod details;
pub mod filter;
mod page;
pub mod permissions;
pub mod picker;

#[cfg(feature = "ssr")]
pub mod ssr;

use crate::error::AppError;
use crate::tags::Tag;
use actions::Action;
#[cfg(feature = "ssr")]
use actions::{check_id, check_ids};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

pub use details::InstanceDetails;
pub use page::InstancesPage;

/// One row of the instance list, built on the server for the page.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstanceRow {
    /// The instance ID (`i-…`).
    pub id: String,
    /// The region it runs in.
    pub region: String,
    /// The `Name` tag, if any.
    pub name: Option<String>,
    /// The state name (`running`, `stopped`, …).
    pub state: String,
    /// The instance type (`t3.micro`, …).
    pub instance_type: String,
    /// The Availability Zone.
    pub availability_zone: String,
    /// The public IPv4 address, if any.
    pub public_ip: Option<String>,
    /// The private IPv4 address, if any.
    pub private_ip: Option<String>,
    /// The key pair's name, if any.
    pub key_name: Option<String>,
    /// The AMI it was launched from.
    pub image_id: Option<String>,
    /// Its VPC.
    pub vpc_id: Option<String>,
    /// Its subnet.
    pub subnet_id: Option<String>,
    /// Launch time in RFC 3339 (UTC).
    pub launch_time: Option<String>,
    /// Status checks in words (`2/2 checks passed`), for running instances.
    pub status_checks: Option<String>,
    /// Whether the instance was launched with hibernation enabled.
    pub hibernation: bool,
    /// EBS volumes deleted when the instance terminates.
    pub deleted_on_termination: Vec<String>,
    /// Instance store the instance has (root device or the type's disks), lost on stop and terminate.
    pub instance_store: Option<String>,
    /// All tags, as (key, value).
    pub tags: Vec<(String, String)>,
}

impl InstanceRow {
    /// The name and ID, or the ID alone, as people refer to the instance.
    pub fn display_name(&self) -> String {
        match &self.name {
            Some(name) => format!("{name} ({})", self.id),
            None => self.id.clone(),
        }
    }
}

/// The instances page's view of a region.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstanceList {
    /// The region listed (`all` for every enabled region).
    pub region: String,
    /// The instances the filter selects, across all API pages (and regions).
    pub instances: Vec<InstanceRow>,
    /// With `all`: how each region answered (empty for one region).
    pub regions: Vec<crate::regions::RegionStatus>,
    /// With `all`: a note on the regions asked.
    pub note: Option<String>,
}

/// One instance's result of an action: its new state, or why it failed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionOutcome {
    /// The instance.
    pub id: String,
    /// The action taken.
    pub action: Action,
    /// The state the API reported after the call, or the error.
    pub result: Result<String, AppError>,
}

/// The instance states a list can be filtered by.
pub const STATES: [&str; 6] = [
    "pending",
    "running",
    "stopping",
    "stopped",
    "shutting-down",
    "terminated",
];

/// Whether a state is on its way to another (the page polls while any row is).
pub fn is_transitional(state: &str) -> bool {
    matches!(state, "pending" | "stopping" | "shutting-down")
}

/// Lists the instances in `region` (or the session's region) that `filter` selects, following the API's pages.
#[server]
pub async fn list_instances(
    region: Option<String>,
    filter: Option<String>,
) -> Result<InstanceList, AppError> {
    let filter = filter::parse(filter.as_deref().unwrap_or_default())?;
    let mut caller = crate::auth::ssr::Caller::current().await?;
    if crate::regions::is_all(region.as_deref()) {
        let only = filter.regions();
        let across = crate::regions::ssr::across(&caller, only.as_deref(), |client, region| {
            let filter = filter.clone();
            async move { ssr::list_instances(&client, &region, &filter).await }
        })
        .await?;
        return Ok(InstanceList {
            region: crate::regions::ALL.into(),
            instances: across.rows,
            regions: across.regions,
            note: across.note,
        });
    }
    let region = caller.region(region.as_deref()).await?;
    let instances = ssr::list_instances(&caller.ec2(&region)?, &region, &filter).await?;
    Ok(InstanceList {
        region,
        instances,
        regions: Vec::new(),
        note: None,
    })
}

/// The status checks of the region's running instances in words, by instance ID: the list's column,
/// loaded after the list itself.
#[server]
pub async fn instance_checks(
    region: Option<String>,
) -> Result<std::collections::HashMap<String, String>, AppError> {
    let mut caller = crate::auth::ssr::Caller::current().await?;
    if crate::regions::is_all(region.as_deref()) {
        let across = crate::regions::ssr::across(&caller, None, |client, _| async move {
            Ok(ssr::check_summaries(&client)
                .await?
                .into_iter()
                .collect::<Vec<_>>())
        })
        .await?;
        return Ok(across.rows.into_iter().collect());
    }
    let region = caller.region(region.as_deref()).await?;
    ssr::check_summaries(&caller.ec2(&region)?).await
}

/// The current state of each of `ids` (for polling while instances change state).
#[server(input = Json)]
pub async fn instance_states(
    region: Option<String>,
    ids: Vec<String>,
) -> Result<Vec<(String, String)>, AppError> {
    let ids = check_ids(&ids)?;
    let mut caller = crate::auth::ssr::Caller::current().await?;
    let region = caller.region(region.as_deref()).await?;
    ssr::states(&caller.ec2(&region)?, &ids).await
}

/// Runs `action` on each of `ids`; every instance gets its own outcome. Refused in read-only mode.
#[server(input = Json)]
pub async fn instance_action(
    region: Option<String>,
    action: Action,
    ids: Vec<String>,
) -> Result<Vec<ActionOutcome>, AppError> {
    let mut caller = crate::auth::ssr::Caller::current().await?;
    caller.act(action.operation()).await?;
    let ids = check_ids(&ids)?;
    let region = caller.region(region.as_deref()).await?;
    Ok(ssr::run_action(&caller.ec2(&region)?, action, &ids).await)
}

/// Everything the details panel shows about one instance.
#[server]
pub async fn describe_instance(region: Option<String>, id: String) -> Result<InstanceDetails, AppError> {
    check_id(&id)?;
    let mut caller = crate::auth::ssr::Caller::current().await?;
    let region = caller.region(region.as_deref()).await?;
    ssr::details(&caller.ec2(&region)?, &region, &id).await
}

/// Changes a stopped instance's type to one offered in the region; returns the new type.
#[server]
pub async fn change_instance_type(
    region: Option<String>,
    id: String,
    instance_type: String,
) -> Result<String, AppError> {
    let mut caller = crate::auth::ssr::Caller::current().await?;
    caller.act("ModifyInstanceAttribute").await?;
    check_id(&id)?;
    if !crate::instance_types::is_type_name(&instance_type) {
        return Err(AppError::validation(
            "instance type",
            crate::tr!(instances.not_type_name),
        ));
    }
    let region = caller.region(region.as_deref()).await?;
    ssr::change_type(&caller.ec2(&region)?, &region, &id, &instance_type).await
}

/// Turns termination protection on or off; returns the setting now in effect.
#[server]
pub async fn set_termination_protection(
    region: Option<String>,
    id: String,
    enabled: bool,
) -> Result<bool, AppError> {
    let mut caller = crate::auth::ssr::Caller::current().await?;
    caller.act("ModifyInstanceAttribute").await?;
    check_id(&id)?;
    let region = caller.region(region.as_deref()).await?;
    ssr::set_termination_protection(&caller.ec2(&region)?, &id, enabled).await
}

/// Sets (adds or changes) and removes tags on an instance; returns its tags afterwards.
#[server(input = Json)]
pub async fn update_instance_tags(
    region: Option<String>,
    id: String,
    set: Vec<Tag>,
    remove: Vec<String>,
) -> Result<Vec<Tag>, AppError> {
    let mut caller = crate::auth::ssr::Caller::current().await?;
    caller.act("CreateTags").await?;
    check_id(&id)?;
    crate::tags::check_edit(&set, &remove)?;
    let region = caller.region(region.as_deref()).await?;
    ssr::edit_tags(&caller.ec2(&region)?, &id, &set, &remove).await
}

/// The instance's user data, decoded (`None` when it has none).
#[server]
pub async fn instance_user_data(region: Option<String>, id: String) -> Result<Option<String>, AppError> {
    check_id(&id)?;
    let mut caller = crate::auth::ssr::Caller::current().await?;
    let region = caller.region(region.as_deref()).await?;
    ssr::user_data(&caller.ec2(&region)?, &id).await
}

/// The instance's system log (console output).
#[server]
pub async fn instance_system_log(region: Option<String>, id: String) -> Result<String, AppError> {
    check_id(&id)?;
    let mut caller = crate::auth::ssr::Caller::current().await?;
    let region = caller.region(region.as_deref()).await?;
    ssr::console_output(&caller.ec2(&region)?, &id).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transitions() {
        for s in ["pending", "stopping", "shutting-down"] {
            assert!(is_transitional(s));
        }
        for s in ["running", "stopped", "terminated"] {
            assert!(!is_transitional(s));
        }
    }

    #[test]
    fn display_names() {
        let mut row = InstanceRow {
            id: "i-1234abcd".into(),
            ..InstanceRow::default()
        };
        assert_eq!(row.display_name(), "i-1234abcd");
        row.name = Some("web".into());
        assert_eq!(row.display_name(), "web (i-1234abcd)");
    }
}
