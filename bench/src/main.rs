//! `make bench`: the console measured side by side with what a user would use instead, under load,
//! and in the browser. Writes `bench/results.json` and `bench/RESULTS.md`; fails when a bundle
//! figure is more than 10% past its goal.
//!
//! `bench [all|listing|load|open|bundle|cold|audit|regions|monitoring|soak]...` runs some parts and keeps the other parts of
//! the last `results.json`; `BENCH_INSTANCES`, `BENCH_ROUNDS`, `BENCH_SESSIONS`, `BENCH_SECS`,
//! `BENCH_RATE`, `BENCH_OPEN_SECS`, `BENCH_AUDIT_ROUNDS` and `BENCH_AUDIT_SECS` shrink a run for a quick look.

mod audit;
mod bundle;
mod listing;
mod load;
mod monitoring;
mod regions;
mod report;
mod soak;
mod stats;

use serde_json::json;
use std::path::PathBuf;
use std::process::{Command, ExitCode};
use testkit::Console;
use testkit::{FaultProxy, MotoServer, TEST_ACCESS_KEY};

pub(crate) const SECRET: &str = "test-secret";
pub(crate) const REGION: &str = "us-east-1";

pub(crate) fn setting(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

pub(crate) fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

pub(crate) fn scratch(name: &str) -> PathBuf {
    let dir = root().join(".run/bench").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

/// Launches `count` t3.nano instances in batches of 500.
pub(crate) async fn seed(moto: &MotoServer, count: usize) {
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

/// Signs `sessions` separate sessions in with the test keys; returns their cookies.
pub(crate) async fn sign_in_all(console: &Console, sessions: usize) -> Vec<String> {
    let mut cookies = Vec::new();
    for _ in 0..sessions {
        cookies.push(console.sign_in(TEST_ACCESS_KEY, SECRET).await.expect("sign in"));
    }
    cookies
}

#[tokio::main]
async fn main() -> ExitCode {
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
        results["listing"] = listing::listing().await;
        eprintln!("listing: {}", results["listing"]);
    }
    if wants("load") || wants("open") || wants("cold") || wants("bundle") {
        let recorded = load::recordings(50).await;
        let replay = FaultProxy::replay(recorded).await;
        if wants("cold") {
            results["cold_start"] = soak::cold_start(&replay.endpoint()).await;
            eprintln!("cold start: {}", results["cold_start"]);
        }
        if wants("bundle") || wants("load") || wants("open") {
            let (console, _) = Console::start(&replay.endpoint(), &scratch("load")).await;
            if wants("load") {
                let secs = setting("BENCH_SECS", 60) as u64;
                results["load"] = load::load(&console, secs).await;
                eprintln!("load: {}", results["load"]);
                // The same loop, half as long, with every AWS call on a new connection: what the
                // replay measured before it kept connections open as AWS does.
                replay.keep_alive(false);
                results["load_new_connections"] = load::load(&console, secs.div_ceil(2)).await;
                replay.keep_alive(true);
                eprintln!("load, new connections: {}", results["load_new_connections"]);
            }
            if wants("open") {
                results["open_loop"] = load::open_loop(&console).await;
                eprintln!("open loop: {}", results["open_loop"]);
            }
            // After the load runs, so their idle RSS is read before anything has used the console.
            if wants("bundle") {
                let mut bundle = bundle::bundle();
                // tti.mjs also names each page's files and bytes on the wire: kept under `bundle`.
                let mut tti = bundle::time_to_interactive(&console);
                let walk = tti.as_object_mut().expect("tti JSON object");
                let pages = walk.remove("pages").unwrap_or_default();
                bundle["wire_bytes"] = walk.remove("wire_bytes").unwrap_or_default();
                bundle["pages"] = bundle::page_downloads(&bundle, &pages);
                results["tti"] = tti;
                eprintln!("tti: {}", results["tti"]);
                results["bundle"] = bundle;
                eprintln!("bundle: {}", results["bundle"]);
            }
        }
    }
    if wants("audit") {
        results["audit"] = audit::audit().await;
        eprintln!("audit: {}", results["audit"]);
    }
    if wants("regions") {
        results["regions"] = regions::regions().await;
        eprintln!("regions: {}", results["regions"]);
    }
    if wants("monitoring") {
        results["monitoring"] = monitoring::monitoring().await;
        eprintln!("monitoring: {}", results["monitoring"]);
    }
    if wants("soak") {
        results["soak"] = soak::soak().await;
        eprintln!("soak: {}", results["soak"]);
    }
    let dir = root().join("bench");
    std::fs::write(
        dir.join("results.json"),
        serde_json::to_string_pretty(&results).unwrap() + "\n",
    )
    .expect("write results.json");
    std::fs::write(dir.join("RESULTS.md"), report::report(&results)).expect("write RESULTS.md");
    println!("{}", report::report(&results));
    let breaches = bundle::breaches(&results["bundle"]);
    for breach in &breaches {
        eprintln!("bundle goal missed by more than 10%: {breach}");
    }
    if breaches.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
