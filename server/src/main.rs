//! Starts the console: configuration, logging, AWS base config, then the HTTP server.

use app::aws::AwsContext;
use leptos::prelude::get_configuration;
use server::{config::Settings, startup, telemetry};
use std::process::ExitCode;
use std::time::Duration;

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

    let leptos_options = match get_configuration(None) {
        Ok(conf) => conf.leptos_options,
        Err(e) => {
            tracing::error!(%e, "cannot read the Leptos configuration");
            return ExitCode::FAILURE;
        }
    };
    let addr = settings.listen.unwrap_or(leptos_options.site_addr);
    let aws = AwsContext::from_env(settings.default_region.clone()).await;
    let router = startup::router(leptos_options, aws);

    let listener = match tokio::net::TcpListener::bind(addr).await {
        Ok(l) => l,
        Err(e) => {
            tracing::error!(%addr, %e, "cannot listen");
            return ExitCode::FAILURE;
        }
    };
    tracing::info!("listening on http://{addr}");
    match startup::serve(
        listener,
        router,
        Duration::from_secs(settings.shutdown_grace_secs),
    )
    .await
    {
        Ok(()) => {
            tracing::info!("stopped");
            ExitCode::SUCCESS
        }
        Err(e) => {
            tracing::error!(%e, "server error");
            ExitCode::FAILURE
        }
    }
}
