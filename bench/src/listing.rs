//! 1 and 2: the full listing of a big estate through the console's server function, the raw SDK
//! paginator and the AWS CLI v1, side by side against a replay of moto's recorded pages, so that
//! moto's own 4–7 ms per instance does not hide the clients' costs.

use crate::stats::{median, ms};
use crate::{root, scratch, seed, setting, REGION, SECRET};
use app::instances::ListInstances;
use leptos::server_fn::ServerFn;
use serde_json::{json, Value};
use std::process::Command;
use std::time::{Duration, Instant};
use testkit::Console;
use testkit::{FaultProxy, MotoServer, TEST_ACCESS_KEY};

/// Lists every instance through the console's server function; returns how many.
async fn console_listing(console: &Console, cookie: &str) -> usize {
    let form = format!("region={REGION}");
    let (status, _, body) = console
        .http
        .send("POST", ListInstances::PATH, Some(cookie), Some(&form))
        .await
        .expect("list_instances");
    assert_eq!(
        status,
        200,
        "list_instances: {}",
        String::from_utf8_lossy(&body[..body.len().min(500)])
    );
    // Counted without building a tree of every value (the raw SDK side holds its structs already):
    // what is timed is the console, not this parse.
    let list: Listed = serde_json::from_slice(&body).expect("instance list JSON");
    list.instances.len()
}

/// The console's answer, counted only.
#[derive(serde::Deserialize)]
struct Listed {
    instances: Vec<serde::de::IgnoredAny>,
}

/// Lists every instance with the raw SDK paginator; returns how many.
async fn sdk_listing(ec2: &aws_sdk_ec2::Client) -> usize {
    let mut pages = ec2.describe_instances().into_paginator().send();
    let mut n = 0;
    while let Some(page) = pages.next().await {
        n += page
            .expect("describe instances")
            .reservations()
            .iter()
            .map(|r| r.instances().len())
            .sum::<usize>();
    }
    n
}

/// Lists every instance with the AWS CLI v1 from the project's virtualenv; returns how many.
fn cli_listing(endpoint: &str) -> Option<usize> {
    let aws = root().join(".venv/bin/aws");
    if !aws.is_file() {
        return None;
    }
    let out = Command::new(aws)
        .args([
            "ec2",
            "describe-instances",
            "--endpoint-url",
            endpoint,
            "--region",
            REGION,
            "--output",
            "json",
        ])
        .env("AWS_ACCESS_KEY_ID", TEST_ACCESS_KEY)
        .env("AWS_SECRET_ACCESS_KEY", SECRET)
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .output()
        .expect("run the AWS CLI");
    assert!(
        out.status.success(),
        "aws cli: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).expect("CLI JSON");
    Some(v["Reservations"].as_array().map_or(0, |r| {
        r.iter()
            .map(|r| r["Instances"].as_array().map_or(0, Vec::len))
            .sum()
    }))
}

/// A ratio rounded to three decimals.
fn ratio(a: Duration, b: Duration) -> f64 {
    (a.as_secs_f64() / b.as_secs_f64() * 1000.0).round() / 1000.0
}

/// Seeds moto with `count` instances, has each client list them once through a recording proxy,
/// and returns a replay of every page they asked for.
async fn recorded_estate(count: usize) -> FaultProxy {
    let moto = MotoServer::start();
    let seeding = Instant::now();
    seed(&moto, count).await;
    eprintln!("listing: seeded {count} instances in {:?}", seeding.elapsed());
    let recorder = FaultProxy::start(&moto.endpoint()).await;
    recorder.record(true);
    let (console, _) = Console::start(&recorder.endpoint(), &scratch("listing-record")).await;
    let cookie = console.sign_in(TEST_ACCESS_KEY, SECRET).await.expect("sign in");
    assert_eq!(console_listing(&console, &cookie).await, count);
    let ec2 = aws_sdk_ec2::Client::new(&testkit::sdk_config_at(&recorder.endpoint(), REGION).await);
    assert_eq!(sdk_listing(&ec2).await, count);
    if let Some(n) = cli_listing(&recorder.endpoint()) {
        assert_eq!(n, count);
    }
    FaultProxy::replay(recorder.recordings()).await
}

/// Times one listing.
async fn timed(listing: impl std::future::Future<Output = usize>, count: usize) -> Duration {
    let t = Instant::now();
    assert_eq!(listing.await, count);
    t.elapsed()
}

/// The median of each round's console / SDK ratio: a round's two listings run back to back, so a
/// slow stretch of a shared machine weighs on both sides of its ratio rather than on one median.
fn paired_ratio(console: &[Duration], sdk: &[Duration]) -> f64 {
    let ratios: Vec<f64> = console
        .iter()
        .zip(sdk)
        .map(|(c, s)| c.as_secs_f64() / s.as_secs_f64())
        .collect();
    (median(&ratios) * 1000.0).round() / 1000.0
}

/// Lists through each client `BENCH_ROUNDS` times (7 unless set: one listing varies by ±30% on a
/// shared 2-core machine) against the replay, after one listing each that is not counted (the
/// first sets up connections and caches); the console and the SDK take turns going first. The
/// medians, and the median of the rounds' ratios.
pub async fn listing() -> Value {
    let count = setting("BENCH_INSTANCES", 5000);
    let rounds = setting("BENCH_ROUNDS", 7);
    let replay = recorded_estate(count).await;
    let (console, _) = Console::start(&replay.endpoint(), &scratch("listing")).await;
    let cookie = console.sign_in(TEST_ACCESS_KEY, SECRET).await.expect("sign in");
    let ec2 = aws_sdk_ec2::Client::new(&testkit::sdk_config_at(&replay.endpoint(), REGION).await);
    timed(sdk_listing(&ec2), count).await;
    timed(console_listing(&console, &cookie), count).await;
    let (mut sdk, mut ours, mut cli) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..rounds {
        if round % 2 == 0 {
            sdk.push(timed(sdk_listing(&ec2), count).await);
            ours.push(timed(console_listing(&console, &cookie), count).await);
        } else {
            ours.push(timed(console_listing(&console, &cookie), count).await);
            sdk.push(timed(sdk_listing(&ec2), count).await);
        }
        let t = Instant::now();
        if let Some(n) = cli_listing(&replay.endpoint()) {
            assert_eq!(n, count);
            cli.push(t.elapsed());
        }
        eprintln!(
            "listing round {}: sdk {:?}, console {:?}, cli {:?}",
            round + 1,
            sdk.last().unwrap(),
            ours.last().unwrap(),
            cli.last()
        );
    }
    let (s, c) = (median(&sdk), median(&ours));
    json!({
        "instances": count,
        "rounds": rounds,
        "upstream": "replay of moto's recorded pages",
        "sdk_paginator_ms": ms(s),
        "console_ms": ms(c),
        "overhead_ratio": paired_ratio(&ours, &sdk),
        "ratio_of_medians": ratio(c, s),
        "aws_cli_v1_ms": (!cli.is_empty()).then(|| ms(median(&cli))),
        "aws_cli_to_console_ratio": (!cli.is_empty()).then(|| ratio(median(&cli), c)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ratio_is_the_median_of_the_rounds_ratios() {
        let ms = |v: &[u64]| v.iter().map(|m| Duration::from_millis(*m)).collect::<Vec<_>>();
        // Rounds 2 and 3 ran in a slow stretch that hit both sides of round 2 and only the
        // console's side of round 3: the rounds' ratios are 1.071, 1.071 and 2.067, while the
        // medians (600 ms, 300 ms) pair a slow console listing with a fast SDK one.
        let console = ms(&[300, 600, 620]);
        let sdk = ms(&[280, 560, 300]);
        assert_eq!(paired_ratio(&console, &sdk), 1.071);
        assert_eq!(ratio(median(&console), median(&sdk)), 2.0);
        assert_eq!(paired_ratio(&ms(&[110, 300]), &ms(&[100, 100])), 1.1);
        assert_eq!(paired_ratio(&[], &[]), 0.0);
    }
}
