//! `bench/RESULTS.md`: every measured figure beside its goal.

use crate::bundle::{largest_page, page_goal, FILES_GOAL, WHOLE_APP_GOAL};
use serde_json::Value;

pub fn report(results: &Value) -> String {
    let get = |path: &[&str]| path.iter().fold(results, |v, k| &v[*k]).clone();
    let num = |path: &[&str]| get(path).as_f64().map_or("–".to_string(), |n| format!("{n}"));
    let mut rows = vec![
        "| Figure | Measured | Goal |".to_string(),
        "|---|---|---|".to_string(),
    ];
    if !get(&["listing"]).is_null() {
        rows.push(format!(
            "| Listing {} instances (replayed EC2): console / raw SDK paginator, median of {} rounds' ratios (median times) | {} ({} ms / {} ms) | ≤ 1.10 |",
            num(&["listing", "instances"]),
            num(&["listing", "rounds"]),
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
        rows.push(format!(
            "| Server CPU per page, closed loop (Instances with 50 instances + dashboard; AWS connections kept open) | {} ms | ≤ 1 ms |",
            num(&["load", "server_cpu_ms_per_page"])
        ));
        if !get(&["load_new_connections"]).is_null() {
            rows.push(format!(
                "| Same closed loop for {} s with every AWS call on a new connection (the replay closes each, as before 12-07): CPU per page / req/s / p99 | {} ms / {} req/s / {} ms | report |",
                num(&["load_new_connections", "seconds"]),
                num(&["load_new_connections", "server_cpu_ms_per_page"]),
                num(&["load_new_connections", "requests_per_s"]),
                num(&["load_new_connections", "p99_ms"])
            ));
        }
        rows.push(format!(
            "| Share of request time spent waiting on AWS (closed loop, from /metrics) | {} | report |",
            num(&["load", "aws_wait_share"])
        ));
        rows.push(format!("| SSR errors | {} | 0 |", num(&["load", "errors"])));
        rows.push(format!(
            "| Server RSS idle / per extra session / peak under load | {} KiB / {} KiB / {} KiB | — |",
            num(&["load", "rss_idle_kib"]),
            num(&["load", "rss_per_session_kib"]),
            num(&["load", "rss_peak_under_load_kib"])
        ));
    }
    if !get(&["open_loop"]).is_null() {
        rows.push(format!(
            "| Open loop, {} req/s offered for {} s: achieved / p50 / p99 | {} req/s / {} ms / {} ms | p99 ≤ 50 ms |",
            num(&["open_loop", "offered_per_s"]),
            num(&["open_loop", "seconds"]),
            num(&["open_loop", "achieved_per_s"]),
            num(&["open_loop", "p50_ms"]),
            num(&["open_loop", "p99_ms"])
        ));
        rows.push(format!(
            "| Open loop: server CPU per page / errors | {} ms / {} | ≤ 1 ms / 0 |",
            num(&["open_loop", "server_cpu_ms_per_page"]),
            num(&["open_loop", "errors"])
        ));
    }
    if !get(&["bundle"]).is_null() {
        rows.push(format!(
            "| WASM + JS, whole app, gzip -9 (raw) | {} B ({} B) | ≤ {} B gzip |",
            num(&["bundle", "wasm_js_gzip9_bytes"]),
            num(&["bundle", "wasm_js_raw_bytes"]),
            WHOLE_APP_GOAL
        ));
        for (page, v) in get(&["bundle", "pages"]).as_object().into_iter().flatten() {
            rows.push(format!(
                "| First visit to {page}: WASM + JS gzip -9 / files | {} B / {} | ≤ {} B / ≤ {FILES_GOAL} |",
                v["gzip9_bytes"],
                v["file_count"],
                page_goal(page)
            ));
        }
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
            "| Time to interactive, Instances page (median): cold cache / warm cache | {} ms / {} ms | report |",
            num(&["tti", "cold_median_ms"]),
            num(&["tti", "median_ms"])
        ));
    }
    if !get(&["cold_start"]).is_null() {
        rows.push(format!(
            "| Cold start to first 200 on /healthz (median of 5) | {} ms | — |",
            num(&["cold_start", "median_ms"])
        ));
    }
    if !get(&["audit"]).is_null() {
        rows.push(format!(
            "| A stop action through the console, with / without its audit write (SQLite; {} stops against moto) | {} ({} ms / {} ms; append {} ms) | ≤ 1.05 |",
            num(&["audit", "stop_action", "stops"]),
            num(&["audit", "stop_action", "ratio"]),
            num(&["audit", "stop_action", "stop_ms"]),
            num(&["audit", "stop_action", "stop_without_audit_ms"]),
            num(&["audit", "stop_action", "append_ms"])
        ));
        for store in ["sqlite", "postgres"] {
            rows.push(format!(
                "| Audit appends per second, {store} (1 writer / 8 writers, chain verified after) | {} / {} | report |",
                num(&["audit", "appends_per_sec", store, "one_writer"]),
                num(&["audit", "appends_per_sec", store, "eight_writers"])
            ));
        }
    }
    if !get(&["regions"]).is_null() {
        rows.push(format!(
            "| All regions ({} regions, each delayed 20–400 ms by the replay): wall time / the slowest region alone ({} ms), concurrency 8 (default) / {} | {} ({} ms) / {} ({} ms) | ≤ 1.3 |",
            num(&["regions", "regions"]),
            num(&["regions", "slowest_alone_ms"]),
            num(&["regions", "wide_concurrency"]),
            num(&["regions", "ratio_default_concurrency"]),
            num(&["regions", "all_regions_ms"]),
            num(&["regions", "ratio_wide_concurrency"]),
            num(&["regions", "all_regions_wide_ms"])
        ));
        rows.push(format!(
            "| DryRun permission checks: EC2 calls for selecting 10 instances / then 10 more | {} / {} | report |",
            num(&["regions", "dry_run_calls_select_10"]),
            num(&["regions", "dry_run_calls_then_10_more"])
        ));
    }
    if !get(&["monitoring"]).is_null() {
        rows.push(format!(
            "| Monitoring tab, 1-week range (one instance, 8 metrics × 168 points, one GetMetricData; replay): console server function / the raw SDK call, per call | {} ms / {} ms | report |",
            num(&["monitoring", "console_ms"]),
            num(&["monitoring", "sdk_call_ms"])
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_report_shows_each_measured_figure_with_its_goal() {
        let results = json!({
            "machine": { "date": "2026-11-27", "cores": 2 },
            "listing": { "instances": 5000, "rounds": 7, "overhead_ratio": 1.04, "console_ms": 104.0, "sdk_paginator_ms": 100.0,
                         "aws_cli_to_console_ratio": 2.5, "aws_cli_v1_ms": 260.0 },
            "load": { "sessions": 200, "seconds": 60, "server_cpu_ms_per_page": 0.8, "aws_wait_share": 0.1 },
            "load_new_connections": { "seconds": 30, "server_cpu_ms_per_page": 1.6, "requests_per_s": 300, "p99_ms": 90 },
            "open_loop": { "offered_per_s": 200, "seconds": 30, "achieved_per_s": 199.0, "p50_ms": 3.0, "p99_ms": 12.5,
                           "server_cpu_ms_per_page": 0.9, "errors": 0 },
            "bundle": { "wasm_js_gzip9_bytes": 1000, "wasm_js_raw_bytes": 3000,
                        "pages": { "/instances": { "gzip9_bytes": 500, "file_count": 4 }, "/launch": { "gzip9_bytes": 700, "file_count": 5 } } },
            "tti": { "median_ms": 120, "cold_median_ms": 300 },
        });
        let text = report(&results);
        assert!(
            text.contains(
                "| Listing 5000 instances (replayed EC2): console / raw SDK paginator, median of 7 rounds' ratios (median times) | 1.04 (104 ms / 100 ms) | ≤ 1.10 |"
            ),
            "{text}"
        );
        assert!(text.contains("| Same listing: AWS CLI v1 / console | 2.5 (260 ms) | report |"));
        assert!(text.contains("| Server CPU per page, closed loop (Instances with 50 instances + dashboard; AWS connections kept open) | 0.8 ms | ≤ 1 ms |"), "{text}");
        assert!(text.contains("| Same closed loop for 30 s with every AWS call on a new connection (the replay closes each, as before 12-07): CPU per page / req/s / p99 | 1.6 ms / 300 req/s / 90 ms | report |"), "{text}");
        assert!(text.contains("| Open loop, 200 req/s offered for 30 s: achieved / p50 / p99 | 199 req/s / 3 ms / 12.5 ms | p99 ≤ 50 ms |"), "{text}");
        assert!(text.contains("1000 B (3000 B) | ≤ 921600 B gzip |"), "{text}");
        assert!(
            text.contains(
                "| First visit to /launch: WASM + JS gzip -9 / files | 700 B / 5 | ≤ 358400 B / ≤ 25 |"
            ),
            "{text}"
        );
        assert!(text.contains("| WASM + JS downloaded by a first visit: Instances page / largest (/launch), gzip -9 | 500 B / 700 B |"), "{text}");
        assert!(
            text.contains("cold cache / warm cache | 300 ms / 120 ms |"),
            "{text}"
        );
        assert!(!text.contains("Soak"), "figures not measured are left out");
    }
}
