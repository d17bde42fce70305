//! Server-only: the regions a person's account has enabled (asked once an hour per account) and
//! the fan-out over them — all at once, a bounded number in flight, each with its own time limit.

use super::{Across, Outcome, RegionStatus, Regional};
use crate::auth::ssr::Caller;
use crate::aws::AwsContext;
use crate::error::AppError;
use futures::StreamExt;
use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// One region's answer: its rows or refusal, unless its time ran out.
type Answer<T> = Result<Result<Vec<T>, AppError>, tokio::time::error::Elapsed>;

/// How long an account's region list is kept.
const PLAN_TTL: Duration = Duration::from_secs(3600);

/// The regions enabled by default in every commercial account: asked when `DescribeRegions` is denied.
pub const DEFAULT_REGIONS: [&str; 17] = [
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-northeast-3",
    "ap-south-1",
    "ap-southeast-1",
    "ap-southeast-2",
    "ca-central-1",
    "eu-central-1",
    "eu-north-1",
    "eu-west-1",
    "eu-west-2",
    "eu-west-3",
    "sa-east-1",
    "us-east-1",
    "us-east-2",
    "us-west-1",
    "us-west-2",
];

/// How a fan-out goes: the regions to ask when `DescribeRegions` is denied, how many at once and
/// how long each may take.
#[derive(Clone, Debug)]
pub struct FanOut {
    /// Asked when the account's own list cannot be read.
    pub fallback: Vec<String>,
    /// Regions in flight at once.
    pub concurrency: usize,
    /// Longest wait for one region.
    pub timeout: Duration,
    plans: Arc<Mutex<HashMap<String, (Instant, Plan)>>>,
}

impl Default for FanOut {
    fn default() -> Self {
        Self::new(
            DEFAULT_REGIONS.iter().map(|r| r.to_string()).collect(),
            8,
            Duration::from_secs(10),
        )
    }
}

impl FanOut {
    /// A fan-out over `fallback` (when the account's list is denied), `concurrency` at once, each
    /// region given `timeout`.
    pub fn new(fallback: Vec<String>, concurrency: usize, timeout: Duration) -> Self {
        Self {
            fallback,
            concurrency: concurrency.max(1),
            timeout,
            plans: Arc::default(),
        }
    }
}

/// The regions an all-regions view asks, and those it does not (not opted in).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    /// Enabled regions, by name.
    pub asked: Vec<String>,
    /// Regions not enabled for the account, shown as such.
    pub skipped: Vec<String>,
    /// Why the list is the configured one, when it is.
    pub note: Option<String>,
}

/// The partition a region belongs to (`aws`, `aws-cn`, `aws-us-gov`).
fn partition(region: &str) -> &'static str {
    if region.starts_with("cn-") {
        "aws-cn"
    } else if region.starts_with("us-gov-") {
        "aws-us-gov"
    } else {
        "aws"
    }
}

/// A plan from `DescribeRegions(AllRegions)`'s (name, opt-in status) pairs: the regions of
/// `home`'s partition, enabled ones asked, the rest skipped.
pub fn plan_of(home: &str, regions: &[(String, String)]) -> Plan {
    let mut asked = Vec::new();
    let mut skipped = Vec::new();
    for (name, status) in regions {
        if partition(name) != partition(home) {
            continue;
        }
        if status == "not-opted-in" {
            skipped.push(name.clone());
        } else {
            asked.push(name.clone());
        }
    }
    asked.sort();
    skipped.sort();
    Plan {
        asked,
        skipped,
        note: None,
    }
}

/// The caller's enabled regions: asked of EC2 once an hour per account, or the configured list
/// (with a note, not kept) when the caller is denied `DescribeRegions`.
pub async fn plan(caller: &Caller) -> Result<Plan, AppError> {
    let aws = AwsContext::current()?;
    let fan = aws.fan_out();
    let key = format!("{}|{}", caller.user.account, partition(&caller.user.region));
    if let Some((at, plan)) = fan.plans.lock().unwrap_or_else(|p| p.into_inner()).get(&key) {
        if at.elapsed() < PLAN_TTL {
            return Ok(plan.clone());
        }
    }
    let home = caller.user.region.clone();
    // Only the account's own list is kept: a person denied DescribeRegions asks again next time
    // (someone who may will have filled the cache for the account by then, most likely).
    let plan = match caller
        .ec2(&home)?
        .describe_regions()
        .all_regions(true)
        .send()
        .await
    {
        Ok(out) => {
            let pairs: Vec<(String, String)> = out
                .regions()
                .iter()
                .filter_map(|r| {
                    Some((
                        r.region_name()?.to_string(),
                        r.opt_in_status().unwrap_or("opt-in-not-required").to_string(),
                    ))
                })
                .collect();
            plan_of(&home, &pairs)
        }
        Err(e) => {
            let error = AppError::from(e);
            let AppError::Aws { code, .. } = &error else {
                return Err(error);
            };
            if !error.is_not_permitted() {
                return Err(error);
            }
            return Ok(Plan {
                asked: fan.fallback.clone(),
                skipped: Vec::new(),
                note: Some(crate::tr!(regions.describe_regions_denied, code = code)),
            });
        }
    };
    fan.plans
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .insert(key, (Instant::now(), plan.clone()));
    Ok(plan)
}

/// Runs `list(client, region)` in every enabled region (or only in `only`), a bounded number at
/// once, each within the per-region time limit; one region's failure is its outcome, never the
/// whole answer's.
pub async fn across<T, F, Fut>(
    caller: &Caller,
    only: Option<&[String]>,
    list: F,
) -> Result<Across<T>, AppError>
where
    F: Fn(aws_sdk_ec2::Client, String) -> Fut,
    Fut: Future<Output = Result<Vec<T>, AppError>> + Send,
    T: Send,
{
    let plan = plan(caller).await?;
    let fan = AwsContext::current()?.fan_out();
    let regions: Vec<String> = match only {
        Some(only) => only.to_vec(),
        None => plan.asked.clone(),
    };
    let mut calls = Vec::with_capacity(regions.len());
    for region in regions {
        let client = caller.ec2(&region)?;
        calls.push((region, client));
    }
    crate::audit::ssr::scope::region(super::ALL);
    let timeout = fan.timeout;
    let answers: Vec<(String, Answer<T>)> = futures::stream::iter(calls)
        .map(|(region, client)| {
            let call = list(client, region.clone());
            async move { (region, tokio::time::timeout(timeout, call).await) }
        })
        .buffer_unordered(fan.concurrency)
        .collect()
        .await;
    let mut rows = Vec::new();
    let mut statuses = Vec::new();
    for (region, answer) in answers {
        let outcome = match answer {
            Ok(Ok(found)) => {
                let n = found.len();
                rows.extend(found);
                Outcome::Ok(n)
            }
            Ok(Err(e)) => {
                tracing::debug!(%region, error = %e, "a region of a fan-out failed");
                Outcome::from_error(&e)
            }
            Err(_) => Outcome::TimedOut,
        };
        statuses.push(RegionStatus { region, outcome });
    }
    statuses.sort_by(|a, b| a.region.cmp(&b.region));
    if only.is_none() {
        statuses.extend(plan.skipped.iter().map(|region| RegionStatus {
            region: region.clone(),
            outcome: Outcome::NotOptedIn,
        }));
    }
    Ok(Across {
        rows,
        regions: statuses,
        note: plan.note,
    })
}

/// A page's list: in `region`, or with `all` in every enabled region; every row is told its region.
pub async fn listed<T, F, Fut>(
    caller: &mut Caller,
    region: Option<&str>,
    list: F,
) -> Result<Across<T>, AppError>
where
    T: Regional + Send,
    F: Fn(aws_sdk_ec2::Client, String) -> Fut,
    Fut: Future<Output = Result<Vec<T>, AppError>> + Send,
{
    let tagged = |client, region: String| {
        let call = list(client, region.clone());
        async move {
            let mut rows = call.await?;
            for row in &mut rows {
                row.set_region(&region);
            }
            Ok(rows)
        }
    };
    if super::is_all(region) {
        return across(caller, None, tagged).await;
    }
    let region = caller.region(region).await?;
    let rows = tagged(caller.ec2(&region)?, region).await?;
    Ok(Across {
        rows,
        regions: Vec::new(),
        note: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plan_keeps_the_home_partition_and_skips_regions_not_opted_in() {
        let pairs: Vec<(String, String)> = [
            ("us-east-1", "opt-in-not-required"),
            ("ap-east-1", "not-opted-in"),
            ("eu-south-2", "opted-in"),
            ("cn-north-1", "opt-in-not-required"),
            ("us-gov-west-1", "opt-in-not-required"),
        ]
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
        let plan = plan_of("eu-west-1", &pairs);
        assert_eq!(plan.asked, ["eu-south-2", "us-east-1"]);
        assert_eq!(plan.skipped, ["ap-east-1"]);
        assert_eq!(plan_of("cn-northwest-1", &pairs).asked, ["cn-north-1"]);
        assert_eq!(plan_of("us-gov-east-1", &pairs).asked, ["us-gov-west-1"]);
    }
}
