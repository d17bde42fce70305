//! 3: the server-rendered Instances page (50 instances) and dashboard under load, against a replay
//! of moto's recorded answers that answers at once and keeps connections open (as AWS does): a
//! closed loop of many sessions and an open loop at a fixed arrival rate; the server's CPU per
//! page (from /proc) and the share of request time spent waiting on AWS (from its /metrics).

use crate::stats::{ms, quantile};
use crate::{scratch, seed, setting, sign_in_all, SECRET};
use serde_json::{json, Value};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use testkit::Console;
use testkit::{FaultProxy, MotoServer, TEST_ACCESS_KEY};

/// The pages the load asks for, and a text each must contain.
const PAGES: [(&str, &str); 2] = [
    ("/instances?region=us-east-1", "instances in us-east-1"),
    ("/?region=us-east-1", "Dashboard"),
];

/// Records what the pages ask of EC2 and STS from a seeded moto, for a replay that answers at once.
pub async fn recordings(instances: usize) -> std::collections::HashMap<String, (Vec<u8>, Vec<u8>)> {
    let moto = MotoServer::start();
    seed(&moto, instances).await;
    let proxy = FaultProxy::start(&moto.endpoint()).await;
    proxy.record(true);
    let (console, _) = Console::start(&proxy.endpoint(), &scratch("record")).await;
    let cookie = console.sign_in(TEST_ACCESS_KEY, SECRET).await.expect("sign in");
    for (path, _) in PAGES {
        let (status, _, _) = console.http.send("GET", path, Some(&cookie), None).await.unwrap();
        assert_eq!(status, 200, "{path}");
    }
    proxy.recordings()
}

/// Failed requests of a run: how many, and the first one in words.
#[derive(Clone, Default)]
pub struct Failures(Arc<(AtomicU64, Mutex<Option<String>>)>);

impl Failures {
    /// Counts a failure; keeps `what` if it is the first.
    pub fn record(&self, what: impl FnOnce() -> String) {
        self.0 .0.fetch_add(1, Ordering::Relaxed);
        self.0 .1.lock().unwrap().get_or_insert_with(what);
    }

    pub fn count(&self) -> u64 {
        self.0 .0.load(Ordering::Relaxed)
    }

    pub fn first(&self) -> Option<String> {
        self.0 .1.lock().unwrap().clone()
    }
}

/// A failed answer in words: what was asked, then the status and the start of the body, or the
/// transport error.
pub fn describe(what: &str, result: &Result<(u16, http::HeaderMap, hyper::body::Bytes), String>) -> String {
    match result {
        Ok((status, _, body)) => {
            let start: String = String::from_utf8_lossy(body).chars().take(300).collect();
            format!("{what}: {status} {start}")
        }
        Err(e) => format!("{what}: {e}"),
    }
}

/// The sum of every series of the metric `name` (`name` or `name{…}` lines) in a /metrics text.
pub fn metric_sum(text: &str, name: &str) -> f64 {
    text.lines()
        .filter(|l| {
            l.strip_prefix(name)
                .is_some_and(|rest| rest.starts_with('{') || rest.starts_with(' '))
        })
        .filter_map(|l| l.rsplit(' ').next()?.parse::<f64>().ok())
        .sum()
}

/// The server's CPU time and its request and AWS-call time totals at one moment.
pub struct Snapshot {
    cpu_secs: f64,
    http_secs: f64,
    aws_secs: f64,
}

/// What a run cost the server.
pub struct Spent {
    /// CPU milliseconds per request.
    pub cpu_ms_per_page: f64,
    /// Of the time spent answering, the share spent waiting on AWS.
    pub aws_wait_share: f64,
}

impl Snapshot {
    /// Reads /proc and /metrics of the running console.
    pub async fn take(console: &Console) -> Self {
        let text = console.metrics().await;
        Self {
            cpu_secs: console.cpu_secs(),
            http_secs: metric_sum(&text, "http_request_duration_seconds_sum"),
            aws_secs: metric_sum(&text, "aws_call_duration_seconds_sum"),
        }
    }

    /// The cost of the `requests` answered between `before` and this snapshot.
    pub fn since(&self, before: &Snapshot, requests: usize) -> Spent {
        let http = self.http_secs - before.http_secs;
        Spent {
            cpu_ms_per_page: ((self.cpu_secs - before.cpu_secs) * 1000.0 / requests.max(1) as f64 * 1000.0)
                .round()
                / 1000.0,
            aws_wait_share: if http > 0.0 {
                ((self.aws_secs - before.aws_secs) / http * 1000.0).round() / 1000.0
            } else {
                0.0
            },
        }
    }
}

/// 3: server-rendered Instances page and dashboard for many signed-in sessions at once, each
/// asking again as soon as it has its answer (a closed loop), for `secs` seconds.
pub async fn load(console: &Console, secs: u64) -> Value {
    let sessions = setting("BENCH_SESSIONS", 200);
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
    let before = Snapshot::take(console).await;
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
                let (path, marker) = PAGES[i % 2];
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
    let spent = Snapshot::take(console).await.since(&before, requests);
    json!({
        "server_cpu_ms_per_page": spent.cpu_ms_per_page,
        "aws_wait_share": spent.aws_wait_share,
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

/// 3b: requests arriving at a fixed rate (`BENCH_RATE` per second for `BENCH_OPEN_SECS`), each on
/// its own whatever the others are doing; latency counts from when a request was due, so a server
/// that falls behind is seen (no coordinated omission).
pub async fn open_loop(console: &Console) -> Value {
    let rate = setting("BENCH_RATE", 200);
    let secs = setting("BENCH_OPEN_SECS", 30);
    let cookies = Arc::new(sign_in_all(console, 50).await);
    let total = rate * secs;
    let latencies = Arc::new(Mutex::new(Vec::with_capacity(total)));
    let failures = Failures::default();
    let before = Snapshot::take(console).await;
    let start = tokio::time::Instant::now();
    let period = Duration::from_secs(1) / rate as u32;
    let mut tasks = Vec::with_capacity(total);
    for n in 0..total {
        let due = start + period * n as u32;
        tokio::time::sleep_until(due).await;
        let (http, cookies) = (console.http.clone(), cookies.clone());
        let (latencies, failures) = (latencies.clone(), failures.clone());
        tasks.push(tokio::spawn(async move {
            let (path, marker) = PAGES[n % 2];
            let result = http
                .send("GET", path, Some(&cookies[n % cookies.len()]), None)
                .await;
            latencies.lock().unwrap().push(due.elapsed());
            if !matches!(&result, Ok((200, _, body)) if String::from_utf8_lossy(body).contains(marker)) {
                failures.record(|| describe(path, &result));
            }
        }));
    }
    for task in tasks {
        let _ = task.await;
    }
    let elapsed = start.elapsed();
    let latencies = latencies.lock().unwrap().clone();
    let spent = Snapshot::take(console).await.since(&before, latencies.len());
    json!({
        "offered_per_s": rate,
        "seconds": secs,
        "requests": latencies.len(),
        "achieved_per_s": (latencies.len() as f64 / elapsed.as_secs_f64()).round(),
        "p50_ms": ms(quantile(&latencies, 0.5)),
        "p99_ms": ms(quantile(&latencies, 0.99)),
        "goal_p99_ms": 50,
        "errors": failures.count(),
        "first_error": failures.first(),
        "server_cpu_ms_per_page": spent.cpu_ms_per_page,
        "aws_wait_share": spent.aws_wait_share,
    })
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
    fn metric_sums_add_every_series_of_one_name() {
        let text = "# TYPE a_sum counter\na_sum{route=\"/\"} 1.5\na_sum{route=\"/x\"} 2\na_sum_other 9\na_sum 0.5\nb_sum 7\n";
        assert_eq!(metric_sum(text, "a_sum"), 4.0);
        assert_eq!(metric_sum(text, "c_sum"), 0.0);
    }

    #[test]
    fn a_run_costs_the_difference_between_two_snapshots() {
        let before = Snapshot {
            cpu_secs: 1.0,
            http_secs: 10.0,
            aws_secs: 1.0,
        };
        let after = Snapshot {
            cpu_secs: 1.5,
            http_secs: 20.0,
            aws_secs: 3.5,
        };
        let spent = after.since(&before, 1000);
        assert_eq!(spent.cpu_ms_per_page, 0.5);
        assert_eq!(spent.aws_wait_share, 0.25);
        assert_eq!(after.since(&after, 0).aws_wait_share, 0.0);
    }
}
