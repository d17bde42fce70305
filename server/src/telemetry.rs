//! Logging with `tracing` (`RUST_LOG` wins over the configured filter), and the console's request
//! ID: set on every request, returned as `x-request-id`, and a field of the request's log span.

use axum::extract::Request;
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;
use tracing_subscriber::EnvFilter;

/// Installs the global subscriber (plain text to stderr).
pub fn init(default_filter: &str) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(default_filter));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
}

/// The console's ID of one request: this process's random prefix and a counter.
#[derive(Clone, Debug)]
pub struct RequestId(pub String);

impl RequestId {
    /// A new ID, unique across processes and restarts (the prefix is random).
    pub fn next() -> Self {
        static PREFIX: OnceLock<String> = OnceLock::new();
        static COUNTER: AtomicU64 = AtomicU64::new(1);
        let prefix = PREFIX.get_or_init(|| {
            let mut bytes = [0u8; 6];
            let _ = getrandom::fill(&mut bytes);
            bytes.iter().map(|b| format!("{b:02x}")).collect()
        });
        Self(format!("{prefix}-{:x}", COUNTER.fetch_add(1, Ordering::Relaxed)))
    }
}

/// Middleware: gives the request its ID (an extension) and the response its `x-request-id`.
pub async fn request_id(mut request: Request, next: Next) -> Response {
    let id = RequestId::next();
    request.extensions_mut().insert(id.clone());
    let mut response = next.run(request).await;
    if let Ok(value) = HeaderValue::from_str(&id.0) {
        response.headers_mut().insert("x-request-id", value);
    }
    response
}

/// The log span of a request: method, path and the console's request ID.
pub fn span(request: &Request) -> tracing::Span {
    let id = request
        .extensions()
        .get::<RequestId>()
        .map(|r| r.0.as_str())
        .unwrap_or_default();
    tracing::info_span!("request", request_id = %id, method = %request.method(), path = %request.uri().path())
}
