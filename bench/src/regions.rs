//! 8: every region at once. The Instances list with `region=all` against a replay that delays each
//! region differently (20–400 ms), beside the slowest region listed alone: the fan-out's wall time
//! should be the slowest region's, not the sum. And the EC2 calls the permission checks make when
//! 10 instances are selected, then 10 more.

use crate::stats::{median, ms};
use crate::{scratch, seed, setting, REGION, SECRET};
use app::instances::permissions::InstancePermissions;
use app::instances::ListInstances;
use leptos::server_fn::ServerFn;
use serde_json::{json, Value};
use std::time::{Duration, Instant};
use testkit::{Console, FaultProxy, MotoServer, TEST_ACCESS_KEY};

/// The APIs a permission check asks with DryRun.
const DRY_RUN_APIS: [&str; 6] = [
    "StartInstances",
    "StopInstances",
    "RebootInstances",
    "TerminateInstances",
    "ModifyInstanceAttribute",
    "CreateImage",
];

/// Lists instances (`region` = a region or `all`); the answer as JSON.
async fn list(console: &Console, cookie: &str, region: &str) -> Value {
    let (status, _, body) = console
        .http
        .send(
            "POST",
            ListInstances::PATH,
            Some(cookie),
            Some(&format!("region={region}")),
        )
        .await
        .expect("list_instances");
    assert_eq!(status, 200, "list_instances: {}", String::from_utf8_lossy(&body));
    serde_json::from_slice(&body).expect("instance list JSON")
}

/// The regions an all-regions list asked (answered ok), by name.
fn asked(list: &Value) -> Vec<String> {
    list["regions"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|s| s["outcome"].get("Ok").is_some())
        .filter_map(|s| s["region"].as_str().map(str::to_string))
        .collect()
}

/// A replay of moto's answers for a 50-instance region (every region answers with it).
async fn recorded() -> FaultProxy {
    let moto = MotoServer::start();
    seed(&moto, 50).await;
    let recorder = FaultProxy::start(&moto.endpoint()).await;
    recorder.record(true);
    let (console, _) = Console::start(&recorder.endpoint(), &scratch("regions-record")).await;
    let cookie = console.sign_in(TEST_ACCESS_KEY, SECRET).await.expect("sign in");
    // One region first, so the recorded DescribeInstances is the 50-instance page.
    assert_eq!(
        list(&console, &cookie, REGION).await["instances"]
            .as_array()
            .map_or(0, Vec::len),
        50
    );
    list(&console, &cookie, "all").await;
    FaultProxy::replay(recorder.recordings()).await
}

/// The EC2 calls made by DryRun checks so far.
fn dry_runs(replay: &FaultProxy) -> u64 {
    DRY_RUN_APIS.iter().map(|api| replay.count(api)).sum()
}

async fn check(console: &Console, cookie: &str, ids: &[String]) {
    let body = json!({ "region": REGION, "ids": ids }).to_string();
    let (status, _, reply) = console
        .http
        .post_json(InstancePermissions::PATH, cookie, &body)
        .await
        .expect("instance_permissions");
    assert_eq!(
        status,
        200,
        "instance_permissions: {}",
        String::from_utf8_lossy(&reply)
    );
}

/// The all-regions figures.
pub async fn regions() -> Value {
    let rounds = setting("BENCH_ROUNDS", 3);
    let replay = recorded().await;
    let (console, _) = Console::start(&replay.endpoint(), &scratch("regions")).await;
    let cookie = console.sign_in(TEST_ACCESS_KEY, SECRET).await.expect("sign in");
    let first = list(&console, &cookie, "all").await;
    let regions = asked(&first);
    let n = regions.len().max(2);
    // Delays from 20 to 400 ms, spread over the regions in a fixed shuffled order.
    let mut order: Vec<usize> = (0..regions.len()).collect();
    order.sort_by_key(|i| (i * 7919) % n);
    let mut slowest = (String::new(), 0u64);
    for (rank, &i) in order.iter().enumerate() {
        let delay = 20 + (380 * rank as u64) / (n as u64 - 1);
        replay.delay_region(&regions[i], Duration::from_millis(delay));
        if delay > slowest.1 {
            slowest = (regions[i].clone(), delay);
        }
    }
    let wide_concurrency = regions.len().to_string();
    let (wide, _) = Console::start_with(
        &replay.endpoint(),
        &scratch("regions-wide"),
        &[("EC2C_FAN_OUT_CONCURRENCY", &wide_concurrency)],
    )
    .await;
    let wide_cookie = wide.sign_in(TEST_ACCESS_KEY, SECRET).await.expect("sign in");
    let (mut all, mut all_wide, mut one) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..rounds {
        let t = Instant::now();
        let listed = list(&console, &cookie, "all").await;
        all.push(t.elapsed());
        assert_eq!(asked(&listed).len(), regions.len(), "every region answered");
        let t = Instant::now();
        list(&wide, &wide_cookie, "all").await;
        all_wide.push(t.elapsed());
        let t = Instant::now();
        list(&console, &cookie, &slowest.0).await;
        one.push(t.elapsed());
        eprintln!(
            "regions round {}: all {:?} (concurrency {}: {:?}), slowest alone {:?}",
            round + 1,
            all.last().unwrap(),
            wide_concurrency,
            all_wide.last().unwrap(),
            one.last().unwrap()
        );
    }
    replay.clear();
    let ids: Vec<String> = first["instances"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| r["id"].as_str().map(str::to_string))
        .take(20)
        .collect();
    let before = dry_runs(&replay);
    check(&console, &cookie, &ids[..10]).await;
    let ten = dry_runs(&replay) - before;
    check(&console, &cookie, &ids[..20]).await;
    let ten_more = dry_runs(&replay) - before - ten;
    let ratio = |a: Duration, b: Duration| (a.as_secs_f64() / b.as_secs_f64() * 1000.0).round() / 1000.0;
    json!({
        "regions": regions.len(),
        "rounds": rounds,
        "delays_ms": "20 to 400, one per region",
        "slowest_region": slowest.0,
        "all_regions_ms": ms(median(&all)),
        "all_regions_wide_ms": ms(median(&all_wide)),
        "wide_concurrency": regions.len(),
        "slowest_alone_ms": ms(median(&one)),
        "ratio_default_concurrency": ratio(median(&all), median(&one)),
        "ratio_wide_concurrency": ratio(median(&all_wide), median(&one)),
        "dry_run_calls_select_10": ten,
        "dry_run_calls_then_10_more": ten_more,
    })
}
