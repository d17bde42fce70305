//! 5 and the soak: process start to the first 200, and many sessions reading and acting against moto
//! for a minute (errors, memory, addresses left behind).

use crate::load::{describe, Failures};
use crate::stats::{median, ms};
use crate::{scratch, seed, setting, sign_in_all, REGION};
use app::addresses::{AllocateAddress, ReleaseAddress};
use app::dashboard::DashboardCount;
use app::volumes::ListVolumes;
use leptos::server_fn::ServerFn;
use serde_json::{json, Value};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use testkit::Console;
use testkit::MotoServer;

/// 5: process start to the first 200 on /healthz, five times.
pub async fn cold_start(endpoint: &str) -> Value {
    let mut times = Vec::new();
    for n in 0..5 {
        let (console, elapsed) = Console::start(endpoint, &scratch(&format!("cold-{n}"))).await;
        drop(console);
        times.push(elapsed);
    }
    json!({ "runs_ms": times.iter().map(|t| ms(*t)).collect::<Vec<_>>(), "median_ms": ms(median(&times)) })
}

/// The soak: many sessions reading and acting against moto for a minute; errors and memory.
pub async fn soak() -> Value {
    let sessions = setting("BENCH_SESSIONS", 200);
    let secs = setting("BENCH_SECS", 60) as u64;
    let moto = MotoServer::start();
    seed(&moto, 20).await;
    let (console, _) = Console::start(&moto.endpoint(), &scratch("soak")).await;
    let cookies = sign_in_all(&console, sessions).await;
    let rss_start = console.rss_kib();
    let ops = Arc::new(AtomicU64::new(0));
    let failures = Failures::default();
    let deadline = Instant::now() + Duration::from_secs(secs);
    let mut tasks = Vec::new();
    for (n, cookie) in cookies.into_iter().enumerate() {
        let http = console.http.clone();
        let (ops, failures) = (ops.clone(), failures.clone());
        tasks.push(tokio::spawn(async move {
            let mut i = n;
            while Instant::now() < deadline {
                let form = format!("region={REGION}");
                let result = match i % 4 {
                    0 => {
                        http.send("GET", "/instances?region=us-east-1", Some(&cookie), None)
                            .await
                    }
                    1 => {
                        let f = format!("{form}&kind=RunningInstances");
                        http.send("POST", DashboardCount::PATH, Some(&cookie), Some(&f))
                            .await
                    }
                    2 => {
                        http.send("POST", ListVolumes::PATH, Some(&cookie), Some(&form))
                            .await
                    }
                    _ => match http
                        .send("POST", AllocateAddress::PATH, Some(&cookie), Some(&form))
                        .await
                    {
                        Ok((200, _, body)) => {
                            let id = serde_json::from_slice::<Value>(&body)
                                .ok()
                                .and_then(|v| v["allocation_id"].as_str().map(str::to_string))
                                .unwrap_or_default();
                            ops.fetch_add(1, Ordering::Relaxed);
                            let f = format!("{form}&allocation_id={id}");
                            http.send("POST", ReleaseAddress::PATH, Some(&cookie), Some(&f))
                                .await
                        }
                        other => other,
                    },
                };
                ops.fetch_add(1, Ordering::Relaxed);
                if !matches!(result, Ok((200, _, _))) {
                    failures.record(|| describe(&format!("op {}", i % 4), &result));
                }
                i += 1;
                tokio::time::sleep(Duration::from_millis(250)).await;
            }
        }));
    }
    let mut samples = Vec::new();
    while tasks.iter().any(|t| !t.is_finished()) {
        samples.push(console.rss_kib());
        tokio::time::sleep(Duration::from_secs(5)).await;
    }
    let rss_end = console.rss_kib();
    let leftover = moto
        .ec2(REGION)
        .await
        .describe_addresses()
        .send()
        .await
        .map(|a| a.addresses().len())
        .unwrap_or(usize::MAX);
    json!({
        "sessions": sessions,
        "seconds": secs,
        "operations": ops.load(Ordering::Relaxed),
        "errors": failures.count(),
        "first_error": failures.first(),
        "addresses_left_allocated": leftover,
        "rss_after_sign_in_kib": rss_start,
        "rss_samples_kib": samples,
        "rss_end_kib": rss_end,
        "rss_growth_kib": rss_end as i64 - rss_start as i64,
        "growth_bound_kib": 64 * 1024,
    })
}
