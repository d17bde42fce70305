//! Instances: the list page, its server function and (server-only) the SDK mapping.

use crate::components::feedback::{ErrorAlert, Loading};
use crate::components::status::StatusIndicator;
use crate::components::table::{Column, DataTable};
use crate::error::AppError;
use crate::region::use_region_param;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
pub mod ssr;

#[cfg(test)]
mod tests {
    use super::parse_state;

    #[test]
    fn state_filters_are_checked() {
        assert_eq!(parse_state(Some("running")).unwrap(), Some("running"));
        assert_eq!(parse_state(Some("")).unwrap(), None);
        assert_eq!(parse_state(None).unwrap(), None);
        assert!(parse_state(Some("sleeping")).is_err());
    }
}

/// One row of the instance list, built on the server for the page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstanceRow {
    /// The instance ID (`i-…`).
    pub id: String,
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
    /// Launch time in RFC 3339 (UTC).
    pub launch_time: Option<String>,
}

/// The instances page's view of a region.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstanceList {
    /// The region listed.
    pub region: String,
    /// Every instance in the region, across all API pages.
    pub instances: Vec<InstanceRow>,
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

/// Checks an optional state filter against [`STATES`].
pub fn parse_state(state: Option<&str>) -> Result<Option<&str>, AppError> {
    match state.filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) if STATES.contains(&s) => Ok(Some(s)),
        Some(_) => Err(AppError::validation(
            "state",
            format!("expected one of {}", STATES.join(", ")),
        )),
    }
}

/// Lists every instance in `region` (or the session's region), optionally only those in `state`,
/// following the API's pages.
#[server]
pub async fn list_instances(region: Option<String>, state: Option<String>) -> Result<InstanceList, AppError> {
    let state = parse_state(state.as_deref())?;
    let mut caller = crate::auth::ssr::Caller::current().await?;
    let region = caller.region(region.as_deref()).await?;
    let instances = ssr::list_instances(&caller.ec2(&region)?, state).await?;
    Ok(InstanceList { region, instances })
}

fn opt(value: &Option<String>) -> String {
    value.clone().unwrap_or_default()
}

/// The instance list's columns.
pub fn columns() -> Vec<Column<InstanceRow>> {
    vec![
        Column::text("name", "Name", |r| opt(&r.name)),
        Column::custom(
            "id",
            "Instance ID",
            |r| r.id.clone(),
            |r| view! { <code>{r.id.clone()}</code> }.into_any(),
        ),
        Column::custom(
            "state",
            "State",
            |r| r.state.clone(),
            |r| view! { <StatusIndicator state=r.state.clone()/> }.into_any(),
        ),
        Column::text("type", "Type", |r| r.instance_type.clone()),
        Column::text("az", "Availability Zone", |r| r.availability_zone.clone()),
        Column::text("public_ip", "Public IPv4", |r| opt(&r.public_ip)),
        Column::text("private_ip", "Private IPv4", |r| opt(&r.private_ip)),
        Column::text("launch_time", "Launch time", |r| opt(&r.launch_time)),
    ]
}

/// The Instances page: the selected region's instances, server-rendered then hydrated.
#[component]
pub fn InstancesPage() -> impl IntoView {
    let region = use_region_param();
    let query = leptos_router::hooks::use_query_map();
    let state = Memo::new(move |_| query.read().get("state").filter(|s| !s.is_empty()));
    let list = Resource::new(
        move || (region.get(), state.get()),
        |(region, state)| list_instances(region, state),
    );
    view! {
        <section class="page">
            <h1>"Instances"</h1>
            <Transition fallback=|| view! { <Loading label="Loading instances…"/> }>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(InstanceList { region, instances }) => {
                            let count = instances.len();
                            let filtered = state.get_untracked().map(|s| format!(" (state = {s})")).unwrap_or_default();
                            view! {
                                <p class="summary" data-testid="instance-count">
                                    {format!("{count} instances in {region}{filtered}")}
                                </p>
                                <DataTable
                                    rows=Signal::stored(instances)
                                    columns=columns()
                                    row_key=|r: &InstanceRow| r.id.clone()
                                    caption=format!("Instances in {region}")
                                />
                            }
                            .into_any()
                        }
                        Err(error) => view! { <ErrorAlert error/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}
