//! `make bench`: the console measured side by side with what a user would use instead, under load,
//! and in the browser. Writes `bench/results.json` and `bench/RESULTS.md`.
//!
//! `bench [all|listing|load|bundle|cold|soak]...` runs some parts and keeps the other parts of the
//! last `results.json`; `BENCH_INSTANCES`, `BENCH_ROUNDS`, `BENCH_SESSIONS` and `BENCH_SECS` shrink
//! a run for a quick look.

mod console;
mod stats;

use app::addresses::{AllocateAddress, ReleaseAddress};
use app::dashboard::DashboardCount;
use app::instances::ListInstances;
use app::volumes::ListVolumes;
use console::Console;
use leptos::server_fn::ServerFn;
use serde_json::{json, Value};
use stats::{median, ms, quantile};
use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use testkit::{FaultProxy, MotoServer, TEST_ACCESS_KEY};

const SECRET: &str = "test-secret";
const REGION: &str = "us-east-1";

fn setting(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn scratch(name: &str) -> PathBuf {
    let dir = root().join(".run/bench").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

/// Launches `count` t3.nano instances in batches of 500.
async fn seed(moto: &MotoServer, count: usize) {
    let ec2 = moto.ec2(REGION).await;
    let ami = testkit::any_ami(&ec2).await;
    let mut left = count;
    let mut batch = 0;
    while left > 0 {
        let n = left.min(500);
        testkit::launch(&ec2, &ami, &format!("bench-{batch:02}"), "t3.nano", n as i32).await;
        left -= n;
        batch += 1;
    }
}

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
    let list: Value = serde_json::from_slice(&body).expect("instance list JSON");
    list["instances"].as_array().map_or(0, Vec::len)
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

/// 1 and 2: the full listing of a big estate through the console, the raw SDK and the AWS CLI.
async fn listing() -> Value {
    let count = setting("BENCH_INSTANCES", 5000);
    let rounds = setting("BENCH_ROUNDS", 3);
    let moto = MotoServer::start();
    let seeding = Instant::now();
    seed(&moto, count).await;
    eprintln!("listing: seeded {count} instances in {:?}", seeding.elapsed());
    let (console, _) = Console::start(&moto.endpoint(), &scratch("listing")).await;
    let cookie = console.sign_in(TEST_ACCESS_KEY, SECRET).await.expect("sign in");
    let ec2 = moto.ec2(REGION).await;
    let (mut sdk, mut ours, mut cli) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..rounds {
        let t = Instant::now();
        assert_eq!(sdk_listing(&ec2).await, count);
        sdk.push(t.elapsed());
        let t = Instant::now();
        assert_eq!(console_listing(&console, &cookie).await, count);
        ours.push(t.elapsed());
        let t = Instant::now();
        if let Some(n) = cli_listing(&moto.endpoint()) {
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
        "sdk_paginator_ms": ms(s),
        "console_ms": ms(c),
        "overhead_ratio": (c.as_secs_f64() / s.as_secs_f64() * 1000.0).round() / 1000.0,
        "aws_cli_v1_ms": (!cli.is_empty()).then(|| ms(median(&cli))),
        "aws_cli_to_console_ratio": (!cli.is_empty())
            .then(|| (median(&cli).as_secs_f64() / c.as_secs_f64() * 1000.0).round() / 1000.0),
    })
}

/// Records what the pages ask of EC2 and STS from a seeded moto, for a replay that answers at once.
async fn recordings(instances: usize) -> std::collections::HashMap<String, (Vec<u8>, Vec<u8>)> {
    let moto = MotoServer::start();
    seed(&moto, instances).await;
    let proxy = FaultProxy::start(&moto.endpoint()).await;
    proxy.record(true);
    let (console, _) = Console::start(&proxy.endpoint(), &scratch("record")).await;
    let cookie = console.sign_in(TEST_ACCESS_KEY, SECRET).await.expect("sign in");
    for path in ["/instances?region=us-east-1", "/?region=us-east-1"] {
        let (status, _, _) = console.http.send("GET", path, Some(&cookie), None).await.unwrap();
        assert_eq!(status, 200, "{path}");
    }
    proxy.recordings()
}

/// Failed requests of a run: how many, and the first one in words.
#[derive(Clone, Default)]
struct Failures(Arc<(AtomicU64, Mutex<Option<String>>)>);

impl Failures {
    /// Counts a failure; keeps `what` if it is the first.
    fn record(&self, what: impl FnOnce() -> String) {
        self.0 .0.fetch_add(1, Ordering::Relaxed);
        self.0 .1.lock().unwrap().get_or_insert_with(what);
    }

    fn count(&self) -> u64 {
        self.0 .0.load(Ordering::Relaxed)
    }

    fn first(&self) -> Option<String> {
        self.0 .1.lock().unwrap().clone()
    }
}

/// A failed answer in words: what was asked, then the status and the start of the body, or the
/// transport error.
fn describe(what: &str, result: &Result<(u16, http::HeaderMap, hyper::body::Bytes), String>) -> String {
    match result {
        Ok((status, _, body)) => {
            let start: String = String::from_utf8_lossy(body).chars().take(300).collect();
            format!("{what}: {status} {start}")
        }
        Err(e) => format!("{what}: {e}"),
    }
}

/// Signs `sessions` separate sessions in with the test keys; returns their cookies.
async fn sign_in_all(console: &Console, sessions: usize) -> Vec<String> {
    let mut cookies = Vec::new();
    for _ in 0..sessions {
        cookies.push(console.sign_in(TEST_ACCESS_KEY, SECRET).await.expect("sign in"));
    }
    cookies
}

/// 3: server-rendered Instances page and dashboard for many signed-in sessions at once.
async fn load(console: &Console) -> Value {
    let sessions = setting("BENCH_SESSIONS", 200);
    let secs = setting("BENCH_SECS", 60) as u64;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let rss_idle = console.rss_kib();
    let cookies = sign_in_all(console, sessions).await;
    for c in &cookies {
        console
            .http
            .send("GET", "/instances?region=us-east-1", Some(c), None)
            .await
            .unwrap();
    }
    let rss_sessions = console.rss_kib();
    let latencies = Arc::new(Mutex::new(Vec::new()));
    let failures = Failures::default();
    let deadline = Instant::now() + Duration::from_secs(secs);
    let started = Instant::now();
    let mut tasks = Vec::new();
    for (n, cookie) in cookies.into_iter().enumerate() {
        let http = console.http.clone();
        let (latencies, failures) = (latencies.clone(), failures.clone());
        tasks.push(tokio::spawn(async move {
            let mut mine = Vec::new();
            let mut i = n;
            while Instant::now() < deadline {
                let (path, marker) = if i % 2 == 0 {
                    ("/instances?region=us-east-1", "instances in us-east-1")
                } else {
                    ("/?region=us-east-1", "Dashboard")
                };
                i += 1;
                let t = Instant::now();
                let result = http.send("GET", path, Some(&cookie), None).await;
                mine.push(t.elapsed());
                let ok =
                    matches!(&result, Ok((200, _, body)) if String::from_utf8_lossy(body).contains(marker));
                if !ok {
                    failures.record(|| describe(path, &result));
                }
            }
            latencies.lock().unwrap().extend(mine);
        }));
    }
    let mut rss_peak = rss_sessions;
    while tasks.iter().any(|t| !t.is_finished()) {
        rss_peak = rss_peak.max(console.rss_kib());
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    let elapsed = started.elapsed();
    let latencies = latencies.lock().unwrap().clone();
    let requests = latencies.len();
    json!({
        "sessions": sessions,
        "seconds": secs,
        "requests": requests,
        "requests_per_s": (requests as f64 / elapsed.as_secs_f64()).round(),
        "p50_ms": ms(quantile(&latencies, 0.5)),
        "p99_ms": ms(quantile(&latencies, 0.99)),
        "errors": failures.count(),
        "first_error": failures.first(),
        "rss_idle_kib": rss_idle,
        "rss_with_sessions_kib": rss_sessions,
        "rss_per_session_kib": ((rss_sessions.saturating_sub(rss_idle)) as f64 / sessions as f64 * 10.0).round() / 10.0,
        "rss_peak_under_load_kib": rss_peak,
    })
}

/// 4a: the WASM, JS and CSS the build wrote (the main module and one chunk per lazy page and
/// shared code), raw and as their gzip -9 copies; the WASM + JS totals are the whole app.
fn bundle() -> Value {
    let pkg = root().join("target/site/pkg");
    let mut files = Vec::new();
    let (mut raw_total, mut gz_total) = (0u64, 0u64);
    let mut entries: Vec<_> = std::fs::read_dir(&pkg)
        .unwrap_or_else(|e| panic!("{} ({e}): run `build_site` (scripts/env.sh)", pkg.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("wasm" | "js" | "css")
            )
        })
        .collect();
    entries.sort();
    let size = |path: &std::path::Path| {
        std::fs::metadata(path)
            .map(|m| m.len())
            .unwrap_or_else(|e| panic!("{} ({e}): run `build_site` (scripts/env.sh)", path.display()))
    };
    for path in entries {
        let raw = size(&path);
        // The gzip -9 copy build_site wrote beside the file: what the server sends.
        let mut gz_path = path.clone().into_os_string();
        gz_path.push(".gz");
        let gz = size(std::path::Path::new(&gz_path));
        if path.extension().is_some_and(|e| e != "css") {
            raw_total += raw;
            gz_total += gz;
        }
        files.push(json!({ "file": path.file_name().unwrap().to_string_lossy(), "raw_bytes": raw, "gzip9_bytes": gz }));
    }
    json!({ "files": files, "wasm_js_raw_bytes": raw_total, "wasm_js_gzip9_bytes": gz_total, "goal_gzip9_bytes": 250 * 1024 })
}

/// 4a: what a first visit to each page downloads (from [`time_to_interactive`]'s `pages`: the
/// WASM and JS files each page fetched), summed from the sizes in [`bundle`]'s table.
fn page_downloads(bundle: &Value, pages: &Value) -> Value {
    let size = |file: &str, key: &str| {
        bundle["files"]
            .as_array()
            .and_then(|files| files.iter().find(|f| f["file"] == file))
            .and_then(|f| f[key].as_u64())
            .unwrap_or_else(|| panic!("{file} was downloaded but is not in target/site/pkg"))
    };
    let mut out = serde_json::Map::new();
    for (page, files) in pages.as_object().into_iter().flatten() {
        let files: Vec<&str> = files
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        out.insert(
            page.clone(),
            json!({
                "files": files,
                "raw_bytes": files.iter().map(|f| size(f, "raw_bytes")).sum::<u64>(),
                "gzip9_bytes": files.iter().map(|f| size(f, "gzip9_bytes")).sum::<u64>(),
            }),
        );
    }
    Value::Object(out)
}

/// The page whose first visit downloads the most, and its gzip -9 bytes.
fn largest_page(pages: &Value) -> Option<(String, u64)> {
    pages
        .as_object()?
        .iter()
        .filter_map(|(page, v)| Some((page.clone(), v["gzip9_bytes"].as_u64()?)))
        .max_by_key(|(_, bytes)| *bytes)
}

/// 4b: time to interactive (hydrated) of the Instances page in headless Chromium, and the files
/// each page downloads on a first visit.
fn time_to_interactive(console: &Console) -> Value {
    let out = Command::new("node")
        .arg(root().join("bench/tti.mjs"))
        .arg(format!("http://127.0.0.1:{}", console.port))
        .arg(TEST_ACCESS_KEY)
        .arg(SECRET)
        .output()
        .expect("run node bench/tti.mjs");
    assert!(
        out.status.success(),
        "tti: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("tti JSON")
}

/// 5: process start to the first 200 on /healthz, five times.
async fn cold_start(endpoint: &str) -> Value {
    let mut times = Vec::new();
    for n in 0..5 {
        let (console, elapsed) = Console::start(endpoint, &scratch(&format!("cold-{n}"))).await;
        drop(console);
        times.push(elapsed);
    }
    json!({ "runs_ms": times.iter().map(|t| ms(*t)).collect::<Vec<_>>(), "median_ms": ms(median(&times)) })
}

/// The soak: many sessions reading and acting against moto for a minute; errors and memory.
async fn soak() -> Value {
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

fn report(results: &Value) -> String {
    let get = |path: &[&str]| path.iter().fold(results, |v, k| &v[*k]).clone();
    let num = |path: &[&str]| get(path).as_f64().map_or("–".to_string(), |n| format!("{n}"));
    let mut rows = vec![
        "| Figure | Measured | Goal |".to_string(),
        "|---|---|---|".to_string(),
    ];
    if !get(&["listing"]).is_null() {
        rows.push(format!(
            "| Listing {} instances: console / raw SDK paginator | {} ({} ms / {} ms) | ≤ 1.10 |",
            num(&["listing", "instances"]),
            num(&["listing", "overhead_ratio"]),
            num(&["listing", "console_ms"]),
            num(&["listing", "sdk_paginator_ms"])
        ));
        rows.push(format!(
            "| Same listing: AWS CLI v1 / console | {} ({} ms) | report |",
            num(&["listing", "aws_cli_to_console_ratio"]),
            num(&["listing", "aws_cli_v1_ms"])
        ));
    }
    if !get(&["load"]).is_null() {
        rows.push(format!(
            "| SSR, {} sessions × {} s (Instances + dashboard, replayed EC2) | {} req/s, p50 {} ms, p99 {} ms | — |",
            num(&["load", "sessions"]),
            num(&["load", "seconds"]),
            num(&["load", "requests_per_s"]),
            num(&["load", "p50_ms"]),
            num(&["load", "p99_ms"])
        ));
        rows.push(format!("| SSR errors | {} | 0 |", num(&["load", "errors"])));
        rows.push(format!(
            "| Server RSS idle / per extra session / peak under load | {} KiB / {} KiB / {} KiB | — |",
            num(&["load", "rss_idle_kib"]),
            num(&["load", "rss_per_session_kib"]),
            num(&["load", "rss_peak_under_load_kib"])
        ));
    }
    if !get(&["bundle"]).is_null() {
        rows.push(format!(
            "| WASM + JS, whole app, gzip -9 (raw) | {} B ({} B) | ≤ 256000 B gzip |",
            num(&["bundle", "wasm_js_gzip9_bytes"]),
            num(&["bundle", "wasm_js_raw_bytes"])
        ));
        if let Some((page, bytes)) = largest_page(&get(&["bundle", "pages"])) {
            rows.push(format!(
                "| WASM + JS downloaded by a first visit: Instances page / largest ({page}), gzip -9 | {} B / {bytes} B | — |",
                num(&["bundle", "pages", "/instances", "gzip9_bytes"]),
            ));
            rows.push(format!(
                "| Same, bytes on the wire (the server sends the build's gzip copies): Instances page | {} B | — |",
                num(&["bundle", "wire_bytes", "/instances"]),
            ));
        }
    }
    if !get(&["tti"]).is_null() {
        rows.push(format!(
            "| Time to interactive, Instances page (median) | {} ms | — |",
            num(&["tti", "median_ms"])
        ));
    }
    if !get(&["cold_start"]).is_null() {
        rows.push(format!(
            "| Cold start to first 200 on /healthz (median of 5) | {} ms | — |",
            num(&["cold_start", "median_ms"])
        ));
    }
    if !get(&["soak"]).is_null() {
        rows.push(format!(
            "| Soak, {} sessions × {} s against moto: operations / errors | {} / {} | errors 0 |",
            num(&["soak", "sessions"]),
            num(&["soak", "seconds"]),
            num(&["soak", "operations"]),
            num(&["soak", "errors"])
        ));
        rows.push(format!(
            "| Soak RSS growth (after sign-in → end) | {} KiB | ≤ {} KiB |",
            num(&["soak", "rss_growth_kib"]),
            num(&["soak", "growth_bound_kib"])
        ));
    }
    format!(
        "# Benchmark results\n\nWritten by `make bench` on {} ({} cores); raw figures in `results.json`.\n\n{}\n",
        results["machine"]["date"].as_str().unwrap_or("?"),
        results["machine"]["cores"],
        rows.join("\n")
    )
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let wants = |name: &str| args.is_empty() || args.iter().any(|a| a == name || a == "all");
    let date = Command::new("date")
        .arg("-u")
        .arg("+%Y-%m-%d %H:%M UTC")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    let commit = Command::new("git")
        .args(["rev-parse", "--short", "HEAD"])
        .current_dir(root())
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    // A run of some parts updates those parts of the last results and keeps the others.
    let mut results = if args.is_empty() {
        json!({})
    } else {
        std::fs::read_to_string(root().join("bench/results.json"))
            .ok()
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_else(|| json!({}))
    };
    results["machine"] = json!({ "date": date, "commit": commit, "cores": std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0) });
    if wants("listing") {
        results["listing"] = listing().await;
        eprintln!("listing: {}", results["listing"]);
    }
    if wants("load") || wants("cold") || wants("bundle") {
        let recorded = recordings(50).await;
        let replay = FaultProxy::replay(recorded).await;
        if wants("cold") {
            results["cold_start"] = cold_start(&replay.endpoint()).await;
            eprintln!("cold start: {}", results["cold_start"]);
        }
        if wants("bundle") || wants("load") {
            let (console, _) = Console::start(&replay.endpoint(), &scratch("load")).await;
            if wants("bundle") {
                let mut bundle = bundle();
                // tti.mjs also names each page's files and bytes on the wire: kept under `bundle`.
                let mut tti = time_to_interactive(&console);
                let walk = tti.as_object_mut().expect("tti JSON object");
                let pages = walk.remove("pages").unwrap_or_default();
                bundle["wire_bytes"] = walk.remove("wire_bytes").unwrap_or_default();
                bundle["pages"] = page_downloads(&bundle, &pages);
                results["tti"] = tti;
                eprintln!("tti: {}", results["tti"]);
                results["bundle"] = bundle;
                eprintln!("bundle: {}", results["bundle"]);
            }
            if wants("load") {
                results["load"] = load(&console).await;
                eprintln!("load: {}", results["load"]);
            }
        }
    }
    if wants("soak") {
        results["soak"] = soak().await;
        eprintln!("soak: {}", results["soak"]);
    }
    let dir = root().join("bench");
    std::fs::write(
        dir.join("results.json"),
        serde_json::to_string_pretty(&results).unwrap() + "\n",
    )
    .expect("write results.json");
    std::fs::write(dir.join("RESULTS.md"), report(&results)).expect("write RESULTS.md");
    println!("{}", report(&results));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failures_keep_the_count_and_the_first_in_words() {
        let failures = Failures::default();
        assert_eq!((failures.count(), failures.first()), (0, None));
        let body = hyper::body::Bytes::from("x".repeat(400));
        failures.record(|| describe("/a", &Ok((503, http::HeaderMap::new(), body))));
        failures.clone().record(|| describe("/b", &Err("refused".into())));
        assert_eq!(failures.count(), 2);
        assert_eq!(failures.first(), Some(format!("/a: 503 {}", "x".repeat(300))));
        assert_eq!(describe("/b", &Err("refused".into())), "/b: refused");
    }

    #[test]
    fn page_downloads_sum_the_files_each_page_fetched() {
        let bundle = json!({ "files": [
            { "file": "main.wasm", "raw_bytes": 100, "gzip9_bytes": 40 },
            { "file": "main.js", "raw_bytes": 10, "gzip9_bytes": 4 },
            { "file": "chunk_a.wasm", "raw_bytes": 30, "gzip9_bytes": 12 },
        ]});
        let pages = json!({ "/a": ["main.js", "main.wasm", "chunk_a.wasm"], "/b": ["main.js", "main.wasm"] });
        let out = page_downloads(&bundle, &pages);
        assert_eq!(out["/a"]["gzip9_bytes"], 56);
        assert_eq!(out["/a"]["raw_bytes"], 140);
        assert_eq!(out["/b"]["gzip9_bytes"], 44);
        assert_eq!(largest_page(&out), Some(("/a".to_string(), 56)));
    }

    #[test]
    fn the_report_shows_each_measured_figure_with_its_goal() {
        let results = json!({
            "machine": { "date": "2026-11-27", "cores": 2 },
            "listing": { "instances": 5000, "overhead_ratio": 1.04, "console_ms": 104.0, "sdk_paginator_ms": 100.0,
                         "aws_cli_to_console_ratio": 2.5, "aws_cli_v1_ms": 260.0 },
            "bundle": { "wasm_js_gzip9_bytes": 1000, "wasm_js_raw_bytes": 3000,
                        "pages": { "/instances": { "gzip9_bytes": 500 }, "/launch": { "gzip9_bytes": 700 } } },
        });
        let text = report(&results);
        assert!(
            text.contains(
                "| Listing 5000 instances: console / raw SDK paginator | 1.04 (104 ms / 100 ms) | ≤ 1.10 |"
            ),
            "{text}"
        );
        assert!(text.contains("| Same listing: AWS CLI v1 / console | 2.5 (260 ms) | report |"));
        assert!(text.contains("1000 B (3000 B)"));
        assert!(text.contains("| WASM + JS downloaded by a first visit: Instances page / largest (/launch), gzip -9 | 500 B / 700 B |"), "{text}");
        assert!(!text.contains("Soak"), "figures not measured are left out");
    }
}
