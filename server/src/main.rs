//! Starts the console: configuration, logging, session store and key, audit log, AWS base config,
//! then HTTP. `server audit-verify` checks the audit log's chain instead (exit code 2 when broken).

#![recursion_limit = "256"]

use app::auth::ssr::AuthSettings;
use app::aws::AwsContext;
use app::regions::ssr::FanOut;
use leptos::prelude::get_configuration;
use server::auth_routes::{AuthState, RateLimiter};
use server::config::{MetricsAt, Settings};
use server::security::OriginPolicy;
use server::{sessions, startup, telemetry};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    let settings = match Settings::load() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("configuration error: {e}");
            return ExitCode::FAILURE;
        }
    };
    telemetry::init(&settings.log);
    if std::env::args().nth(1).as_deref() == Some("audit-verify") {
        return match server::audit::verify_command(&settings).await {
            Ok(true) => ExitCode::SUCCESS,
            Ok(false) => ExitCode::from(2),
            Err(e) => {
                eprintln!("{e}");
                ExitCode::FAILURE
            }
        };
    }
    match run(settings).await {
        Ok(()) => {
            tracing::info!("stopped");
            ExitCode::SUCCESS
        }
        Err(e) => {
            tracing::error!("{e}");
            ExitCode::FAILURE
        }
    }
}

async fn run(settings: Settings) -> Result<(), String> {
    let leptos_options = get_configuration(None)
        .map_err(|e| format!("cannot read the Leptos configuration: {e}"))?
        .leptos_options;
    let addr = settings.listen.unwrap_or(leptos_options.site_addr);
    if !addr.ip().is_loopback() && !settings.behind_tls_proxy {
        return Err(format!(
            "refusing to serve plain HTTP on {addr}: bind to loopback, or put a TLS proxy in front and set behind_tls_proxy"
        ));
    }
    let cipher = sessions::load_cipher(&settings).map_err(|e| e.to_string())?;
    let store = sessions::open_store(&settings).await.map_err(|e| e.to_string())?;
    let (audit, views, db) = server::audit::open(&settings).await?;
    let shared = server::shared::open(store.redis(), db).await?;
    let limit = |name, per_min| {
        Arc::new(RateLimiter::new(
            name,
            per_min,
            Duration::from_secs(60),
            shared.clone(),
        ))
    };
    server::audit::spawn_purge(audit.clone(), settings.audit_retention_days);
    let auth = AuthState {
        aws: AwsContext::from_env(settings.default_region.clone())
            .await
            .with_fan_out(FanOut::new(
                settings.all_regions.clone(),
                settings.fan_out_concurrency,
                Duration::from_secs(settings.fan_out_timeout_secs),
            )),
        settings: AuthSettings {
            cipher: Arc::new(cipher),
            absolute_timeout: Duration::from_secs(settings.absolute_timeout_hours * 3600),
            server_read_only: settings.read_only,
        },
        per_ip: limit("ip", settings.sign_in_per_ip_per_min),
        per_key: limit("key", settings.sign_in_per_key_per_min),
        audit,
        views,
        shared,
    };
    let origin = OriginPolicy {
        public_origin: settings.public_origin.clone(),
    };
    let router = startup::router(
        leptos_options,
        auth,
        origin,
        sessions::layer(store, settings.idle_timeout_mins),
        settings.metrics,
    );
    if let MetricsAt::Loopback(metrics_addr) = settings.metrics {
        let listener = tokio::net::TcpListener::bind(metrics_addr)
            .await
            .map_err(|e| format!("cannot listen on {metrics_addr} for /metrics: {e}"))?;
        tracing::info!("metrics on http://{metrics_addr}/metrics");
        tokio::spawn(async move {
            if let Err(e) = axum::serve(listener, startup::metrics_router()).await {
                tracing::error!(%e, "the metrics listener stopped");
            }
        });
    }
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    tracing::info!(store = ?settings.session_store, "listening on http://{addr}");
    startup::serve(
        listener,
        router,
        Duration::from_secs(settings.shutdown_grace_secs),
    )
    .await
    .map_err(|e| format!("server error: {e}"))
}
