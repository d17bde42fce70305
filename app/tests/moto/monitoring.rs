//! Monitoring against a real moto server: an instance's graphs (one `GetMetricData` per range, the
//! period chosen for the range, gaps where there is no data), the busiest instances, and alarms
//! (created, listed, deleted; a denied creation names AWS's code — moto does not enforce IAM for
//! CloudWatch, so the fault proxy denies it, in the shape moto gives EC2's denials).

use app::monitoring::{ssr as monitoring, Range};
use aws_sdk_cloudwatch::primitives::DateTime;
use aws_sdk_cloudwatch::types::{Dimension, MetricDatum, StandardUnit};
use testkit::{any_ami, launch, FaultProxy, MotoServer};

const REGION: &str = "us-east-1";
const ID: &str = "i-0123456789abcdef0";
const OTHER: &str = "i-0123456789abcdef1";

/// Puts CPU values for `id` at the given Unix times.
async fn put_cpu(cw: &aws_sdk_cloudwatch::Client, id: &str, points: &[(i64, f64)]) {
    let data: Vec<MetricDatum> = points
        .iter()
        .map(|(t, v)| {
            MetricDatum::builder()
                .metric_name("CPUUtilization")
                .dimensions(Dimension::builder().name("InstanceId").value(id).build())
                .timestamp(DateTime::from_secs(*t))
                .value(*v)
                .unit(StandardUnit::Percent)
                .build()
        })
        .collect();
    cw.put_metric_data()
        .namespace("AWS/EC2")
        .set_metric_data(Some(data))
        .send()
        .await
        .expect("put metric data");
}

#[tokio::test]
async fn a_graph_has_its_points_its_period_and_its_gaps() {
    let moto = MotoServer::start();
    let cw = moto.cloudwatch(REGION).await;
    let now = monitoring::now();
    let early = now - 3 * 3600;
    put_cpu(
        &cw,
        ID,
        &[
            (early, 10.0),
            (early + 300, 20.0),
            (early + 600, 30.0),
            (now - 600, 80.0),
        ],
    )
    .await;
    put_cpu(&cw, OTHER, &[(now - 600, 99.0)]).await;

    let day = monitoring::instance_metrics(&cw, ID, Range::TwelveHours, now)
        .await
        .unwrap();
    let cpu = &day.series[0];
    assert_eq!(
        (cpu.key.as_str(), cpu.period, cpu.points.len()),
        ("cpu", 300, 144)
    );
    assert_eq!(
        cpu.points.iter().flatten().count(),
        4,
        "four points, the rest gaps: {:?}",
        cpu.points
    );
    assert_eq!(
        cpu.peak().map(|(_, v)| v),
        Some(80.0),
        "another instance's data is not mixed in"
    );
    let (i, _) = cpu.peak().unwrap();
    assert!(
        (cpu.time(i) - (now - 600)).abs() < 300,
        "the peak is at its own time"
    );
    assert!(
        day.series.iter().skip(1).all(|s| !s.has_data()),
        "no network data was put"
    );
    assert!(cpu.summary(false).contains("peak 80 %"), "{}", cpu.summary(false));

    let hour = monitoring::instance_metrics(&cw, ID, Range::Hour, now)
        .await
        .unwrap();
    assert_eq!((hour.series[0].period, hour.series[0].points.len()), (60, 60));
    assert_eq!(
        hour.series[0].points.iter().flatten().collect::<Vec<_>>(),
        vec![&80.0]
    );
    let week = monitoring::instance_metrics(&cw, ID, Range::Week, now)
        .await
        .unwrap();
    assert_eq!((week.series[0].period, week.series[0].points.len()), (3600, 168));
    let hourly = week.series[0].points.iter().flatten().count();
    assert!(
        (2..=3).contains(&hourly),
        "hourly: the early points share one or two hours ({hourly})"
    );
}

#[tokio::test]
async fn the_busiest_instances_come_first() {
    let moto = MotoServer::start();
    let ec2 = moto.ec2(REGION).await;
    let cw = moto.cloudwatch(REGION).await;
    let ami = any_ami(&ec2).await;
    let ids = launch(&ec2, &ami, "load", "t3.micro", 3).await;
    let now = monitoring::now();
    for (id, cpu) in ids.iter().zip([10.0, 90.0, 50.0]) {
        put_cpu(&cw, id, &[(now - 1200, cpu), (now - 600, cpu)]).await;
    }
    let busy = monitoring::busiest(&ec2, &cw, REGION, now).await.unwrap();
    let order: Vec<&str> = busy.iter().map(|b| b.id.as_str()).collect();
    assert_eq!(order, [ids[1].as_str(), ids[2].as_str(), ids[0].as_str()]);
    assert_eq!(busy[0].cpu.average(), Some(90.0));
    assert_eq!(busy[0].region, REGION);
}

#[tokio::test]
async fn alarms_are_created_listed_and_deleted_and_a_denied_creation_says_why() {
    let moto = MotoServer::start();
    let cw = moto.cloudwatch(REGION).await;
    let alarm = monitoring::create_cpu_alarm(&cw, ID, 80.0, 3).await.unwrap();
    assert_eq!(alarm.name, format!("{ID}-cpu-80-3x5m"));
    let listed = monitoring::alarms(&cw, ID).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].metric, "CPUUtilization");
    assert_eq!(listed[0].condition, "≥ 80 for 3 × 5 min");
    assert!(monitoring::alarms(&cw, OTHER).await.unwrap().is_empty());
    assert!(
        monitoring::delete_alarm(&cw, OTHER, &alarm.name).await.is_err(),
        "only the instance's own alarms are deleted from its tab"
    );
    monitoring::delete_alarm(&cw, ID, &alarm.name).await.unwrap();
    assert!(monitoring::alarms(&cw, ID).await.unwrap().is_empty());

    // As signed-in people, through the console's own client factory (its interceptors included).
    let users = moto.enable_iam_users();
    let proxy = FaultProxy::start(&moto.endpoint()).await;
    proxy.deny("PutMetricAlarm", ID);
    let console = app::aws::AwsContext::new(testkit::sdk_config_at(&proxy.endpoint(), REGION).await, REGION);
    let client = |user: &testkit::IamUser| {
        let creds = app::cipher::Credentials {
            access_key_id: user.access_key_id.clone(),
            secret_access_key: user.secret_access_key.clone().into(),
            session_token: None,
        };
        console.cloudwatch_as(&creds, "123456789012", REGION)
    };
    let bob = client(&users.bob);
    let err = monitoring::create_cpu_alarm(&bob, ID, 80.0, 3).await.unwrap_err();
    assert!(
        err.is_not_permitted(),
        "AWS's code, read from a body the SDK could not parse: {err:?}"
    );
    assert!(
        monitoring::alarms(&bob, ID).await.unwrap().is_empty(),
        "reading is allowed; nothing was made"
    );
    let alice = client(&users.alice);
    let made = monitoring::create_cpu_alarm(&alice, OTHER, 90.0, 1)
        .await
        .expect("an alarm on another instance goes through the proxy");
    assert_eq!(monitoring::alarms(&alice, OTHER).await.unwrap().len(), 1);
    monitoring::delete_alarm(&alice, OTHER, &made.name).await.unwrap();
    assert!(monitoring::alarms(&alice, OTHER).await.unwrap().is_empty());
}
