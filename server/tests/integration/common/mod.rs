//! `TestApp`: the console's router in-process (no socket), a real moto behind it, a real session store.
#![allow(dead_code)]

use app::audit::ssr::AuditLog;
use app::auth::ssr::AuthSettings;
use app::aws::AwsContext;
use axum::body::Body;
use axum::response::Response;
use http::{header, Request, StatusCode};
use leptos::prelude::LeptosOptions;
use server::auth_routes::{AuthState, RateLimiter};
use server::config::{AuditStoreKind, MetricsAt, SessionStoreKind, Settings};
use server::security::OriginPolicy;
use server::sessions;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use testkit::{IamUser, MotoServer};
use tower::ServiceExt;

pub const HOST: &str = "127.0.0.1:3000";
pub const ORIGIN: &str = "http://127.0.0.1:3000";

/// How to build a test app.
pub struct Options {
    pub data_dir: PathBuf,
    pub key: [u8; 32],
    pub redis_url: Option<String>,
    pub absolute_timeout: Duration,
    pub per_key_per_min: usize,
    pub server_read_only: bool,
    /// How long an AWS attempt and a whole call may wait (the console's defaults when `None`).
    pub aws_timeouts: Option<(Duration, Duration)>,
    pub metrics: MetricsAt,
    /// The audit log's PostgreSQL URL (SQLite under `data_dir` when `None`).
    pub audit_url: Option<String>,
    /// Refuse changes while the audit log cannot record them.
    pub audit_required: bool,
    /// How all-regions views fan out (the console's defaults when `None`).
    pub fan_out: Option<app::regions::ssr::FanOut>,
}

impl Options {
    pub fn new(name: &str) -> Self {
        let data_dir = std::env::temp_dir().join(format!("ec2c-test-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&data_dir);
        Self {
            data_dir,
            key: [42; 32],
            redis_url: None,
            absolute_timeout: Duration::from_secs(3600),
            per_key_per_min: 50,
            server_read_only: false,
            aws_timeouts: None,
            metrics: MetricsAt::Off,
            audit_url: None,
            audit_required: true,
            fan_out: None,
        }
    }

    /// The site's files (`pkg/`, `public/` assets): a folder under `data_dir`, empty until a test writes it.
    pub fn site_root(&self) -> PathBuf {
        self.data_dir.join("site")
    }
}

pub struct TestApp {
    pub router: axum::Router,
    pub aws: AwsContext,
    pub audit: AuditLog,
}

/// The response's status, `Location`, session cookie (if set) and body.
pub struct Reply {
    pub status: StatusCode,
    pub location: Option<String>,
    pub cookie: Option<String>,
    pub set_cookies: Vec<String>,
    pub headers: http::HeaderMap,
    pub body: String,
}

impl TestApp {
    pub async fn new(moto: &MotoServer, options: &Options) -> Self {
        Self::at(&moto.endpoint(), options).await
    }

    /// A test app whose AWS endpoint is `endpoint` (a `FaultProxy` in front of moto, say).
    pub async fn at(endpoint: &str, options: &Options) -> Self {
        use base64::Engine as _;
        let settings = Settings {
            data_dir: options.data_dir.clone(),
            session_store: if options.redis_url.is_some() {
                SessionStoreKind::Redis
            } else {
                SessionStoreKind::Sqlite
            },
            redis_url: options.redis_url.clone(),
            session_key: Some(
                base64::engine::general_purpose::STANDARD
                    .encode(options.key)
                    .into(),
            ),
            audit_store: if options.audit_url.is_some() {
                AuditStoreKind::Postgres
            } else {
                AuditStoreKind::Sqlite
            },
            audit_url: options.audit_url.clone(),
            audit_required: options.audit_required,
            ..Settings::default()
        };
        let base = aws_config::defaults(aws_config::BehaviorVersion::latest())
            .endpoint_url(endpoint)
            .region(aws_config::Region::new("us-east-1"))
            .no_credentials()
            .load()
            .await;
        let mut aws = AwsContext::new(base, "us-east-1");
        if let Some((attempt, operation)) = options.aws_timeouts {
            aws = aws.with_timeouts(attempt, operation);
        }
        if let Some(fan_out) = options.fan_out.clone() {
            aws = aws.with_fan_out(fan_out);
        }
        let (audit, views, db) = server::audit::open(&settings).await.unwrap();
        let store = sessions::open_store(&settings).await.unwrap();
        let shared = server::shared::open(store.redis(), db).await.unwrap();
        let auth = AuthState {
            aws: aws.clone(),
            settings: AuthSettings {
                cipher: Arc::new(sessions::load_cipher(&settings).unwrap()),
                absolute_timeout: options.absolute_timeout,
                server_read_only: options.server_read_only,
            },
            per_ip: Arc::new(RateLimiter::new(
                "ip",
                1000,
                Duration::from_secs(60),
                shared.clone(),
            )),
            per_key: Arc::new(RateLimiter::new(
                "key",
                options.per_key_per_min,
                Duration::from_secs(60),
                shared.clone(),
            )),
            audit: audit.clone(),
            views,
            shared,
        };
        let router = server::startup::router(
            LeptosOptions::builder()
                .output_name("ec2-console")
                .site_root(options.site_root().to_string_lossy().into_owned())
                .build(),
            auth,
            OriginPolicy::default(),
            sessions::layer(store, 30),
            options.metrics,
        );
        Self { router, aws, audit }
    }

    pub async fn send(&self, request: Request<Body>) -> Reply {
        let response: Response = self.router.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let location = headers
            .get(header::LOCATION)
            .map(|v| v.to_str().unwrap().to_string());
        let set_cookies: Vec<String> = headers
            .get_all(header::SET_COOKIE)
            .iter()
            .map(|v| v.to_str().unwrap().to_string())
            .collect();
        let cookie = set_cookies
            .iter()
            .find(|c| c.starts_with(&format!("{}=", sessions::COOKIE_NAME)) && !c.contains("Max-Age=0"))
            .map(|c| c.split(';').next().unwrap().to_string());
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap();
        Reply {
            status,
            location,
            cookie,
            set_cookies,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    pub async fn get(&self, uri: &str, cookie: Option<&str>) -> Reply {
        let cookie = cookie.map(|c| (header::COOKIE, c));
        self.get_with(uri, cookie.as_slice()).await
    }

    /// A GET with extra request headers (a cookie, `If-Modified-Since`, `Accept-Encoding`…).
    pub async fn get_with(&self, uri: &str, headers: &[(header::HeaderName, &str)]) -> Reply {
        let mut req = Request::get(uri).header(header::HOST, HOST);
        for (name, value) in headers {
            req = req.header(name, *value);
        }
        self.send(req.body(Body::empty()).unwrap()).await
    }

    /// A same-origin form POST, as the browser sends it.
    pub async fn post_form(&self, uri: &str, form: &str, cookie: Option<&str>) -> Reply {
        let mut req = Request::post(uri)
            .header(header::HOST, HOST)
            .header(header::ORIGIN, ORIGIN)
            .header("sec-fetch-site", "same-origin")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        self.send(req.body(Body::from(form.to_string())).unwrap()).await
    }

    /// Calls a JSON-encoded server function as the page does (same origin), with `cookie`.
    pub async fn call_json(&self, path: &str, body: serde_json::Value, cookie: &str) -> Reply {
        let req = Request::post(path)
            .header(header::HOST, HOST)
            .header(header::ORIGIN, ORIGIN)
            .header("sec-fetch-site", "same-origin")
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::ACCEPT, "application/json")
            .header(header::COOKIE, cookie);
        self.send(req.body(Body::from(body.to_string())).unwrap()).await
    }

    /// Posts the sign-in form for `user` (with `secret` instead of theirs when given).
    pub async fn try_sign_in(&self, user: &IamUser, secret: Option<&str>, cookie: Option<&str>) -> Reply {
        let form = format!(
            "access_key_id={}&secret_access_key={}&region=us-east-1&next=%2Finstances",
            user.access_key_id,
            urlencode(secret.unwrap_or(&user.secret_access_key))
        );
        self.post_form("/auth/sign-in", &form, cookie).await
    }

    /// Signs `user` in and returns the session cookie (`name=value`).
    pub async fn sign_in(&self, user: &IamUser) -> String {
        let reply = self.try_sign_in(user, None, None).await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER);
        assert_eq!(reply.location.as_deref(), Some("/instances"), "sign-in failed");
        reply.cookie.expect("a session cookie")
    }
}

pub use testkit::urlencode;

/// moto with the demo's two IAM users and one instance named `seeded` in us-east-1, auth on.
pub async fn moto_with_users() -> (MotoServer, testkit::IamUsers, String) {
    let moto = MotoServer::start();
    let ec2 = moto.ec2("us-east-1").await;
    let ami = testkit::any_ami(&ec2).await;
    let id = testkit::launch(&ec2, &ami, "seeded", "t3.micro", 1)
        .await
        .remove(0);
    let users = moto.enable_iam_users();
    (moto, users, id)
}
