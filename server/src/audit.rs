//! The audit log on the server: opening its store, the middleware that records every
//! state-changing server function before its response leaves, the sign-in and sign-out records,
//! the CSV/JSON export, the daily retention purge and the `audit-verify` command.

use crate::auth_routes::client_ip;
use crate::config::{AuditStoreKind, Settings};
use crate::telemetry::RequestId;
use app::audit::ssr::scope::Scope;
use app::audit::ssr::AuditLog;
use app::audit::{export_columns, AuditFilter, AuditRecord, PAGE_SIZE};
use app::auth::ssr::{self as auth, StoredUser};
use app::components::table::to_csv;
use app::db::Db;
use app::error::AppError;
use app::views::ssr::SavedViews;
use axum::body::Body;
use axum::extract::{Query, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::time::Duration;
use tower_sessions::Session;

/// Most records one export holds.
pub const EXPORT_LIMIT: i64 = 10_000;
/// Largest server-function response the middleware reads to learn its outcome.
const BODY_LIMIT: usize = 16 << 20;

/// Opens the console's database (`audit.sqlite3` under `data_dir`, or PostgreSQL at `audit_url`)
/// and the audit log and saved views in it.
pub async fn open(settings: &Settings) -> Result<(AuditLog, SavedViews, Db), String> {
    let url = match settings.audit_store {
        AuditStoreKind::Sqlite => {
            std::fs::create_dir_all(&settings.data_dir)
                .map_err(|e| format!("cannot create {}: {e}", settings.data_dir.display()))?;
            format!(
                "sqlite://{}?mode=rwc",
                settings.data_dir.join("audit.sqlite3").display()
            )
        }
        AuditStoreKind::Postgres => settings.audit_url.clone().unwrap_or_default(),
    };
    let db = Db::open(&url).await?;
    let log = AuditLog::open(db.clone(), settings.audit_required).await?;
    Ok((log, SavedViews::open(db.clone()).await?, db))
}

/// Who sent a request: the console's request ID, the client's address and its user agent.
pub struct Origin {
    /// The console's request ID.
    pub request_id: String,
    /// The client's address.
    pub source_ip: String,
    /// The client's `User-Agent`, cut to 300 characters.
    pub user_agent: String,
}

impl Origin {
    /// Reads it from a request's extensions and headers.
    pub fn of(extensions: &axum::http::Extensions, headers: &HeaderMap) -> Self {
        Self {
            request_id: extensions
                .get::<RequestId>()
                .map(|r| r.0.clone())
                .unwrap_or_default(),
            source_ip: client_ip(extensions),
            user_agent: headers
                .get(header::USER_AGENT)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .chars()
                .take(300)
                .collect(),
        }
    }
}

/// Middleware around server functions (`/api/…`): opens an audit scope; when the function
/// declared or made a state-changing call, appends its record before the response leaves.
pub async fn record(State(log): State<AuditLog>, request: Request, next: Next) -> Response {
    if !request.uri().path().starts_with("/api/") {
        return next.run(request).await;
    }
    let origin = Origin::of(request.extensions(), request.headers());
    let scope = Scope::new(origin.request_id, origin.source_ip, origin.user_agent);
    let response = scope.run(next.run(request)).await;
    if !scope.acted() {
        return response;
    }
    let (parts, body) = response.into_parts();
    let bytes = match axum::body::to_bytes(body, BODY_LIMIT).await {
        Ok(b) => b,
        Err(e) => {
            tracing::error!(error = %e, "cannot read a server function's response for the audit log");
            return AppError::internal("response unreadable")
                .to_string()
                .into_response();
        }
    };
    let error = (!parts.status.is_success()).then(|| {
        serde_json::from_slice::<AppError>(&bytes)
            .unwrap_or_else(|_| AppError::Transport(format!("HTTP {}", parts.status.as_u16())))
    });
    let record = scope.record(error.as_ref().map_or(Ok(()), Err));
    append(&log, record).await;
    Response::from_parts(parts, Body::from(bytes))
}

/// Appends `record`; when the store fails now (it answered a moment ago), the record goes to the
/// server log in full so it is not lost.
pub async fn append(log: &AuditLog, record: AuditRecord) {
    match log.append(record.clone()).await {
        Ok(r) => tracing::info!(
            request_id = %r.request_id, seq = r.seq, event = %r.event, outcome = %r.outcome, "audited"
        ),
        Err(e) => tracing::error!(
            error = %e,
            record = %serde_json::to_string(&record).unwrap_or_default(),
            "the audit record could not be stored"
        ),
    }
}

/// The record of a sign-in (`user` when it succeeded) or a sign-out.
pub async fn session_event(
    log: &AuditLog,
    origin: Origin,
    event: &str,
    access_key_id: &str,
    region: &str,
    user: Option<&StoredUser>,
    result: Result<(), &AppError>,
) {
    // A refused sign-in belongs to the account its key last signed in to, if any.
    let account = match user {
        Some(u) => u.account.clone(),
        None => log
            .account_of_key(access_key_id)
            .await
            .ok()
            .flatten()
            .unwrap_or_default(),
    };
    let (outcome, message) = match result {
        Ok(()) => ("ok".to_string(), String::new()),
        Err(e) => (app::audit::outcome_code(e), app::audit::outcome_message(e)),
    };
    let record = AuditRecord {
        request_id: origin.request_id,
        principal: user.map(|u| u.arn.clone()).unwrap_or_default(),
        account,
        access_key_id: access_key_id.to_string(),
        source_ip: origin.source_ip,
        user_agent: origin.user_agent,
        region: region.to_string(),
        event: event.to_string(),
        resources: vec![access_key_id.to_string()],
        outcome,
        message,
        ..AuditRecord::default()
    };
    append(log, record).await;
}

/// `GET /audit/export?format=csv|json&…filter`: the signed-in account's filtered records, newest
/// first, up to [`EXPORT_LIMIT`].
pub async fn export(
    State(log): State<AuditLog>,
    session: Session,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    let user = match auth::load_user(&session).await {
        Ok(Some(u)) => u,
        Ok(None) => return (StatusCode::UNAUTHORIZED, AppError::NotSignedIn.to_string()).into_response(),
        Err(e) => return (StatusCode::SERVICE_UNAVAILABLE, e.to_string()).into_response(),
    };
    let json = match params.get("format").map(String::as_str) {
        Some("json") => true,
        Some("csv") | None => false,
        Some(_) => return (StatusCode::BAD_REQUEST, "format: csv or json").into_response(),
    };
    let mut query = match AuditFilter::from_params(|k| params.get(k).cloned()).check() {
        Ok(q) => q,
        Err(e) => return (StatusCode::BAD_REQUEST, e.to_string()).into_response(),
    };
    query.offset = 0;
    query.limit = PAGE_SIZE * 20;
    let mut records = Vec::new();
    loop {
        match log.list(&user.account, &query).await {
            Ok(page) => {
                let done = page.records.len() < query.limit as usize;
                records.extend(page.records);
                if done || records.len() as i64 >= EXPORT_LIMIT {
                    break;
                }
                query.offset += query.limit;
            }
            Err(e) => return (StatusCode::SERVICE_UNAVAILABLE, e.to_string()).into_response(),
        }
    }
    records.truncate(EXPORT_LIMIT as usize);
    let (body, mime, ext) = if json {
        (
            serde_json::to_string_pretty(&records).unwrap_or_default(),
            "application/json",
            "json",
        )
    } else {
        (
            to_csv(&records, &export_columns()),
            "text/csv; charset=utf-8",
            "csv",
        )
    };
    (
        [
            (header::CONTENT_TYPE, mime.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"audit-{}.{ext}\"", user.account),
            ),
        ],
        body,
    )
        .into_response()
}

/// Purges records older than `days` once a day, starting a minute after start-up.
pub fn spawn_purge(log: AuditLog, days: u64) {
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_secs(60)).await;
        let mut every = tokio::time::interval(Duration::from_secs(24 * 3600));
        loop {
            every.tick().await;
            if let Err(e) = log.purge(days).await {
                tracing::error!(error = %e, "the audit purge failed; it runs again tomorrow");
            }
        }
    });
}

/// `server audit-verify`: checks the chain; the exit code says whether it holds.
pub async fn verify_command(settings: &Settings) -> Result<bool, String> {
    let (log, _, _) = open(settings).await?;
    let report = log.verify().await.map_err(|e| e.to_string())?;
    println!("{}", report.summary());
    Ok(report.broken.is_none())
}
