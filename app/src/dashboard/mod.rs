//! The dashboard: the region's estate at a glance. The server fetches every count concurrently and
//! keeps each count's own error, so one failing call does not hide the others.

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
            CountKind::RunningInstances => "Running instances",
            CountKind::StoppedInstances => "Stopped instances",
            CountKind::Volumes => "Volumes",
            CountKind::Snapshots => "Snapshots",
            CountKind::KeyPairs => "Key pairs",
            CountKind::SecurityGroups => "Security groups",
            CountKind::ElasticIps => "Elastic IPs",
            CountKind::OwnedImages => "AMIs owned",
        }
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

/// One count on the dashboard: what, and how many (or why not).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Count {
    /// What is counted.
    pub kind: CountKind,
    /// The number, or the error AWS gave for this count alone.
    pub value: Result<u64, AppError>,
}

/// Everything the dashboard shows for a region.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    /// The region summarised.
    pub region: String,
    /// One entry per [`CountKind::ALL`], in order.
    pub counts: Vec<Count>,
    /// The region's zones, or why they could not be listed.
    pub zones: Result<Vec<Zone>, AppError>,
}

/// The dashboard for `region` (or the session's region): every count and the zones, fetched
/// concurrently; one failing count does not hide the others.
#[server]
pub async fn dashboard_summary(region: Option<String>) -> Result<Summary, AppError> {
    let mut caller = crate::auth::ssr::Caller::current().await?;
    let region = caller.region(region.as_deref()).await?;
    let ec2 = caller.ec2(&region)?;
    let counts = futures::future::join_all(CountKind::ALL.map(|kind| {
        let ec2 = ec2.clone();
        async move {
            Count {
                kind,
                value: ssr::count(&ec2, kind).await,
            }
        }
    }));
    let (counts, zones) = futures::join!(counts, ssr::zones(&ec2));
    Ok(Summary {
        region,
        counts,
        zones,
    })
}

/// `path?query` with the region appended.
fn list_href(list: &str, region: Option<&str>) -> String {
    match (list.contains('?'), region) {
        (_, None) => list.to_string(),
        (true, Some(r)) => format!("{list}&region={r}"),
        (false, Some(r)) => href_with_region(list, Some(r)),
    }
}

/// The dashboard page.
#[component]
pub fn DashboardPage() -> impl IntoView {
    let region = use_region_param();
    let summary = Resource::new(move || region.get(), dashboard_summary);
    view! {
        <section class="page dashboard">
            <h1>"Dashboard"</h1>
            <p><a href=move || href_with_region("/launch", region.get().as_deref()) class="button primary">"Launch instance"</a></p>
            <Transition fallback=|| view! { <Loading label="Loading the region's resources…"/> }>
                {move || Suspend::new(async move {
                    match summary.await {
                        Ok(Summary { region, counts, zones }) => {
                            let in_region = Some(region.clone());
                            let cards = counts
                                .into_iter()
                                .map(|Count { kind, value }| {
                                    let value = match value {
                                        Ok(n) => view! { <span class="card-value">{n}</span> }.into_any(),
                                        Err(e) => view! {
                                            <span class="card-value card-error" title=e.to_string()>{e.title()}</span>
                                        }.into_any(),
                                    };
                                    view! {
                                        <li class="card" data-count=format!("{kind:?}")>
                                            <a href=list_href(kind.list(), in_region.as_deref()) class="card-link">{kind.label()}</a>
                                            {value}
                                        </li>
                                    }
                                })
                                .collect_view();
                            let zones = match zones {
                                Ok(zones) => view! {
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
                                Err(error) => view! { <ErrorAlert error/> }.into_any(),
                            };
                            view! {
                                <h2>{format!("Resources in {region}")}</h2>
                                <ul class="cards">{cards}</ul>
                                <h2>"Availability Zones"</h2>
                                {zones}
                            }.into_any()
                        }
                        Err(error) => view! { <ErrorAlert error/> }.into_any(),
                    }
                })}
            </Transition>
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
