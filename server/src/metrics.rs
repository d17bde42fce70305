//! `/metrics`: the registry of `app::metrics` in Prometheus' text format, the middleware that counts
//! and times every HTTP request by route and status, and the recently seen signed-in sessions.

use app::metrics::global;
use axum::body::{Body, Bytes};
use axum::extract::{MatchedPath, Request};
use axum::http::header::CONTENT_TYPE;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::pin::Pin;
use std::sync::{Mutex, OnceLock};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};
use tower_sessions::Session;

/// How long a session counts as live after its last page.
pub const LIVE_WINDOW: Duration = Duration::from_secs(15 * 60);
/// Most sessions remembered (a bound on memory, not on the figure's accuracy in practice).
const LIVE_LIMIT: usize = 100_000;

/// Middleware: counts and times each request under its route (`/instances`, a server function's
/// path; `static` for the site's files and unknown paths), until its body is sent: a streamed page
/// goes on after its head, while the data it waits for arrives.
pub async fn track(request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "static".to_string(), |p| p.as_str().to_string());
    let started = Instant::now();
    let response = next.run(request).await;
    let status = response.status().as_u16().to_string();
    global().count("http_requests_total", &[("route", &route), ("status", &status)]);
    let (parts, body) = response.into_parts();
    let body = TimedBody {
        inner: body,
        _done: Done { route, started },
    };
    Response::from_parts(parts, Body::new(body))
}

/// Records a request's duration when its body is finished with (sent, or given up on).
struct Done {
    route: String,
    started: Instant,
}

impl Drop for Done {
    fn drop(&mut self) {
        global().observe(
            "http_request_duration_seconds",
            &[("route", &self.route)],
            self.started.elapsed().as_secs_f64(),
        );
    }
}

/// A response body that notes when it is done.
struct TimedBody {
    inner: Body,
    _done: Done,
}

impl http_body::Body for TimedBody {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, axum::Error>>> {
        Pin::new(&mut self.inner).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        self.inner.size_hint()
    }
}

/// Sessions seen lately: a hash of the session ID (never the ID itself) and when.
fn live() -> &'static Mutex<HashMap<u64, Instant>> {
    static LIVE: OnceLock<Mutex<HashMap<u64, Instant>>> = OnceLock::new();
    LIVE.get_or_init(Mutex::default)
}

/// Notes that a signed-in session loaded a page now.
pub fn session_seen(session: &Session) {
    let Some(id) = session.id() else { return };
    let mut h = std::collections::hash_map::DefaultHasher::new();
    id.0.hash(&mut h);
    let mut map = live().lock().unwrap_or_else(|p| p.into_inner());
    if map.len() >= LIVE_LIMIT {
        map.clear();
    }
    map.insert(h.finish(), Instant::now());
}

/// How many sessions were seen within [`LIVE_WINDOW`] of `now`; forgets the older ones.
pub fn live_sessions(now: Instant) -> usize {
    let mut map = live().lock().unwrap_or_else(|p| p.into_inner());
    map.retain(|_, seen| now.duration_since(*seen) < LIVE_WINDOW);
    map.len()
}

/// `GET /metrics`.
pub async fn scrape() -> impl IntoResponse {
    let metrics = global();
    metrics.set(
        "console_sessions_live",
        "Signed-in sessions that loaded a page in the last 15 minutes on this server.",
        live_sessions(Instant::now()) as f64,
    );
    (
        [(CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")],
        metrics.render(),
    )
}
