//! The dashboard: the region's estate at a glance (or, with `?region=all`, every region's summed).
//! Each count is its own request, loaded by the browser with its own loading state and error, so
//! one slow or failing call neither holds nor hides the others.

use crate::components::feedback::{ErrorAlert, Loading};
use crate::components::status::StatusIndicator;
use crate::error::AppError;
use crate::layout::href_with_region;
use crate::region::use_region_param;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
pub mod ssr;

/// What the dashboard counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CountKind {
    /// Instances in state `running`.
    RunningInstances,
    /// Instances in state `stopped`.
    StoppedInstances,
    /// EBS volumes.
    Volumes,
    /// Snapshots owned by the account.
    Snapshots,
    /// Key pairs.
    KeyPairs,
    /// Security groups.
    SecurityGroups,
    /// Elastic IP addresses.
    ElasticIps,
    /// AMIs owned by the account.
    OwnedImages,
}

impl CountKind {
    /// Every count, in the order shown.
    pub const ALL: [CountKind; 8] = [
        CountKind::RunningInstances,
        CountKind::StoppedInstances,
        CountKind::Volumes,
        CountKind::Snapshots,
        CountKind::KeyPairs,
        CountKind::SecurityGroups,
        CountKind::ElasticIps,
        CountKind::OwnedImages,
    ];

    /// The card's label.
    pub fn label(self) -> &'static str {
        match self {
            CountKind::RunningInstances => crate::tr!(dashboard.running_instances),
            CountKind::StoppedInstances => crate::tr!(dashboard.stopped_instances),
            CountKind::Volumes => crate::tr!(dashboard.volumes),
            CountKind::Snapshots => crate::tr!(dashboard.snapshots),
            CountKind::KeyPairs => crate::tr!(dashboard.key_pairs),
            CountKind::SecurityGroups => crate::tr!(dashboard.security_groups),
            CountKind::ElasticIps => crate::tr!(dashboard.elastic_ips),
            CountKind::OwnedImages => crate::tr!(dashboard.owned_images),
        }
    }

    /// Its name as the card's `data-count` (what tests and scripts select by).
    pub fn name(self) -> &'static str {
        match self {
            CountKind::RunningInstances => "RunningInstances",
            CountKind::StoppedInstances => "StoppedInstances",
            CountKind::Volumes => "Volumes",
            CountKind::Snapshots => "Snapshots",
            CountKind::KeyPairs => "KeyPairs",
            CountKind::SecurityGroups => "SecurityGroups",
            CountKind::ElasticIps => "ElasticIps",
            CountKind::OwnedImages => "OwnedImages",
        }
    }

    /// Whether its list can show every region at once.
    pub fn listed_across(self) -> bool {
        !matches!(self, CountKind::KeyPairs | CountKind::OwnedImages)
    }

    /// The list the count links to (path and query, without the region).
    pub fn list(self) -> &'static str {
        match self {
            CountKind::RunningInstances => "/instances?q=state%3Drunning",
            CountKind::StoppedInstances => "/instances?q=state%3Dstopped",
            CountKind::Volumes | CountKind::Snapshots => "/volumes",
            CountKind::KeyPairs => "/key-pairs",
            CountKind::SecurityGroups => "/security-groups",
            CountKind::ElasticIps => "/addresses",
            CountKind::OwnedImages => "/images",
        }
    }
}

/// An Availability Zone and its state.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Zone {
    /// Zone name (`us-east-1a`).
    pub name: String,
    /// Zone ID (`use1-az1`).
    pub id: String,
    /// `available`, `impaired`, `unavailable`…
    pub state: String,
}

/// A count, and the regions missing from it (with every region: those that did not answer).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Count {
    /// How many.
    pub value: u64,
    /// Regions whose share is missing.
    pub missing: Vec<String>,
}

/// How many of `kind` the region (or the session's region, or with `all` every enabled region)
/// holds, following every API page.
#[server]
pub async fn dashboard_count(region: Option<String>, kind: CountKind) -> Result<Count, AppError> {
    let mut caller = crate::auth::ssr::Caller::current().await?;
    if crate::regions::is_all(region.as_deref()) {
        let across = crate::regions::ssr::across(&caller, None, |client, _| async move {
            Ok(vec![ssr::count(&client, kind).await?])
        })
        .await?;
        return Ok(Count {
            value: across.rows.iter().sum(),
            missing: across.failed(),
        });
    }
    let region = caller.region(region.as_deref()).await?;
    Ok(Count {
        value: ssr::count(&caller.ec2(&region)?, kind).await?,
        missing: Vec::new(),
    })
}

/// The region's Availability Zones and their state.
#[server]
pub async fn dashboard_zones(region: Option<String>) -> Result<Vec<Zone>, AppError> {
    let mut caller = crate::auth::ssr::Caller::current().await?;
    let region = caller.region(region.as_deref()).await?;
    ssr::zones(&caller.ec2(&region)?).await
}

/// `path?query` with the region appended.
fn list_href(list: &str, region: Option<&str>) -> String {
    match (list.contains('?'), region) {
        (_, None) => list.to_string(),
        (true, Some(r)) => format!("{list}&region={r}"),
        (false, Some(r)) => href_with_region(list, Some(r)),
    }
}

/// One count's card: a link to its list and the number, loaded by the browser on its own.
#[component]
fn CountCard(kind: CountKind, region: Memo<Option<String>>) -> impl IntoView {
    let value = LocalResource::new(move || dashboard_count(region.get(), kind));
    let href = move || {
        let region = region
            .get()
            .filter(|r| kind.listed_across() || !crate::regions::is_all(Some(r)));
        list_href(kind.list(), region.as_deref())
    };
    view! {
        <li class="card" data-count=kind.name()>
            <a href=href class="card-link">{kind.label()}</a>
            {move || match value.get() {
                None => view! { <div class="card-value"><Loading label=crate::tr!(common.loading)/></div> }.into_any(),
                Some(Ok(Count { value, missing })) if !missing.is_empty() => view! {
                    <div class="card-value">{value}</div>
                    <div class="card-note" title=missing.join(", ")>
                        {crate::tr!(dashboard.missing_regions, count = missing.len())}
                    </div>
                }.into_any(),
                Some(Ok(Count { value, .. })) => view! { <div class="card-value">{value}</div> }.into_any(),
                Some(Err(e)) => view! {
                    <div class="card-value card-error" title=e.message()>{e.title()}</div>
                }.into_any(),
            }}
        </li>
    }
}

/// The dashboard page: the signed-in region's counts (each loading on its own) and its zones.
#[component]
pub fn DashboardPage() -> impl IntoView {
    let region = use_region_param();
    let all = Memo::new(move |_| crate::regions::is_all(region.get().as_deref()));
    let identity = crate::auth::use_identity();
    let zones = LocalResource::new(move || dashboard_zones(region.get()));
    let cards = CountKind::ALL
        .into_iter()
        .map(|kind| view! { <CountCard kind region/> })
        .collect_view();
    view! {
        <section class="page dashboard">
            <h1>{crate::tr!(dashboard.title)}</h1>
            <p><a href=move || href_with_region("/launch", region.get().as_deref()) class="button primary">{crate::tr!(dashboard.launch_instance)}</a></p>
            <Transition fallback=|| view! { <h2>{crate::tr!(dashboard.resources)}</h2> }>
                {move || Suspend::new(async move {
                    let session_region = identity.await.ok().flatten().map(|i| i.region).unwrap_or_default();
                    let heading = move || match region.get() {
                        Some(r) if crate::regions::is_all(Some(&r)) => {
                            crate::tr!(dashboard.resources_in_all_regions).to_string()
                        }
                        Some(r) => crate::tr!(dashboard.resources_in, region = r),
                        None => crate::tr!(dashboard.resources_in, region = session_region),
                    };
                    view! { <h2>{heading}</h2> }
                })}
            </Transition>
            <ul class="cards">{cards}</ul>
            <crate::monitoring::Busiest region/>
            <h2>{crate::tr!(dashboard.availability_zones)}</h2>
            {move || if all.get() {
                view! { <p class="hint">{crate::tr!(dashboard.zones_one_region_at_a_time)}</p> }.into_any()
            } else { match zones.get() {
                None => view! { <Loading label=crate::tr!(dashboard.loading_zones)/> }.into_any(),
                Some(Ok(zones)) => view! {
                    <ul class="zones">
                        {zones.into_iter().map(|z| view! {
                            <li data-zone=z.name.clone()>
                                <strong>{z.name.clone()}</strong>
                                <span class="muted">{format!("({})", z.id)}</span>
                                <StatusIndicator state=z.state.clone()/>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any(),
                Some(Err(error)) => view! { <ErrorAlert error retry=move || zones.refetch()/> }.into_any(),
            }}}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn count_links_keep_the_region() {
        assert_eq!(
            list_href("/instances?q=state%3Drunning", Some("eu-west-1")),
            "/instances?q=state%3Drunning&region=eu-west-1"
        );
        assert_eq!(
            list_href("/volumes", Some("eu-west-1")),
            "/volumes?region=eu-west-1"
        );
        assert_eq!(list_href("/volumes", None), "/volumes");
    }

    #[test]
    fn every_kind_has_a_label_and_a_list() {
        for kind in CountKind::ALL {
            assert!(!kind.label().is_empty());
            assert!(kind.list().starts_with('/'));
        }
    }
}
