//! The sign-in, sign-out and read-only form endpoints, the page guard that sends strangers to the
//! sign-in page, and the sign-in rate limit (counted in the shared store).

use app::audit::ssr::AuditLog;
use app::auth::ssr::{self as auth, AuthSettings, SignInInput, StoredUser, FLASH_KEY};
use app::auth::{validate_sign_in, SignInFlash};
use app::aws::AwsContext;
use app::error::AppError;
use app::metrics::global;
use app::shared::Shared;
use app::views::ssr::SavedViews;
use axum::extract::{ConnectInfo, FromRequest, Request};
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use leptos::prelude::{provide_context, Owner, ScopedFuture};
use serde::Deserialize;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tower_sessions::Session;

/// A limit on attempts per key within a window that starts at the key's first attempt, counted in
/// the shared store so that every replica enforces the same limit.
#[derive(Debug)]
pub struct RateLimiter {
    name: &'static str,
    limit: u64,
    window: Duration,
    store: Shared,
}

impl RateLimiter {
    /// At most `limit` attempts per `window` for each key, under `name` in `store`.
    pub fn new(name: &'static str, limit: usize, window: Duration, store: Shared) -> Self {
        Self {
            name,
            limit: limit as u64,
            window,
            store,
        }
    }

    /// Counts an attempt for `key`; `Ok(Err(seconds))` until one is allowed again.
    pub async fn attempt(&self, key: &str) -> Result<Result<(), u64>, AppError> {
        let key: String = key.chars().take(128).collect();
        let (count, left_ms) = self
            .store
            .0
            .count(&format!("sign-in:{}:{key}", self.name), self.window)
            .await?;
        Ok(if count > self.limit {
            Err(left_ms.div_ceil(1000).max(1))
        } else {
            Ok(())
        })
    }
}

/// Everything the auth endpoints need, shared by the router.
#[derive(Clone, Debug)]
pub struct AuthState {
    /// The SDK factory.
    pub aws: AwsContext,
    /// Session key and timeouts.
    pub settings: AuthSettings,
    /// Sign-in attempts per client IP.
    pub per_ip: Arc<RateLimiter>,
    /// Sign-in attempts per access key ID.
    pub per_key: Arc<RateLimiter>,
    /// Where sign-ins, sign-outs and every change are recorded.
    pub audit: AuditLog,
    /// The saved views (in the same database).
    pub views: SavedViews,
    /// What every replica must agree on: launch tokens, sign-in counts.
    pub shared: Shared,
}

/// The client's IP address (from the connection), or `unknown` when serving in-process.
pub fn client_ip(extensions: &axum::http::Extensions) -> String {
    extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip().to_string())
        .unwrap_or_else(|| "unknown".into())
}

/// A path inside this console to return to, or `/` for anything else (no open redirects).
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n)
            if n.starts_with('/')
                && !n.starts_with("//")
                && !n.starts_with("/\\")
                && !n.contains(['\r', '\n']) =>
        {
            n.to_string()
        }
        _ => "/".into(),
    }
}

/// The sign-in form's fields.
#[derive(Deserialize)]
pub struct SignInForm {
    access_key_id: String,
    secret_access_key: String,
    #[serde(default)]
    session_token: String,
    region: String,
    #[serde(default)]
    mfa_serial: String,
    #[serde(default)]
    mfa_code: String,
    #[serde(default)]
    next: Option<String>,
}

fn session_failure(e: impl std::fmt::Display) -> Response {
    AppError::internal(format!("session store: {e}"))
        .to_string()
        .into_response()
}

/// `POST /auth/sign-in`: validates with STS, cycles the session ID, keeps the sealed credentials.
pub async fn sign_in(Extension(state): Extension<AuthState>, session: Session, request: Request) -> Response {
    let origin = crate::audit::Origin::of(request.extensions(), request.headers());
    let ip = origin.source_ip.clone();
    // The request's language (its cookie or Accept-Language) for the messages made on the way.
    let (parts, body) = request.into_parts();
    let owner = Owner::new();
    owner.with(|| provide_context(parts.clone()));
    let request = Request::from_parts(parts, body);
    let form = match Form::<SignInForm>::from_request(request, &()).await {
        Ok(Form(form)) => form,
        Err(rejection) => return rejection.into_response(),
    };
    let access_key_id = form.access_key_id.trim().to_string();
    let region = form.region.trim().to_string();
    let mfa_serial = form.mfa_serial.trim().to_string();
    let next = safe_next(form.next.as_deref());
    let back = format!("/sign-in?next={}", urlencode(&next));
    let fail = |error: AppError| SignInFlash {
        error: Some(error),
        access_key_id: access_key_id.clone(),
        region: region.clone(),
        mfa_serial: mfa_serial.clone(),
    };

    let limited = match state.per_ip.attempt(&ip).await {
        Ok(Ok(())) => state.per_key.attempt(&access_key_id).await,
        other => other,
    };
    let outcome = owner
        .with(|| {
            ScopedFuture::new_untracked(async {
                match limited {
                    Err(e) => Err(e),
                    Ok(Err(wait)) => Err(AppError::RateLimited(wait)),
                    // Refused rather than done unrecorded (`audit_required`).
                    Ok(Ok(())) if state.audit.ready().await.is_err() => {
                        Err(AppError::ConsoleStore("the audit log cannot record it".into()))
                    }
                    Ok(Ok(())) => match validate_sign_in(
                        &access_key_id,
                        form.secret_access_key.len(),
                        &region,
                        &mfa_serial,
                        form.mfa_code.trim(),
                    ) {
                        Err(e) => Err(e),
                        Ok(()) => {
                            let input = SignInInput {
                                access_key_id: access_key_id.clone(),
                                secret_access_key: form.secret_access_key.into(),
                                session_token: Some(form.session_token.trim().to_string())
                                    .filter(|t| !t.is_empty())
                                    .map(Into::into),
                                region: region.clone(),
                                mfa_serial: Some(mfa_serial.clone()).filter(|s| !s.is_empty()),
                                mfa_code: Some(form.mfa_code.trim().to_string()).filter(|s| !s.is_empty()),
                            };
                            auth::sign_in(&state.aws, &state.settings, input).await
                        }
                    },
                }
            })
        })
        .await;
    match outcome {
        Ok(user) => {
            if let Err(e) = session.cycle_id().await {
                return session_failure(e);
            }
            let _ = session.remove::<SignInFlash>(FLASH_KEY).await;
            if let Err(e) = auth::store_user(&session, &user).await {
                return e.to_string().into_response();
            }
            crate::audit::session_event(
                &state.audit,
                origin,
                "SignIn",
                &access_key_id,
                &region,
                Some(&user),
                Ok(()),
            )
            .await;
            tracing::info!(arn = %user.arn, access_key_id = %access_key_id, temporary = user.temporary, "signed in");
            global().count("console_sign_ins_total", &[("outcome", "ok")]);
            Redirect::to(&next).into_response()
        }
        Err(error) => {
            tracing::info!(access_key_id = %access_key_id, %ip, error = %error.title(), "sign-in refused");
            global().count("console_sign_ins_total", &[("outcome", "refused")]);
            if !matches!(error, AppError::ConsoleStore(_)) {
                crate::audit::session_event(
                    &state.audit,
                    origin,
                    "SignIn",
                    &access_key_id,
                    &region,
                    None,
                    Err(&error),
                )
                .await;
            }
            if let Err(e) = session.insert(FLASH_KEY, fail(error)).await {
                return session_failure(e);
            }
            Redirect::to(&back).into_response()
        }
    }
}

/// `POST /auth/sign-out`: deletes the session record and tells the browser to forget everything.
pub async fn sign_out(
    Extension(state): Extension<AuthState>,
    session: Session,
    request: Request,
) -> Response {
    let origin = crate::audit::Origin::of(request.extensions(), request.headers());
    if let Ok(Some(user)) = auth::load_user(&session).await {
        crate::audit::session_event(
            &state.audit,
            origin,
            "SignOut",
            &user.access_key_id,
            &user.region,
            Some(&user),
            Ok(()),
        )
        .await;
    }
    if let Err(e) = session.flush().await {
        return session_failure(e);
    }
    global().count("console_sign_outs_total", &[]);
    let mut response = Redirect::to("/sign-in").into_response();
    let headers = response.headers_mut();
    // Not "storage": this browser's storage holds only the per-user table preferences, nothing secret.
    headers.insert(
        "clear-site-data",
        HeaderValue::from_static("\"cache\", \"cookies\""),
    );
    // The session layer's own removal cookie lacks `Secure`, which a `__Host-` cookie needs to be replaced.
    headers.append(
        header::SET_COOKIE,
        HeaderValue::from_static(
            "__Host-ec2c-session=; Path=/; Max-Age=0; Secure; HttpOnly; SameSite=Strict",
        ),
    );
    response
}

/// The read-only switch's field.
#[derive(Deserialize)]
pub struct ReadOnlyForm {
    enabled: bool,
}

/// `POST /auth/read-only`: turns this session's read-only mode on or off, then returns to the page.
pub async fn set_read_only(
    session: Session,
    headers: axum::http::HeaderMap,
    Form(form): Form<ReadOnlyForm>,
) -> Response {
    let user: Option<StoredUser> = match auth::load_user(&session).await {
        Ok(u) => u,
        Err(e) => return e.to_string().into_response(),
    };
    let Some(mut user) = user else {
        return Redirect::to("/sign-in").into_response();
    };
    user.read_only = form.enabled;
    if let Err(e) = auth::store_user(&session, &user).await {
        return e.to_string().into_response();
    }
    let back = headers
        .get(header::REFERER)
        .and_then(|r| r.to_str().ok())
        .and_then(|r| {
            r.split_once("://")
                .and_then(|(_, rest)| rest.find('/').map(|i| rest[i..].to_string()))
        });
    Redirect::to(&safe_next(back.as_deref())).into_response()
}

/// Paths served without a session: the sign-in page, assets, health, and the endpoints that answer
/// for themselves (server functions return `NotSignedIn`).
pub fn is_public(path: &str) -> bool {
    path == "/sign-in"
        || path == "/healthz"
        || path == "/favicon.svg"
        || ["/auth/", "/pkg/", "/api/"].iter().any(|p| path.starts_with(p))
}

/// Middleware: pages need a live session; others go to sign-in and come back afterwards.
pub async fn require_sign_in(session: Session, request: Request, next: Next) -> Response {
    let path = request.uri().path();
    if is_public(path) {
        return next.run(request).await;
    }
    match auth::load_user(&session).await {
        Ok(Some(_)) => {
            crate::metrics::session_seen(&session);
            next.run(request).await
        }
        Ok(None) => {
            let target = request.uri().path_and_query().map(|p| p.as_str()).unwrap_or("/");
            Redirect::to(&format!("/sign-in?next={}", urlencode(target))).into_response()
        }
        Err(e) => (axum::http::StatusCode::SERVICE_UNAVAILABLE, e.to_string()).into_response(),
    }
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_limit_holds_per_key_and_reports_the_wait() {
        let path = std::env::temp_dir().join(format!("ec2c-limit-{}.sqlite3", std::process::id()));
        let _ = std::fs::remove_file(&path);
        let db = app::db::Db::open(&format!("sqlite://{}?mode=rwc", path.display()))
            .await
            .unwrap();
        let store = Shared(Arc::new(app::shared::DbShared::open(db).await.unwrap()));
        let minute = RateLimiter::new("test", 2, Duration::from_secs(60), store.clone());
        assert_eq!(minute.attempt("a").await.unwrap(), Ok(()));
        assert_eq!(minute.attempt("a").await.unwrap(), Ok(()));
        let wait = minute.attempt("a").await.unwrap().unwrap_err();
        assert!((59..=60).contains(&wait), "{wait}");
        assert_eq!(
            minute.attempt("b").await.unwrap(),
            Ok(()),
            "keys are counted apart"
        );
        let brief = RateLimiter::new("brief", 1, Duration::from_millis(300), store);
        assert_eq!(brief.attempt("a").await.unwrap(), Ok(()));
        assert_eq!(brief.attempt("a").await.unwrap(), Err(1));
        tokio::time::sleep(Duration::from_millis(350)).await;
        assert_eq!(
            brief.attempt("a").await.unwrap(),
            Ok(()),
            "a new window after the last one ended"
        );
    }

    #[test]
    fn next_never_leaves_the_console() {
        assert_eq!(
            safe_next(Some("/instances?region=eu-west-1")),
            "/instances?region=eu-west-1"
        );
        for bad in [
            "https://evil.example",
            "//evil.example",
            "/\\evil.example",
            "instances",
            "/a\r\nSet-Cookie: x",
        ] {
            assert_eq!(safe_next(Some(bad)), "/", "{bad:?}");
        }
        assert_eq!(safe_next(None), "/");
    }

    #[test]
    fn public_paths() {
        for p in [
            "/sign-in",
            "/healthz",
            "/pkg/ec2-console.wasm",
            "/api/list_instances123",
            "/auth/sign-in",
        ] {
            assert!(is_public(p), "{p}");
        }
        for p in ["/", "/instances", "/sign-in-please", "/network"] {
            assert!(!is_public(p), "{p}");
        }
    }

    #[test]
    fn urlencode_keeps_paths_readable() {
        assert_eq!(
            urlencode("/instances?region=eu-west-1&sort=-name"),
            "/instances%3Fregion%3Deu-west-1%26sort%3D-name"
        );
    }
}
