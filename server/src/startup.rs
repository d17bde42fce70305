//! Building the router and serving it with graceful shutdown.

use app::aws::AwsContext;
use app::{shell, App};
use axum::{routing::get, Router};
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use std::time::Duration;
use tokio::net::TcpListener;
use tower_http::trace::TraceLayer;

/// The whole HTTP surface: `/healthz`, the server functions, the pages and the static files.
pub fn router(leptos_options: LeptosOptions, aws: AwsContext) -> Router {
    let routes = generate_route_list(App);
    Router::new()
        .route("/healthz", get(healthz))
        .leptos_routes_with_context(&leptos_options, routes, move || provide_context(aws.clone()), {
            let options = leptos_options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler(shell))
        .layer(TraceLayer::new_for_http())
        .with_state(leptos_options)
}

/// Liveness: answers as soon as the server accepts requests.
async fn healthz() -> &'static str {
    "ok"
}

/// Serves `router` on `listener` until SIGINT/SIGTERM, then gives in-flight requests `grace` to finish.
pub async fn serve(listener: TcpListener, router: Router, grace: Duration) -> std::io::Result<()> {
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let server = axum::serve(listener, router).with_graceful_shutdown(async move {
        shutdown_signal().await;
        let _ = tx.send(());
    });
    tokio::select! {
        result = server => result,
        _ = async {
            let _ = rx.await;
            tokio::time::sleep(grace).await;
        } => {
            tracing::warn!(?grace, "in-flight requests did not finish in time; exiting");
            Ok(())
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(e) => {
                tracing::error!(%e, "cannot listen for SIGTERM");
                std::future::pending::<()>().await
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutdown signal received; finishing in-flight requests");
}
