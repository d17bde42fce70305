//! 9: the Monitoring tab's server function for a 1-week range (one instance, every metric: one
//! `GetMetricData` call) against a replay of moto's answer, beside the raw SDK call it makes.

use crate::stats::{median, ms};
use crate::{scratch, setting, REGION, SECRET};
use app::monitoring::InstanceMetrics;
use aws_sdk_cloudwatch::primitives::DateTime;
use aws_sdk_cloudwatch::types::{Dimension, MetricDatum};
use leptos::server_fn::ServerFn;
use serde_json::{json, Value};
use std::time::Instant;
use testkit::{Console, FaultProxy, MotoServer, TEST_ACCESS_KEY};

const ID: &str = "i-0123456789abcdef0";

/// A week of 5-minute points of five metrics for [`ID`].
async fn seed_week(moto: &MotoServer) {
    let cw = moto.cloudwatch(REGION).await;
    let now = app::monitoring::ssr::now();
    let mut data = Vec::new();
    for i in 0..(7 * 288) {
        let t = DateTime::from_secs(now - 300 * i);
        for (metric, value) in [
            ("CPUUtilization", 20.0 + (i % 50) as f64),
            ("NetworkIn", 1e6 + i as f64),
            ("NetworkOut", 5e5 + i as f64),
            ("EBSReadBytes", 1e5),
            ("EBSWriteBytes", 2e5),
        ] {
            data.push(
                MetricDatum::builder()
                    .metric_name(metric)
                    .dimensions(Dimension::builder().name("InstanceId").value(ID).build())
                    .timestamp(t)
                    .value(value)
                    .build(),
            );
        }
    }
    for chunk in data.chunks(1000) {
        cw.put_metric_data()
            .namespace("AWS/EC2")
            .set_metric_data(Some(chunk.to_vec()))
            .send()
            .await
            .expect("put metric data");
    }
}

async fn graphs(console: &Console, cookie: &str) -> usize {
    let form = format!("region={REGION}&id={ID}&range=Week");
    let (status, _, body) = console
        .http
        .send("POST", InstanceMetrics::PATH, Some(cookie), Some(&form))
        .await
        .expect("instance_metrics");
    assert_eq!(
        status,
        200,
        "instance_metrics: {}",
        String::from_utf8_lossy(&body)
    );
    let metrics: Value = serde_json::from_slice(&body).expect("metrics JSON");
    metrics["series"][0]["points"]
        .as_array()
        .map_or(0, |p| p.iter().filter(|v| !v.is_null()).count())
}

/// The server time of the week's graphs, per call.
pub async fn monitoring() -> Value {
    let rounds = setting("BENCH_ROUNDS", 3) * 10;
    let moto = MotoServer::start();
    seed_week(&moto).await;
    let recorder = FaultProxy::start(&moto.endpoint()).await;
    recorder.record(true);
    let (console, _) = Console::start(&recorder.endpoint(), &scratch("monitoring-record")).await;
    let cookie = console.sign_in(TEST_ACCESS_KEY, SECRET).await.expect("sign in");
    let points = graphs(&console, &cookie).await;
    assert!(points >= 160, "a week of hourly CPU points: {points}");
    let replay = FaultProxy::replay(recorder.recordings()).await;
    let (console, _) = Console::start(&replay.endpoint(), &scratch("monitoring")).await;
    let cookie = console.sign_in(TEST_ACCESS_KEY, SECRET).await.expect("sign in");
    let cw = aws_sdk_cloudwatch::Client::new(&testkit::sdk_config_at(&replay.endpoint(), REGION).await);
    let (mut ours, mut sdk) = (Vec::new(), Vec::new());
    for _ in 0..rounds {
        let t = Instant::now();
        graphs(&console, &cookie).await;
        ours.push(t.elapsed());
        let t = Instant::now();
        let now = app::monitoring::ssr::now();
        app::monitoring::ssr::instance_metrics(&cw, ID, app::monitoring::Range::Week, now)
            .await
            .expect("the SDK call against the replay");
        sdk.push(t.elapsed());
    }
    json!({
        "calls": rounds,
        "points_per_series": 168,
        "series": 8,
        "console_ms": ms(median(&ours)),
        "sdk_call_ms": ms(median(&sdk)),
    })
}
