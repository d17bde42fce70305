//! The cost of auditing: a stop action's time through the console and, from the same run's
//! /metrics, the audit append inside it (so the action's time with and without the write), and
//! audit appends per second on SQLite and on a PostgreSQL server.

use crate::load::metric_sum;
use crate::{scratch, setting, REGION, SECRET};
use app::audit::ssr::AuditLog;
use app::audit::AuditRecord;
use app::db::Db;
use leptos::server_fn::ServerFn;
use serde_json::{json, Value};
use std::time::{Duration, Instant};
use testkit::Console;
use testkit::{MotoServer, PostgresServer, TEST_ACCESS_KEY};

/// Stops and starts instances through the console, timing each stop; reads the appends' time.
async fn stop_cost() -> Value {
    let moto = MotoServer::start();
    crate::seed(&moto, 8).await;
    let ec2 = moto.ec2(REGION).await;
    let out = ec2.describe_instances().send().await.expect("describe");
    let ids: Vec<String> = out
        .reservations()
        .iter()
        .flat_map(|r| r.instances())
        .filter_map(|i| i.instance_id().map(str::to_string))
        .collect();
    let (console, _) = Console::start(&moto.endpoint(), &scratch("audit")).await;
    let cookie = console.sign_in(TEST_ACCESS_KEY, SECRET).await.expect("sign in");
    let action = |name: &str, id: &str| json!({ "region": REGION, "action": name, "ids": [id] }).to_string();
    let before = console.metrics().await;
    let mut stops = Vec::new();
    for round in 0..setting("BENCH_AUDIT_ROUNDS", 40) {
        let id = &ids[round % ids.len()];
        let started = Instant::now();
        let (status, _, body) = console
            .http
            .post_json(app::instances::InstanceAction::PATH, &cookie, &action("Stop", id))
            .await
            .expect("stop");
        stops.push(started.elapsed().as_secs_f64());
        assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
        console
            .http
            .post_json(
                app::instances::InstanceAction::PATH,
                &cookie,
                &action("Start", id),
            )
            .await
            .expect("start");
    }
    let after = console.metrics().await;
    let appends =
        metric_sum(&after, "audit_append_seconds_count") - metric_sum(&before, "audit_append_seconds_count");
    let append_secs = (metric_sum(&after, "audit_append_seconds_sum")
        - metric_sum(&before, "audit_append_seconds_sum"))
        / appends.max(1.0);
    let stop = stops.iter().sum::<f64>() / stops.len().max(1) as f64;
    json!({
        "stops": stops.len(),
        "stop_ms": round(stop * 1000.0, 2),
        "append_ms": round(append_secs * 1000.0, 3),
        "stop_without_audit_ms": round((stop - append_secs) * 1000.0, 2),
        "ratio": round(stop / (stop - append_secs), 3),
        "goal_ratio": 1.05,
    })
}

fn round(value: f64, places: i32) -> f64 {
    let scale = 10f64.powi(places);
    (value * scale).round() / scale
}

/// Appends from `writers` tasks for `secs`; returns appends per second.
async fn appends_per_sec(log: &AuditLog, writers: usize, secs: u64) -> f64 {
    let deadline = Instant::now() + Duration::from_secs(secs);
    let started = Instant::now();
    let tasks = (0..writers).map(|_| {
        let log = log.clone();
        tokio::spawn(async move {
            let mut n = 0u64;
            while Instant::now() < deadline {
                log.append(AuditRecord {
                    account: "123456789012".into(),
                    event: "StopInstances".into(),
                    resources: vec!["i-0123456789abcdef0".into()],
                    outcome: "ok".into(),
                    ..AuditRecord::default()
                })
                .await
                .expect("append");
                n += 1;
            }
            n
        })
    });
    let mut total = 0;
    for task in tasks {
        total += task.await.expect("writer");
    }
    total as f64 / started.elapsed().as_secs_f64()
}

/// The whole audit benchmark.
pub async fn audit() -> Value {
    let cost = stop_cost().await;
    let secs = setting("BENCH_AUDIT_SECS", 3) as u64;
    let dir = scratch("audit-sqlite");
    let url = format!("sqlite://{}?mode=rwc", dir.join("audit.sqlite3").display());
    let sqlite = AuditLog::open(Db::open(&url).await.expect("sqlite"), true)
        .await
        .expect("sqlite audit log");
    let pg = PostgresServer::start();
    let postgres = AuditLog::open(Db::open(&pg.url()).await.expect("postgres"), true)
        .await
        .expect("postgres audit log");
    let mut rates = json!({});
    for (name, log) in [("sqlite", &sqlite), ("postgres", &postgres)] {
        rates[name] = json!({
            "one_writer": appends_per_sec(log, 1, secs).await.round(),
            "eight_writers": appends_per_sec(log, 8, secs).await.round(),
        });
        let report = log.verify().await.expect("verify");
        assert_eq!(report.broken, None, "{name}: the chain must hold after the run");
    }
    json!({ "stop_action": cost, "appends_per_sec": rates })
}
