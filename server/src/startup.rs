//! Building the router and serving it with graceful shutdown.

use crate::auth_routes::{self, AuthState};
use crate::config::MetricsAt;
use crate::metrics;
use crate::security::{self, OriginPolicy};
use crate::sessions::AnyStore;
use crate::{audit, telemetry};
use app::{shell, App};
use axum::handler::Handler;
use axum::middleware::{from_fn, from_fn_with_state};
use axum::routing::{get, post};
use axum::{Extension, Router};
use leptos::prelude::*;
use leptos_axum::{file_and_error_handler_with_context, generate_route_list, LeptosRoutes};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tower_http::services::ServeDir;
use tower_http::trace::TraceLayer;
use tower_sessions::SessionManagerLayer;

/// The whole HTTP surface: `/healthz`, the auth forms, the server functions, the pages and the static
/// files, behind the origin check, the security headers, the session layer and the sign-in guard.
///
/// Not generic on purpose: the whole app's views are instantiated here, once, in this crate, rather
/// than again in every crate that builds a router (each test binary did, minutes apiece).
pub fn router(
    leptos_options: LeptosOptions,
    auth: AuthState,
    origin: OriginPolicy,
    sessions: SessionManagerLayer<AnyStore>,
    metrics: MetricsAt,
) -> Router {
    let routes = generate_route_list(App);
    let audit_log = auth.audit.clone();
    let context = {
        let aws = auth.aws.clone();
        let settings = auth.settings.clone();
        let audit = audit_log.clone();
        let views = auth.views.clone();
        let shared = auth.shared.clone();
        move || {
            provide_context(aws.clone());
            provide_context(settings.clone());
            provide_context(audit.clone());
            provide_context(views.clone());
            provide_context(shared.clone());
            leptos::nonce::provide_nonce();
        }
    };
    let router = Router::new()
        .route("/healthz", get(healthz))
        .route("/auth/sign-in", post(auth_routes::sign_in))
        .route("/auth/sign-out", post(auth_routes::sign_out))
        .route("/auth/read-only", post(auth_routes::set_read_only))
        .route("/audit/export", get(audit::export).with_state(audit_log.clone()))
        .leptos_routes_with_context(&leptos_options, routes, context.clone(), {
            let options = leptos_options.clone();
            move || shell(options.clone())
        })
        // The site's files (WASM chunks, JS, CSS, `public/`): the build's brotli or gzip copy where
        // one exists and the browser accepts it, 304 to a conditional request; any other path
        // renders the app's not-found page.
        .fallback_service(
            ServeDir::new(leptos_options.site_root.as_ref())
                .precompressed_br()
                .precompressed_gzip()
                .not_found_service(
                    file_and_error_handler_with_context(context, shell).with_state(leptos_options.clone()),
                ),
        )
        .layer(from_fn_with_state(audit_log, audit::record))
        .layer(from_fn(auth_routes::require_sign_in))
        .layer(sessions)
        .layer(Extension(auth))
        .layer(from_fn_with_state(Arc::new(origin), security::verify_origin))
        .layer(from_fn(security::security_headers))
        .layer(TraceLayer::new_for_http().make_span_with(telemetry::span))
        .layer(from_fn(telemetry::request_id))
        .layer(from_fn(metrics::track));
    // Added after the layers: the scraper needs no session and is not counted itself.
    match metrics {
        MetricsAt::Listener => router.route("/metrics", get(metrics::scrape)),
        MetricsAt::Off | MetricsAt::Loopback(_) => router,
    }
    .with_state(leptos_options)
}

/// The separate `/metrics` listener's router (for [`MetricsAt::Loopback`]).
pub fn metrics_router() -> Router {
    Router::new().route("/metrics", get(metrics::scrape))
}

/// Liveness: answers as soon as the server accepts requests.
async fn healthz() -> &'static str {
    "ok"
}

/// Serves `router` on `listener` until SIGINT/SIGTERM, then gives in-flight requests `grace` to finish.
pub async fn serve(listener: TcpListener, router: Router, grace: Duration) -> std::io::Result<()> {
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let server = axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async move {
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
