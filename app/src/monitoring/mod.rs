//! Monitoring: CloudWatch graphs of an instance (its details' Monitoring tab) and of a volume, the
//! dashboard's busiest instances, and an instance's CPU alarms (list, create, delete).

mod alarms;
mod busiest;
#[cfg(feature = "ssr")]
pub mod ssr;
mod tab;

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

pub use alarms::Alarms;
pub use busiest::Busiest;
pub use tab::{MetricsView, MonitoringTab, Subject};

/// The time ranges a graph can show.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Range {
    /// The last hour.
    Hour,
    /// The last 3 hours.
    ThreeHours,
    /// The last 12 hours.
    TwelveHours,
    /// The last day.
    Day,
    /// The last week.
    Week,
}

/// Periods CloudWatch keeps for basic monitoring and up, shortest first.
const PERIODS: [i64; 3] = [60, 300, 3600];

impl Range {
    /// Every range, shortest first.
    pub const ALL: [Range; 5] = [
        Range::Hour,
        Range::ThreeHours,
        Range::TwelveHours,
        Range::Day,
        Range::Week,
    ];

    /// Its URL value (`1h` … `1w`).
    pub fn param(self) -> &'static str {
        match self {
            Range::Hour => "1h",
            Range::ThreeHours => "3h",
            Range::TwelveHours => "12h",
            Range::Day => "1d",
            Range::Week => "1w",
        }
    }

    /// Its button label, in the page's language (`1h` … `1w` in English).
    pub fn label(self) -> &'static str {
        match self {
            Range::Hour => crate::tr!(monitoring.range_1h),
            Range::ThreeHours => crate::tr!(monitoring.range_3h),
            Range::TwelveHours => crate::tr!(monitoring.range_12h),
            Range::Day => crate::tr!(monitoring.range_1d),
            Range::Week => crate::tr!(monitoring.range_1w),
        }
    }

    /// The range a URL value names (12 hours for none or an unknown one).
    pub fn from_param(value: Option<&str>) -> Self {
        Range::ALL
            .into_iter()
            .find(|r| Some(r.param()) == value)
            .unwrap_or(Range::TwelveHours)
    }

    /// Its length in seconds.
    pub fn seconds(self) -> i64 {
        match self {
            Range::Hour => 3600,
            Range::ThreeHours => 3 * 3600,
            Range::TwelveHours => 12 * 3600,
            Range::Day => 24 * 3600,
            Range::Week => 7 * 24 * 3600,
        }
    }

    /// The period of its points: the shortest that keeps a graph at 300 points or fewer.
    pub fn period(self) -> i64 {
        PERIODS
            .into_iter()
            .find(|p| self.seconds() / p <= 300)
            .unwrap_or(3600)
    }
}

/// What a series measures in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Unit {
    /// Per cent (CPU).
    Percent,
    /// Bytes per period.
    Bytes,
    /// A count per period (operations, failed checks).
    Count,
}

impl Unit {
    /// A value with its unit in the page's language, for axes and readouts: `81.2 %`,
    /// `3.4 MiB`, `1,024`.
    pub fn format(self, value: f64) -> String {
        let short = crate::number::decimal;
        match self {
            Unit::Percent => format!("{} %", short(value)),
            Unit::Count => short(value),
            Unit::Bytes => {
                let units = ["B", "KiB", "MiB", "GiB", "TiB"];
                let mut v = value;
                let mut i = 0;
                while v >= 1024.0 && i < units.len() - 1 {
                    v /= 1024.0;
                    i += 1;
                }
                format!("{} {}", short(v), units[i])
            }
        }
    }
}

/// One metric over a range: a value (or a gap) per period from `start`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Series {
    /// A stable key (`cpu`, `net_in`, …).
    pub key: String,
    /// What it is, e.g. "CPU utilization (average)" (in the language of the request that fetched it).
    pub label: String,
    /// Its unit.
    pub unit: Unit,
    /// The first point's time, in Unix seconds (UTC).
    pub start: i64,
    /// Seconds between points.
    pub period: i64,
    /// A value per period; `None` where CloudWatch has no data.
    pub points: Vec<Option<f64>>,
}

impl Series {
    /// The time of point `i`, in Unix seconds.
    pub fn time(&self, i: usize) -> i64 {
        self.start + self.period * i as i64
    }

    /// Whether any point has data.
    pub fn has_data(&self) -> bool {
        self.points.iter().any(Option::is_some)
    }

    /// The highest value and its index.
    pub fn peak(&self) -> Option<(usize, f64)> {
        self.points
            .iter()
            .enumerate()
            .filter_map(|(i, v)| v.map(|v| (i, v)))
            .fold(None, |best, (i, v)| match best {
                Some((_, b)) if b >= v => best,
                _ => Some((i, v)),
            })
    }

    /// The mean of the points with data.
    pub fn average(&self) -> Option<f64> {
        let values: Vec<f64> = self.points.iter().flatten().copied().collect();
        (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
    }

    /// The sentence a screen reader hears: "CPU utilization (average): average 23 %, peak 81 % at
    /// 14:05 UTC".
    pub fn summary(&self, live: bool) -> String {
        match (self.average(), self.peak()) {
            (Some(avg), Some((i, peak))) => crate::tr!(
                monitoring.summary,
                label = self.label,
                average = self.unit.format(avg),
                peak = self.unit.format(peak),
                time = clock(self.time(i), live)
            ),
            _ => crate::tr!(monitoring.summary_no_data, label = self.label),
        }
    }
}

/// A Unix time as a chart shows it: date and minute, in the page's zone and language (`live`:
/// see [`crate::time::live`]).
pub fn clock(unix: i64, live: bool) -> String {
    crate::time::show(unix * 1000, crate::time::Style::Short, live)
}

/// The graphs of one resource over a range.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Metrics {
    /// The range shown.
    pub range: Range,
    /// One series per metric, in display order.
    pub series: Vec<Series>,
}

/// An instance with its average CPU over the last hour, for the dashboard.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Busy {
    /// The instance.
    pub id: String,
    /// Its Name tag.
    pub name: Option<String>,
    /// Its region.
    pub region: String,
    /// CPU over the last hour (5-minute points).
    pub cpu: Series,
}

/// A CloudWatch alarm on an instance.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Alarm {
    /// Its name.
    pub name: String,
    /// `OK`, `ALARM` or `INSUFFICIENT_DATA`.
    pub state: String,
    /// The metric it watches.
    pub metric: String,
    /// Its condition in words: `≥ 80 for 3 × 5 min`.
    pub condition: String,
}

/// Checks a simple CPU alarm: at or above `threshold` % (more than 0, at most 100) for `periods`
/// periods of 5 minutes (1 to 288, a day).
pub fn check_alarm(threshold: f64, periods: i32) -> Result<(), AppError> {
    if !threshold.is_finite() || threshold <= 0.0 || threshold > 100.0 {
        return Err(AppError::validation(
            "threshold",
            crate::tr!(monitoring.threshold_invalid),
        ));
    }
    if !(1..=288).contains(&periods) {
        return Err(AppError::validation(
            "periods",
            crate::tr!(monitoring.periods_invalid),
        ));
    }
    Ok(())
}

/// The name a simple CPU alarm is given: `i-…-cpu-80-3x5m`.
pub fn alarm_name(id: &str, threshold: f64, periods: i32) -> String {
    let t = format!("{threshold:.1}");
    format!("{id}-cpu-{}-{periods}x5m", t.strip_suffix(".0").unwrap_or(&t))
}

/// Whether `name` may be an alarm's name (1–255 printable characters).
pub fn is_alarm_name(name: &str) -> bool {
    (1..=255).contains(&name.chars().count()) && !name.chars().any(char::is_control)
}

/// An instance's graphs over `range` (one `GetMetricData` call).
#[server]
pub async fn instance_metrics(region: Option<String>, id: String, range: Range) -> Result<Metrics, AppError> {
    crate::instances::actions::check_id(&id)?;
    let mut caller = crate::auth::ssr::Caller::current().await?;
    let region = caller.region(region.as_deref()).await?;
    ssr::instance_metrics(&caller.cloudwatch(&region)?, &id, range, ssr::now()).await
}

/// A volume's read/write operations and throughput over `range` (one `GetMetricData` call).
#[server]
pub async fn volume_metrics(region: Option<String>, id: String, range: Range) -> Result<Metrics, AppError> {
    if !crate::network::is_resource_id("vol", &id) {
        return Err(AppError::validation(
            "volume",
            crate::tr!(monitoring.not_volume_id, id = id),
        ));
    }
    let mut caller = crate::auth::ssr::Caller::current().await?;
    let region = caller.region(region.as_deref()).await?;
    ssr::volume_metrics(&caller.cloudwatch(&region)?, &id, range, ssr::now()).await
}

/// The five running instances with the highest average CPU over the last hour, in `region` (or
/// with `all` across every enabled region).
#[server]
pub async fn busiest_instances(region: Option<String>) -> Result<crate::regions::Across<Busy>, AppError> {
    let mut caller = crate::auth::ssr::Caller::current().await?;
    let now = ssr::now();
    let all = crate::regions::is_all(region.as_deref());
    let regions = if all {
        crate::regions::ssr::plan(&caller).await?.asked
    } else {
        vec![caller.region(region.as_deref()).await?]
    };
    let mut clients = std::collections::HashMap::new();
    for r in &regions {
        clients.insert(r.clone(), caller.cloudwatch(r)?);
    }
    let busy = |ec2, region: String| {
        let cw = clients.get(&region).cloned();
        async move {
            let cw = cw.ok_or_else(|| AppError::internal("no CloudWatch client for the region"))?;
            ssr::busiest(&ec2, &cw, &region, now).await
        }
    };
    let mut across = if all {
        crate::regions::ssr::across(&caller, None, busy).await?
    } else {
        crate::regions::Across {
            rows: busy(caller.ec2(&regions[0])?, regions[0].clone()).await?,
            regions: Vec::new(),
            note: None,
        }
    };
    across.rows.sort_by(|a, b| {
        b.cpu
            .average()
            .unwrap_or(0.0)
            .total_cmp(&a.cpu.average().unwrap_or(0.0))
    });
    across.rows.truncate(5);
    Ok(across)
}

/// The CloudWatch alarms on an instance.
#[server]
pub async fn instance_alarms(region: Option<String>, id: String) -> Result<Vec<Alarm>, AppError> {
    crate::instances::actions::check_id(&id)?;
    let mut caller = crate::auth::ssr::Caller::current().await?;
    let region = caller.region(region.as_deref()).await?;
    ssr::alarms(&caller.cloudwatch(&region)?, &id).await
}

/// Creates a simple CPU alarm on an instance: average CPU ≥ `threshold` % for `periods` periods of
/// 5 minutes. Refused in read-only mode.
#[server]
pub async fn create_cpu_alarm(
    region: Option<String>,
    id: String,
    threshold: f64,
    periods: i32,
) -> Result<Alarm, AppError> {
    let mut caller = crate::auth::ssr::Caller::current().await?;
    caller.act("PutMetricAlarm").await?;
    crate::instances::actions::check_id(&id)?;
    check_alarm(threshold, periods)?;
    let region = caller.region(region.as_deref()).await?;
    ssr::create_cpu_alarm(&caller.cloudwatch(&region)?, &id, threshold, periods).await
}

/// Deletes one of an instance's alarms. Refused in read-only mode.
#[server]
pub async fn delete_alarm(region: Option<String>, id: String, name: String) -> Result<(), AppError> {
    let mut caller = crate::auth::ssr::Caller::current().await?;
    caller.act("DeleteAlarms").await?;
    crate::instances::actions::check_id(&id)?;
    if !is_alarm_name(&name) {
        return Err(AppError::validation(
            "alarm",
            crate::tr!(monitoring.not_alarm_name),
        ));
    }
    let region = caller.region(region.as_deref()).await?;
    ssr::delete_alarm(&caller.cloudwatch(&region)?, &id, &name).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_range_has_60_to_300_points() {
        for range in Range::ALL {
            let points = range.seconds() / range.period();
            assert!((60..=300).contains(&points), "{range:?}: {points}");
            assert_eq!(Range::from_param(Some(range.param())), range);
        }
        assert_eq!(Range::Hour.period(), 60);
        assert_eq!(Range::Day.period(), 300);
        assert_eq!(Range::Week.period(), 3600);
        assert_eq!(Range::from_param(Some("2y")), Range::TwelveHours);
    }

    #[test]
    fn units_read_as_people_write_them() {
        assert_eq!(Unit::Percent.format(81.24), "81.2 %");
        assert_eq!(Unit::Percent.format(97.0), "97 %");
        assert_eq!(Unit::Bytes.format(3.5 * 1024.0 * 1024.0), "3.5 MiB");
        assert_eq!(Unit::Bytes.format(512.0), "512 B");
        assert_eq!(Unit::Count.format(12.0), "12");
        assert_eq!(Unit::Count.format(1536.0), "1,536");
    }

    #[test]
    fn a_series_names_its_average_and_peak_and_keeps_its_gaps() {
        let s = Series {
            key: "cpu".into(),
            label: "CPU utilization (average)".into(),
            unit: Unit::Percent,
            start: 1_764_600_000,
            period: 300,
            points: vec![Some(10.0), None, Some(30.0), Some(20.0)],
        };
        assert_eq!(s.peak(), Some((2, 30.0)));
        assert_eq!(s.average(), Some(20.0));
        assert_eq!(s.time(2), 1_764_600_600);
        assert_eq!(
            s.summary(false),
            "CPU utilization (average): average 20 %, peak 30 % at Dec 1, 2:50 PM UTC"
        );
        let empty = Series {
            points: vec![None, None],
            ..s
        };
        assert!(!empty.has_data());
        assert_eq!(
            empty.summary(false),
            "CPU utilization (average): no data in this range"
        );
    }

    #[test]
    fn clock_times_are_utc_until_live() {
        assert_eq!(clock(0, false), "Jan 1, 12:00 AM UTC");
        assert_eq!(clock(1_764_603_900, false), "Dec 1, 3:45 PM UTC");
    }

    #[test]
    fn alarms_are_checked_and_named() {
        assert!(check_alarm(80.0, 3).is_ok());
        assert!(check_alarm(0.0, 3).is_err());
        assert!(check_alarm(101.0, 3).is_err());
        assert!(check_alarm(f64::NAN, 3).is_err());
        assert!(check_alarm(50.0, 0).is_err());
        assert!(check_alarm(50.0, 289).is_err());
        assert_eq!(alarm_name("i-1234abcd", 80.0, 3), "i-1234abcd-cpu-80-3x5m");
        assert_eq!(alarm_name("i-1234abcd", 72.5, 1), "i-1234abcd-cpu-72.5-1x5m");
        assert!(is_alarm_name("x") && !is_alarm_name("") && !is_alarm_name("a\nb"));
    }
}
