//! 4: what the browser downloads: the WASM, JS and CSS the build wrote (raw, gzip -9 and brotli), what
//! a first visit to each page fetches, against the goals; and the time to interactive in Chromium.

use crate::{root, SECRET};
use serde_json::{json, Value};
use std::process::Command;
use testkit::Console;
use testkit::TEST_ACCESS_KEY;

/// Goal for the WASM + JS of the whole app, gzip -9 bytes.
pub const WHOLE_APP_GOAL: u64 = 900 * 1024;
/// Most files a first visit may fetch.
pub const FILES_GOAL: u64 = 25;
/// How far past a goal a figure may go before `make bench` fails (10%).
pub const TOLERANCE: f64 = 1.10;

/// Goal for the WASM + JS a first visit to `page` downloads, gzip -9 bytes.
pub fn page_goal(page: &str) -> u64 {
    if page == "/launch" {
        350 * 1024
    } else {
        300 * 1024
    }
}

/// The figures more than 10% past their goal, in words; empty when every one holds (or was not measured).
pub fn breaches(bundle: &Value) -> Vec<String> {
    let over = |measured: u64, goal: u64| measured as f64 > goal as f64 * TOLERANCE;
    let mut out = Vec::new();
    if let Some(total) = bundle["wasm_js_gzip9_bytes"]
        .as_u64()
        .filter(|t| over(*t, WHOLE_APP_GOAL))
    {
        out.push(format!("whole app: {total} B gzip, goal {WHOLE_APP_GOAL} B"));
    }
    for (page, v) in bundle["pages"].as_object().into_iter().flatten() {
        if let Some(bytes) = v["gzip9_bytes"].as_u64().filter(|b| over(*b, page_goal(page))) {
            out.push(format!("{page}: {bytes} B gzip, goal {} B", page_goal(page)));
        }
        if let Some(n) = v["file_count"].as_u64().filter(|n| over(*n, FILES_GOAL)) {
            out.push(format!("{page}: {n} files, goal {FILES_GOAL}"));
        }
    }
    out
}

/// Whether a file of the build counts in the whole app: the WASM and JS, but not the first-visit
/// packs (scripts/pack_chunks.py), which hold the same chunks again for one page's first visit.
pub fn in_whole_app(file: &str) -> bool {
    (file.ends_with(".wasm") || file.ends_with(".js")) && !file.starts_with("pack_")
}

/// 4a: the WASM, JS and CSS the build wrote (the main module, one chunk per lazy page and
/// shared code, and a first-visit pack per page group), raw and as their gzip -9 copies; the
/// WASM + JS totals without the packs are the whole app.
pub fn bundle() -> Value {
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
        let mut br_path = path.clone().into_os_string();
        br_path.push(".br");
        let br = std::fs::metadata(&br_path).map(|m| m.len()).ok();
        let name = path.file_name().unwrap().to_string_lossy();
        if in_whole_app(&name) {
            raw_total += raw;
            gz_total += gz;
        }
        files.push(json!({ "file": name, "raw_bytes": raw, "gzip9_bytes": gz, "brotli_bytes": br }));
    }
    json!({ "files": files, "wasm_js_raw_bytes": raw_total, "wasm_js_gzip9_bytes": gz_total, "goal_gzip9_bytes": WHOLE_APP_GOAL })
}

/// 4a: what a first visit to each page downloads (from [`time_to_interactive`]'s `pages`: the
/// WASM and JS files each page fetched), summed from the sizes in [`bundle`]'s table.
pub fn page_downloads(bundle: &Value, pages: &Value) -> Value {
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
                "file_count": files.len(),
                "raw_bytes": files.iter().map(|f| size(f, "raw_bytes")).sum::<u64>(),
                "gzip9_bytes": files.iter().map(|f| size(f, "gzip9_bytes")).sum::<u64>(),
                "goal_gzip9_bytes": page_goal(page),
            }),
        );
    }
    Value::Object(out)
}

/// The page whose first visit downloads the most, and its gzip -9 bytes.
pub fn largest_page(pages: &Value) -> Option<(String, u64)> {
    pages
        .as_object()?
        .iter()
        .filter_map(|(page, v)| Some((page.clone(), v["gzip9_bytes"].as_u64()?)))
        .max_by_key(|(_, bytes)| *bytes)
}

/// 4b: time to interactive (hydrated) of the Instances page in headless Chromium, and the files
/// each page downloads on a first visit.
pub fn time_to_interactive(console: &Console) -> Value {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_whole_app_is_its_wasm_and_js_without_the_packs() {
        assert!(in_whole_app("ec2-console.wasm"));
        assert!(in_whole_app("chunk_9.wasm"));
        assert!(in_whole_app("__wasm_split.______________________.js"));
        assert!(!in_whole_app("pack_instances_page_427243240161584122.wasm"));
        assert!(!in_whole_app("ec2-console.css"));
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
        assert_eq!(out["/a"]["file_count"], 3);
        assert_eq!(out["/b"]["gzip9_bytes"], 44);
        assert_eq!(largest_page(&out), Some(("/a".to_string(), 56)));
    }

    #[test]
    fn only_figures_more_than_ten_percent_past_their_goal_fail() {
        let within = json!({ "wasm_js_gzip9_bytes": 900 * 1024 + 1,
            "pages": { "/launch": { "gzip9_bytes": 385 * 1024, "file_count": 27 },
                       "/instances": { "gzip9_bytes": 330 * 1024 } } });
        assert_eq!(breaches(&within), Vec::<String>::new());
        let past = json!({ "wasm_js_gzip9_bytes": 991 * 1024,
            "pages": { "/launch": { "gzip9_bytes": 386 * 1024, "file_count": 28 },
                       "/": { "gzip9_bytes": 331 * 1024, "file_count": 3 } } });
        let found = breaches(&past);
        assert_eq!(found.len(), 4, "{found:?}");
        assert!(found[0].starts_with("whole app: 1014784 B"), "{found:?}");
        assert!(found.iter().any(|f| f.starts_with("/launch: 28 files")));
        assert!(found.iter().any(|f| f.starts_with("/: 338944 B")));
        assert_eq!(
            breaches(&json!({})),
            Vec::<String>::new(),
            "nothing measured, nothing failed"
        );
    }
}
