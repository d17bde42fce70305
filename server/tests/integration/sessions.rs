//! Sessions survive a console restart, with the SQLite store and with Redis.

use crate::common::{moto_with_users, Options, TestApp};
use http::StatusCode;
use testkit::RedisServer;

async fn survives_restart(options: Options) {
    let (moto, users, _) = moto_with_users().await;
    let first = TestApp::new(&moto, &options).await;
    let cookie = first.sign_in(&users.alice).await;
    drop(first);

    let restarted = TestApp::new(&moto, &options).await;
    let reply = restarted.get("/instances?region=us-east-1", Some(&cookie)).await;
    assert_eq!(reply.status, StatusCode::OK, "signed out by a restart");
    assert!(reply.body.contains("seeded") && reply.body.contains(&users.alice.arn));

    let mut other_key = options;
    other_key.key = [7; 32];
    let rekeyed = TestApp::new(&moto, &other_key).await;
    let reply = rekeyed.get("/instances?region=us-east-1", Some(&cookie)).await;
    assert!(
        !reply.body.contains("seeded"),
        "credentials opened with the wrong key"
    );
}

#[tokio::test]
async fn sqlite_sessions_survive_a_restart() {
    survives_restart(Options::new("sqlite-restart")).await;
}

#[tokio::test]
async fn redis_sessions_survive_a_restart() {
    let redis = RedisServer::start();
    let mut options = Options::new("redis-restart");
    options.redis_url = Some(redis.url());
    survives_restart(options).await;
}
