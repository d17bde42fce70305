//! The console's release binary as a child process (for the benchmarks and the tests that need
//! whole processes, such as several replicas), and a keep-alive HTTP client that talks to it as a
//! browser does (same-origin headers, the session cookie).

use crate::urlencode as encode;
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper_util::client::legacy::{connect::HttpConnector, Client};
use hyper_util::rt::TokioExecutor;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The server binary `leptos build --release` made.
pub fn server_binary() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| "target".into());
    target.join("release/server")
}

/// A running console; killed when dropped.
pub struct Console {
    child: Child,
    /// Its loopback port.
    pub port: u16,
    /// The client the benchmarks share.
    pub http: Http,
}

impl Console {
    /// Starts the console against `endpoint` with its data in `data_dir`, and returns it with the
    /// time from spawning the process to the first 200 on `/healthz`.
    pub async fn start(endpoint: &str, data_dir: &Path) -> (Self, Duration) {
        Self::start_with(endpoint, data_dir, &[]).await
    }

    /// [`Console::start`] with more settings (`EC2C_*` variables) on top of the defaults.
    pub async fn start_with(endpoint: &str, data_dir: &Path, settings: &[(&str, &str)]) -> (Self, Duration) {
        let port = crate::free_port();
        let started = Instant::now();
        let child = Command::new(server_binary())
            .env_remove("AWS_ACCESS_KEY_ID")
            .env_remove("AWS_SECRET_ACCESS_KEY")
            .env_remove("AWS_SESSION_TOKEN")
            .env("LEPTOS_ENV", "PROD")
            .env("LEPTOS_OUTPUT_NAME", "ec2-console")
            .env("LEPTOS_SITE_ROOT", "target/site")
            .env("LEPTOS_SITE_PKG_DIR", "pkg")
            .env("EC2C_LISTEN", format!("127.0.0.1:{port}"))
            .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
            .env("AWS_ENDPOINT_URL", endpoint)
            .env("EC2C_DEFAULT_REGION", "us-east-1")
            .env("EC2C_DEMO", "true")
            .env("EC2C_METRICS", "listener")
            .env("EC2C_DATA_DIR", data_dir)
            .env("EC2C_SIGN_IN_PER_IP_PER_MIN", "100000")
            .env("EC2C_SIGN_IN_PER_KEY_PER_MIN", "100000")
            .env("RUST_LOG", "warn")
            .envs(settings.iter().copied())
            .current_dir(crate::repo_root())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap_or_else(|e| {
                panic!(
                    "cannot start {} ({e}): run `leptos build --release`",
                    server_binary().display()
                )
            });
        let http = Http::new(port);
        loop {
            if let Ok((200, _, _)) = http.send("GET", "/healthz", None, None).await {
                break;
            }
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "the console did not start"
            );
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
        let elapsed = started.elapsed();
        (Self { child, port, http }, elapsed)
    }

    /// Resident memory of the process, in KiB.
    pub fn rss_kib(&self) -> u64 {
        std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .ok()
            .and_then(|s| {
                s.lines()
                    .find_map(|l| l.strip_prefix("VmRSS:"))
                    .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            })
            .unwrap_or(0)
    }

    /// CPU time the process has used so far (user + system), in seconds, from `/proc/PID/stat`.
    pub fn cpu_secs(&self) -> f64 {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.child.id())).unwrap_or_default();
        cpu_secs_of(&stat, clock_ticks())
    }

    /// The console's `/metrics` text (empty when it cannot be read).
    pub async fn metrics(&self) -> String {
        match self.http.send("GET", "/metrics", None, None).await {
            Ok((200, _, body)) => String::from_utf8_lossy(&body).into_owned(),
            _ => String::new(),
        }
    }

    /// Signs in with an access key pair and returns the session cookie (`name=value`).
    pub async fn sign_in(&self, access_key: &str, secret: &str) -> Result<String, String> {
        let form = format!(
            "access_key_id={}&secret_access_key={}&region=us-east-1&next=%2Finstances",
            encode(access_key),
            encode(secret)
        );
        let (status, headers, _) = self.http.send("POST", "/auth/sign-in", None, Some(&form)).await?;
        if status != 303 {
            return Err(format!("sign-in answered {status}"));
        }
        headers
            .get_all(http::header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|c| !c.contains("Max-Age=0"))
            .and_then(|c| c.split(';').next())
            .map(str::to_string)
            .ok_or_else(|| "no session cookie".to_string())
    }
}

/// Clock ticks per second (`getconf CLK_TCK`; 100 on Linux when it cannot be asked).
fn clock_ticks() -> f64 {
    Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8_lossy(&o.stdout).trim().parse().ok())
        .unwrap_or(100.0)
}

/// User + system CPU seconds from a `/proc/PID/stat` line (fields 14 and 15, after the command name).
fn cpu_secs_of(stat: &str, ticks_per_sec: f64) -> f64 {
    let after_name = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / ticks_per_sec
}

impl Drop for Console {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A pooled keep-alive HTTP/1.1 client for one console.
#[derive(Clone)]
pub struct Http {
    client: Client<HttpConnector, Full<Bytes>>,
    origin: String,
}

impl Http {
    /// A client for the console on loopback port `port`.
    pub fn new(port: u16) -> Self {
        let client = Client::builder(TokioExecutor::new())
            .pool_max_idle_per_host(512)
            .build_http();
        Self {
            client,
            origin: format!("http://127.0.0.1:{port}"),
        }
    }

    /// Sends one request (a form POST when `form` is given) and returns status, headers and body.
    pub async fn send(
        &self,
        method: &str,
        path: &str,
        cookie: Option<&str>,
        form: Option<&str>,
    ) -> Result<(u16, http::HeaderMap, Bytes), String> {
        self.send_as(method, path, cookie, form, "application/x-www-form-urlencoded")
            .await
    }

    /// POSTs `json` to a JSON-encoded server function; returns status, headers and body.
    pub async fn post_json(
        &self,
        path: &str,
        cookie: &str,
        json: &str,
    ) -> Result<(u16, http::HeaderMap, Bytes), String> {
        self.send_as("POST", path, Some(cookie), Some(json), "application/json")
            .await
    }

    async fn send_as(
        &self,
        method: &str,
        path: &str,
        cookie: Option<&str>,
        form: Option<&str>,
        content_type: &str,
    ) -> Result<(u16, http::HeaderMap, Bytes), String> {
        let mut request = http::Request::builder()
            .method(method)
            .uri(format!("{}{path}", self.origin))
            .header(http::header::ORIGIN, &self.origin)
            .header("sec-fetch-site", "same-origin")
            // A server function answers a browser form post (one accepting HTML) with a redirect.
            .header(
                http::header::ACCEPT,
                if method == "GET" {
                    "text/html"
                } else {
                    "application/json"
                },
            );
        if let Some(c) = cookie {
            request = request.header(http::header::COOKIE, c);
        }
        if form.is_some() {
            request = request.header(http::header::CONTENT_TYPE, content_type);
        }
        let body = Full::new(Bytes::from(form.unwrap_or_default().to_string()));
        let request = request.body(body).map_err(|e| e.to_string())?;
        let response = self.client.request(request).await.map_err(|e| e.to_string())?;
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = response
            .into_body()
            .collect()
            .await
            .map_err(|e| e.to_string())?
            .to_bytes();
        Ok((status, headers, body))
    }
}

#[cfg(test)]
mod tests {
    use super::cpu_secs_of;

    #[test]
    fn cpu_time_is_user_plus_system_ticks() {
        let stat = "4242 (server (x)) S 1 4242 4242 0 -1 4194560 500 0 0 0 250 150 0 0 20 0 9 0 100 0 0";
        assert_eq!(cpu_secs_of(stat, 100.0), 4.0);
        assert_eq!(cpu_secs_of("", 100.0), 0.0);
    }
}
