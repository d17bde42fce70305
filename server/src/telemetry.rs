//! Logging with `tracing`: `RUST_LOG` wins over the configured filter.

use tracing_subscriber::EnvFilter;

/// Installs the global subscriber (plain text to stderr).
pub fn init(default_filter: &str) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(default_filter));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
}
