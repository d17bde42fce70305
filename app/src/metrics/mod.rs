//! (ssr) The console's own metrics, served in Prometheus' text format: HTTP requests by route and
//! status, AWS calls by service, API and outcome, retries, throttles, sign-ins and audit appends. One registry per
//! process ([`global`]); each replica is scraped on its own.

mod aws_calls;

pub use aws_calls::{error_code, names as operation_names, AwsCallMetrics};

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::{Mutex, OnceLock};

/// Upper bounds of the latency histograms' buckets, in seconds.
pub const BUCKETS: [f64; 13] = [
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
];

/// The metrics this console keeps: name, type and help text.
const FAMILIES: [(&str, &str, &str); 9] = [
    (
        "http_requests_total",
        "counter",
        "HTTP requests answered, by route and status.",
    ),
    (
        "http_request_duration_seconds",
        "histogram",
        "Time to answer an HTTP request, by route.",
    ),
    (
        "aws_calls_total",
        "counter",
        "AWS API calls, by service, API and outcome (ok or AWS's error code).",
    ),
    (
        "aws_call_duration_seconds",
        "histogram",
        "Time an AWS API call took, retries included, by service and API.",
    ),
    (
        "aws_retries_total",
        "counter",
        "Attempts beyond the first, by service and API.",
    ),
    (
        "aws_throttles_total",
        "counter",
        "Attempts AWS throttled, by service and API.",
    ),
    (
        "console_sign_ins_total",
        "counter",
        "Sign-in attempts, by outcome.",
    ),
    ("console_sign_outs_total", "counter", "Sign-outs."),
    (
        "audit_append_seconds",
        "histogram",
        "Time to append one record to the audit log, by store.",
    ),
];

/// A histogram: count per bucket (not cumulative), the sum and the count.
#[derive(Clone, Debug, Default, PartialEq)]
struct Histogram {
    buckets: [u64; BUCKETS.len()],
    sum: f64,
    count: u64,
}

/// Labels as written: `a="x",b="y"`.
type Labels = String;

#[derive(Default)]
struct Registry {
    counters: BTreeMap<(&'static str, Labels), u64>,
    histograms: BTreeMap<(&'static str, Labels), Histogram>,
    gauges: BTreeMap<(&'static str, Labels), (f64, &'static str)>,
}

/// The metrics of this process.
#[derive(Default)]
pub struct Metrics(Mutex<Registry>);

/// The process's registry.
pub fn global() -> &'static Metrics {
    static METRICS: OnceLock<Metrics> = OnceLock::new();
    METRICS.get_or_init(Metrics::default)
}

/// A label value escaped for the text format (backslash, quote, newline).
fn escape(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

fn labels(pairs: &[(&str, &str)]) -> Labels {
    pairs
        .iter()
        .map(|(k, v)| format!("{k}=\"{}\"", escape(v)))
        .collect::<Vec<_>>()
        .join(",")
}

impl Metrics {
    fn registry(&self) -> std::sync::MutexGuard<'_, Registry> {
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Adds one to the counter `name` with `pairs` as its labels.
    pub fn count(&self, name: &'static str, pairs: &[(&str, &str)]) {
        *self.registry().counters.entry((name, labels(pairs))).or_default() += 1;
    }

    /// Records `seconds` in the histogram `name` with `pairs` as its labels.
    pub fn observe(&self, name: &'static str, pairs: &[(&str, &str)], seconds: f64) {
        let mut registry = self.registry();
        let h = registry.histograms.entry((name, labels(pairs))).or_default();
        if let Some(i) = BUCKETS.iter().position(|b| seconds <= *b) {
            h.buckets[i] += 1;
        }
        h.sum += seconds;
        h.count += 1;
    }

    /// Sets the gauge `name` (described by `help`) to `value`.
    pub fn set(&self, name: &'static str, help: &'static str, value: f64) {
        self.registry()
            .gauges
            .insert((name, String::new()), (value, help));
    }

    /// The counter `name` with exactly `pairs` as labels (0 when never counted).
    pub fn counter(&self, name: &'static str, pairs: &[(&str, &str)]) -> u64 {
        self.registry()
            .counters
            .get(&(name, labels(pairs)))
            .copied()
            .unwrap_or(0)
    }

    /// Every metric in Prometheus' text exposition format (version 0.0.4).
    pub fn render(&self) -> String {
        let registry = self.registry();
        let mut out = String::new();
        for (family, kind, help) in FAMILIES {
            let _ = writeln!(out, "# HELP {family} {help}\n# TYPE {family} {kind}");
            for ((_, l), v) in registry
                .counters
                .range((family, String::new())..)
                .take_while(|((n, _), _)| *n == family)
            {
                let _ = writeln!(out, "{family}{{{l}}} {v}");
            }
            for ((_, l), h) in registry
                .histograms
                .range((family, String::new())..)
                .take_while(|((n, _), _)| *n == family)
            {
                let sep = if l.is_empty() { "" } else { "," };
                let mut cumulative = 0;
                for (bound, n) in BUCKETS.iter().zip(h.buckets) {
                    cumulative += n;
                    let _ = writeln!(out, "{family}_bucket{{{l}{sep}le=\"{bound}\"}} {cumulative}");
                }
                let _ = writeln!(out, "{family}_bucket{{{l}{sep}le=\"+Inf\"}} {}", h.count);
                let _ = writeln!(out, "{family}_sum{{{l}}} {}", h.sum);
                let _ = writeln!(out, "{family}_count{{{l}}} {}", h.count);
            }
        }
        for ((name, _), (value, help)) in &registry.gauges {
            let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} gauge\n{name} {value}");
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counters_and_histograms_render_in_the_text_format() {
        let m = Metrics::default();
        m.count(
            "http_requests_total",
            &[("route", "/instances"), ("status", "200")],
        );
        m.count(
            "http_requests_total",
            &[("route", "/instances"), ("status", "200")],
        );
        m.count(
            "aws_calls_total",
            &[
                ("service", "EC2"),
                ("api", "DescribeInstances"),
                ("outcome", "ok"),
            ],
        );
        m.observe("http_request_duration_seconds", &[("route", "/instances")], 0.003);
        m.observe("http_request_duration_seconds", &[("route", "/instances")], 9.0);
        m.set("console_sessions_live", "Sessions seen lately.", 3.0);
        let text = m.render();
        assert!(text.contains("# TYPE http_requests_total counter\n"), "{text}");
        assert!(
            text.contains("http_requests_total{route=\"/instances\",status=\"200\"} 2\n"),
            "{text}"
        );
        assert!(
            text.contains("aws_calls_total{service=\"EC2\",api=\"DescribeInstances\",outcome=\"ok\"} 1\n")
        );
        assert!(
            text.contains("http_request_duration_seconds_bucket{route=\"/instances\",le=\"0.0025\"} 0\n"),
            "{text}"
        );
        assert!(text.contains("http_request_duration_seconds_bucket{route=\"/instances\",le=\"0.005\"} 1\n"));
        assert!(text.contains("http_request_duration_seconds_bucket{route=\"/instances\",le=\"5\"} 1\n"));
        assert!(text.contains("http_request_duration_seconds_bucket{route=\"/instances\",le=\"+Inf\"} 2\n"));
        assert!(
            text.contains("http_request_duration_seconds_sum{route=\"/instances\"} 9.003\n"),
            "{text}"
        );
        assert!(text.contains("http_request_duration_seconds_count{route=\"/instances\"} 2\n"));
        assert!(text.contains("# TYPE console_sessions_live gauge\nconsole_sessions_live 3\n"));
        assert_eq!(
            m.counter(
                "http_requests_total",
                &[("route", "/instances"), ("status", "200")]
            ),
            2
        );
        assert_eq!(
            m.counter("http_requests_total", &[("route", "/"), ("status", "200")]),
            0
        );
    }

    #[test]
    fn label_values_are_escaped() {
        assert_eq!(labels(&[("a", "x\"y\\z\nw")]), "a=\"x\\\"y\\\\z\\nw\"");
    }
}
