//! Server-only: the CloudWatch calls behind the graphs and the alarms.

use super::{alarm_name, Alarm, Busy, Metrics, Range, Series, Unit};
use crate::error::AppError;
use aws_sdk_cloudwatch::primitives::DateTime;
use aws_sdk_cloudwatch::types::{
    ComparisonOperator, Dimension, Metric, MetricAlarm, MetricDataQuery, MetricStat, Statistic,
};
use aws_sdk_cloudwatch::Client;
use std::collections::HashMap;

/// Now, in Unix seconds.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or_default()
}

/// One graph's metric: its key, label (shown), namespace, name, statistic and unit.
struct Def(
    &'static str,
    crate::locale::Label,
    &'static str,
    &'static str,
    &'static str,
    Unit,
);

/// An instance's graphs (basic monitoring: `AWS/EC2` by `InstanceId`).
const INSTANCE: [Def; 8] = [
    Def(
        "cpu",
        crate::label!(monitoring.metric_cpu),
        "AWS/EC2",
        "CPUUtilization",
        "Average",
        Unit::Percent,
    ),
    Def(
        "net_in",
        crate::label!(monitoring.metric_net_in),
        "AWS/EC2",
        "NetworkIn",
        "Sum",
        Unit::Bytes,
    ),
    Def(
        "net_out",
        crate::label!(monitoring.metric_net_out),
        "AWS/EC2",
        "NetworkOut",
        "Sum",
        Unit::Bytes,
    ),
    Def(
        "ebs_read",
        crate::label!(monitoring.metric_ebs_read),
        "AWS/EC2",
        "EBSReadBytes",
        "Sum",
        Unit::Bytes,
    ),
    Def(
        "ebs_write",
        crate::label!(monitoring.metric_ebs_write),
        "AWS/EC2",
        "EBSWriteBytes",
        "Sum",
        Unit::Bytes,
    ),
    Def(
        "disk_read",
        crate::label!(monitoring.metric_disk_read),
        "AWS/EC2",
        "DiskReadBytes",
        "Sum",
        Unit::Bytes,
    ),
    Def(
        "disk_write",
        crate::label!(monitoring.metric_disk_write),
        "AWS/EC2",
        "DiskWriteBytes",
        "Sum",
        Unit::Bytes,
    ),
    Def(
        "status",
        crate::label!(monitoring.metric_status),
        "AWS/EC2",
        "StatusCheckFailed",
        "Maximum",
        Unit::Count,
    ),
];

/// A volume's graphs (`AWS/EBS` by `VolumeId`).
const VOLUME: [Def; 4] = [
    Def(
        "read_ops",
        crate::label!(monitoring.metric_read_ops),
        "AWS/EBS",
        "VolumeReadOps",
        "Sum",
        Unit::Count,
    ),
    Def(
        "write_ops",
        crate::label!(monitoring.metric_write_ops),
        "AWS/EBS",
        "VolumeWriteOps",
        "Sum",
        Unit::Count,
    ),
    Def(
        "read_bytes",
        crate::label!(monitoring.metric_read_bytes),
        "AWS/EBS",
        "VolumeReadBytes",
        "Sum",
        Unit::Bytes,
    ),
    Def(
        "write_bytes",
        crate::label!(monitoring.metric_write_bytes),
        "AWS/EBS",
        "VolumeWriteBytes",
        "Sum",
        Unit::Bytes,
    ),
];

fn dimension(name: &str, value: &str) -> Result<Dimension, AppError> {
    Ok(Dimension::builder().name(name).value(value).build())
}

fn query(
    id: &str,
    namespace: &str,
    metric: &str,
    stat: &str,
    dim: Dimension,
    period: i64,
) -> Result<MetricDataQuery, AppError> {
    let metric = Metric::builder()
        .namespace(namespace)
        .metric_name(metric)
        .dimensions(dim)
        .build();
    let stat = MetricStat::builder()
        .metric(metric)
        .period(period as i32)
        .stat(stat)
        .build();
    Ok(MetricDataQuery::builder()
        .id(id)
        .metric_stat(stat)
        .return_data(true)
        .build())
}

/// The window of `range` ending now, aligned to its period: (start, end, points).
pub fn window(range: Range, now: i64) -> (i64, i64, usize) {
    let period = range.period();
    let end = now - now.rem_euclid(period) + period;
    let start = end - range.seconds();
    (start, end, (range.seconds() / period) as usize)
}

/// Places each (time, value) on its point of the window; the rest stay gaps.
pub fn on_grid(
    start: i64,
    period: i64,
    n: usize,
    values: impl IntoIterator<Item = (i64, f64)>,
) -> Vec<Option<f64>> {
    let mut points = vec![None; n];
    for (t, v) in values {
        let i = (t - start).div_euclid(period);
        if (0..n as i64).contains(&i) {
            points[i as usize] = Some(v);
        }
    }
    points
}

/// The answers of one `GetMetricData` call (every page), by query ID: (time, value) pairs.
async fn fetch(
    cw: &Client,
    queries: Vec<MetricDataQuery>,
    start: i64,
    end: i64,
) -> Result<HashMap<String, Vec<(i64, f64)>>, AppError> {
    let mut out: HashMap<String, Vec<(i64, f64)>> = HashMap::new();
    let mut pages = cw
        .get_metric_data()
        .set_metric_data_queries(Some(queries))
        .start_time(DateTime::from_secs(start))
        .end_time(DateTime::from_secs(end))
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        for result in page?.metric_data_results() {
            let pairs = result
                .timestamps()
                .iter()
                .map(DateTime::secs)
                .zip(result.values().iter().copied());
            out.entry(result.id().unwrap_or_default().to_string())
                .or_default()
                .extend(pairs);
        }
    }
    Ok(out)
}

async fn graphs(
    cw: &Client,
    defs: &[Def],
    dim_name: &str,
    id: &str,
    range: Range,
    now: i64,
) -> Result<Metrics, AppError> {
    let (start, end, n) = window(range, now);
    let period = range.period();
    let queries = defs
        .iter()
        .map(|d| query(d.0, d.2, d.3, d.4, dimension(dim_name, id)?, period))
        .collect::<Result<Vec<_>, _>>()?;
    let mut answers = fetch(cw, queries, start, end).await?;
    let series = defs
        .iter()
        .map(|d| Series {
            key: d.0.into(),
            label: (d.1)(crate::locale::current()).into(),
            unit: d.5,
            start,
            period,
            points: on_grid(start, period, n, answers.remove(d.0).unwrap_or_default()),
        })
        .collect();
    Ok(Metrics { range, series })
}

/// An instance's graphs over `range` ending at `now`.
pub async fn instance_metrics(cw: &Client, id: &str, range: Range, now: i64) -> Result<Metrics, AppError> {
    graphs(cw, &INSTANCE, "InstanceId", id, range, now).await
}

/// A volume's graphs over `range` ending at `now`.
pub async fn volume_metrics(cw: &Client, id: &str, range: Range, now: i64) -> Result<Metrics, AppError> {
    graphs(cw, &VOLUME, "VolumeId", id, range, now).await
}

/// The region's running instances by average CPU over the last hour (highest first, five).
pub async fn busiest(
    ec2: &aws_sdk_ec2::Client,
    cw: &Client,
    region: &str,
    now: i64,
) -> Result<Vec<Busy>, AppError> {
    let running = crate::instances::filter::parse("state = running")?;
    let rows = crate::instances::ssr::list_instances(ec2, region, &running).await?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let (start, end, n) = window(Range::Hour, now);
    let period = 300;
    let n = n * 60 / period as usize;
    let mut answers = HashMap::new();
    for (c, chunk) in rows.chunks(500).enumerate() {
        let queries = chunk
            .iter()
            .enumerate()
            .map(|(i, r)| {
                query(
                    &format!("q{}", c * 500 + i),
                    "AWS/EC2",
                    "CPUUtilization",
                    "Average",
                    dimension("InstanceId", &r.id)?,
                    period,
                )
            })
            .collect::<Result<Vec<_>, _>>()?;
        answers.extend(fetch(cw, queries, start, end).await?);
    }
    let mut busy: Vec<Busy> = rows
        .into_iter()
        .enumerate()
        .map(|(i, r)| Busy {
            cpu: Series {
                key: "cpu".into(),
                label: crate::tr!(monitoring.cpu_of, name = r.display_name()),
                unit: Unit::Percent,
                start,
                period,
                points: on_grid(
                    start,
                    period,
                    n,
                    answers.remove(&format!("q{i}")).unwrap_or_default(),
                ),
            },
            id: r.id,
            name: r.name,
            region: region.to_string(),
        })
        .filter(|b| b.cpu.has_data())
        .collect();
    busy.sort_by(|a, b| {
        b.cpu
            .average()
            .unwrap_or(0.0)
            .total_cmp(&a.cpu.average().unwrap_or(0.0))
    });
    busy.truncate(5);
    Ok(busy)
}

/// An alarm's condition in words: `≥ 80 for 3 × 5 min`.
fn condition(a: &MetricAlarm) -> String {
    let op = match a.comparison_operator() {
        Some(ComparisonOperator::GreaterThanOrEqualToThreshold) => "≥",
        Some(ComparisonOperator::GreaterThanThreshold) => ">",
        Some(ComparisonOperator::LessThanThreshold) => "<",
        Some(ComparisonOperator::LessThanOrEqualToThreshold) => "≤",
        _ => "?",
    };
    let threshold = Unit::Count.format(a.threshold().unwrap_or_default());
    let minutes = a.period().unwrap_or(300) / 60;
    crate::tr!(
        monitoring.condition,
        op = op,
        threshold = threshold,
        periods = a.evaluation_periods().unwrap_or(1),
        minutes = minutes
    )
}

/// The alarms watching instance `id`.
pub async fn alarms(cw: &Client, id: &str) -> Result<Vec<Alarm>, AppError> {
    let mut found = Vec::new();
    let mut pages = cw.describe_alarms().into_paginator().send();
    while let Some(page) = pages.next().await {
        for a in page?.metric_alarms() {
            let watches = a
                .dimensions()
                .iter()
                .any(|d| d.name() == Some("InstanceId") && d.value() == Some(id));
            if watches {
                found.push(Alarm {
                    name: a.alarm_name().unwrap_or_default().to_string(),
                    state: a
                        .state_value()
                        .map(|s| s.as_str().to_string())
                        .unwrap_or_default(),
                    metric: a.metric_name().unwrap_or_default().to_string(),
                    condition: condition(a),
                });
            }
        }
    }
    found.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(found)
}

/// Creates the alarm "average CPU ≥ `threshold` % for `periods` × 5 minutes" on instance `id`.
pub async fn create_cpu_alarm(
    cw: &Client,
    id: &str,
    threshold: f64,
    periods: i32,
) -> Result<Alarm, AppError> {
    let name = alarm_name(id, threshold, periods);
    cw.put_metric_alarm()
        .alarm_name(&name)
        .alarm_description("Created in the EC2 console")
        .namespace("AWS/EC2")
        .metric_name("CPUUtilization")
        .dimensions(dimension("InstanceId", id)?)
        .statistic(Statistic::Average)
        .period(300)
        .evaluation_periods(periods)
        .threshold(threshold)
        .comparison_operator(ComparisonOperator::GreaterThanOrEqualToThreshold)
        .send()
        .await?;
    Ok(Alarm {
        name,
        state: "INSUFFICIENT_DATA".into(),
        metric: "CPUUtilization".into(),
        condition: crate::tr!(
            monitoring.condition,
            op = "≥",
            threshold = Unit::Count.format(threshold),
            periods = periods,
            minutes = 5
        ),
    })
}

/// Deletes alarm `name`, which must watch instance `id`.
pub async fn delete_alarm(cw: &Client, id: &str, name: &str) -> Result<(), AppError> {
    if !alarms(cw, id).await?.iter().any(|a| a.name == name) {
        return Err(AppError::validation(
            "alarm",
            crate::tr!(monitoring.not_alarm_of, name = name, id = id),
        ));
    }
    cw.delete_alarms().alarm_names(name).send().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_end_after_now_on_a_period_boundary() {
        let now = 1_764_603_950;
        let (start, end, n) = window(Range::TwelveHours, now);
        assert_eq!(end % 300, 0);
        assert!(end > now && end - now <= 300);
        assert_eq!(end - start, 12 * 3600);
        assert_eq!(n, 144);
    }

    #[test]
    fn values_land_on_their_points_and_the_rest_are_gaps() {
        let points = on_grid(1000, 60, 4, [(1000, 1.0), (1130, 3.0), (999, 9.0), (1240, 9.0)]);
        assert_eq!(points, vec![Some(1.0), None, Some(3.0), None]);
    }
}
