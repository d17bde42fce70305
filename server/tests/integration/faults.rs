//! Faults: throttling from the endpoint, the endpoint going away and coming back, and the Redis
//! session store restarting. A `FaultProxy` sits between the console and moto.

use crate::common;

use crate::common::{moto_with_users, Options, TestApp};
use app::dashboard::DashboardCount;
use app::error::AppError;
use http::StatusCode;
use leptos::server_fn::ServerFn;
use std::time::Duration;
use testkit::{FaultProxy, RedisServer};

const PAGE: &str = "/instances?region=us-east-1";

/// The dashboard's running-instances count, as the page asks for it.
async fn running(app: &TestApp, cookie: &str) -> common::Reply {
    app.post_form(
        DashboardCount::PATH,
        "region=us-east-1&kind=RunningInstances",
        Some(cookie),
    )
    .await
}

#[tokio::test]
async fn throttling_is_retried_with_back_off_and_surfaced_when_it_persists() {
    let (moto, users, _) = moto_with_users().await;
    let proxy = FaultProxy::start(&moto.endpoint()).await;
    let app = TestApp::at(&proxy.endpoint(), &Options::new("throttle")).await;
    let alice = app.sign_in(&users.alice).await;

    proxy.throttle_next(2);
    let started = std::time::Instant::now();
    let page = app.get(PAGE, Some(&alice)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("seeded"),
        "two throttled answers were not retried"
    );
    assert_eq!(proxy.throttled(), 2);
    assert!(
        started.elapsed() >= std::time::Duration::from_millis(50),
        "retries came without back-off"
    );

    proxy.throttle_always(true);
    let before = proxy.throttled();
    let page = app.get(PAGE, Some(&alice)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("RequestLimitExceeded"), "{}", page.body);
    assert!(page.body.contains("Request limit exceeded."));
    assert!(page.body.contains(">Retry<"), "no retry control");
    assert!(
        proxy.throttled() - before >= 3,
        "a persistent throttle is retried before it is surfaced"
    );

    proxy.throttle_always(false);
    let page = app.get(PAGE, Some(&alice)).await;
    assert!(page.body.contains("seeded"), "did not recover after throttling");
}

#[tokio::test]
async fn an_endpoint_that_never_answers_times_out_as_unreachable_and_recovers() {
    let (moto, users, _) = moto_with_users().await;
    let proxy = FaultProxy::start(&moto.endpoint()).await;
    let mut options = Options::new("silent");
    options.aws_timeouts = Some((Duration::from_millis(500), Duration::from_millis(1200)));
    let app = TestApp::at(&proxy.endpoint(), &options).await;
    let alice = app.sign_in(&users.alice).await;

    proxy.set_delay(Duration::from_secs(3));
    let page = app.get(PAGE, Some(&alice)).await;
    assert_eq!(page.status, StatusCode::OK, "the page itself still renders");
    assert!(page.body.contains("EC2 endpoint unreachable"), "{}", page.body);
    assert!(
        page.body.contains("timeout"),
        "the detail names the timeout: {}",
        page.body
    );
    assert!(!page.body.contains("seeded"));

    proxy.set_delay(Duration::ZERO);
    let page = app.get(PAGE, Some(&alice)).await;
    assert!(page.body.contains("seeded"), "did not recover: {}", page.body);
}

#[tokio::test]
async fn an_unreachable_endpoint_is_named_and_the_console_recovers_when_it_returns() {
    let (moto, users, _) = moto_with_users().await;
    let proxy = FaultProxy::start(&moto.endpoint()).await;
    let app = TestApp::at(&proxy.endpoint(), &Options::new("unreachable")).await;
    let alice = app.sign_in(&users.alice).await;

    proxy.stop();
    let page = app.get(PAGE, Some(&alice)).await;
    assert_eq!(page.status, StatusCode::OK, "the page itself still renders");
    assert!(page.body.contains("EC2 endpoint unreachable"), "{}", page.body);
    assert!(page.body.contains(">Retry<"), "no retry control");
    assert!(!page.body.contains("seeded"));

    let count = running(&app, &alice).await;
    assert_ne!(count.status, StatusCode::OK);
    let error: AppError = serde_json::from_str(&count.body).expect("a typed error");
    assert!(matches!(error, AppError::Unreachable(_)), "{error:?}");

    proxy.resume().await;
    let page = app.get(PAGE, Some(&alice)).await;
    assert!(page.body.contains("seeded"), "did not recover: {}", page.body);
    let count = running(&app, &alice).await;
    assert_eq!(count.status, StatusCode::OK, "{}", count.body);
    assert_eq!(count.body.trim(), r#"{"value":1,"missing":[]}"#);
}

#[tokio::test]
async fn a_redis_restart_signs_nobody_out_and_the_outage_fails_clearly() {
    let dir = std::env::temp_dir().join(format!("ec2c-redis-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let mut redis = RedisServer::start_persistent(&dir);
    let (moto, users, _) = moto_with_users().await;
    let mut options = Options::new("redis-outage");
    options.redis_url = Some(redis.url());
    let app = TestApp::new(&moto, &options).await;
    let alice = app.sign_in(&users.alice).await;
    let bob = app.sign_in(&users.bob).await;

    redis.stop();
    let page = app.get(PAGE, Some(&alice)).await;
    assert!(
        page.status.is_server_error(),
        "served without its session store: {}",
        page.status
    );
    assert!(
        page.body.contains("session store"),
        "an unclear failure: {:?}",
        page.body
    );

    redis.restart();
    for (who, cookie, user) in [("alice", &alice, &users.alice), ("bob", &bob, &users.bob)] {
        let mut page = app.get(PAGE, Some(cookie)).await;
        for _ in 0..50 {
            if page.status == StatusCode::OK {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            page = app.get(PAGE, Some(cookie)).await;
        }
        assert_eq!(
            page.status,
            StatusCode::OK,
            "{who} after the restart: {}",
            page.body
        );
        assert!(
            page.body.contains(&user.arn),
            "{who} was signed out by the restart"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
