//! Two console processes (the release binary) sharing one Redis (sessions, launch tokens, sign-in
//! counts) and one PostgreSQL (audit log, saved views), each request sent by the test's own
//! round-robin: what one replica knows, the other does.

use app::launch::{LaunchInstances, LaunchRequest, LaunchResult, VolumeSpec};
use leptos::server_fn::ServerFn;
use serde_json::json;
use std::path::PathBuf;
use std::process::Command;
use testkit::{Console, MotoServer, PostgresServer, RedisServer, TEST_ACCESS_KEY};

const SECRET: &str = "test-secret";
/// base64 of 32 bytes: both replicas must seal sessions with the same key.
const KEY: &str = "KioqKioqKioqKioqKioqKioqKioqKioqKioqKioqKio=";
const AL2023_X86: &str = "ami-0a1e2d3c4b5a60001";

fn data_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ec2c-replica-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// Posts the sign-in form with a wrong secret; returns what the sign-in page then says.
async fn refused_sign_in(replica: &Console, key: &str) -> String {
    let form = format!("access_key_id={key}&secret_access_key=wrong&region=us-east-1&next=%2F");
    let (status, headers, _) = replica
        .http
        .send("POST", "/auth/sign-in", None, Some(&form))
        .await
        .unwrap();
    assert_eq!(status, 303);
    let cookie = headers
        .get_all(http::header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| !c.contains("Max-Age=0"))
        .and_then(|c| c.split(';').next())
        .expect("a session cookie with the refusal")
        .to_string();
    let (_, _, page) = replica
        .http
        .send("GET", "/sign-in", Some(&cookie), None)
        .await
        .unwrap();
    String::from_utf8_lossy(&page).into_owned()
}

fn launch_result(status: u16, body: &[u8]) -> LaunchResult {
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(body));
    serde_json::from_slice(body).unwrap()
}

#[tokio::test]
async fn two_replicas_share_sessions_launch_tokens_sign_in_limits_and_one_audit_chain() {
    let moto = MotoServer::start_with_demo_amis();
    let redis = RedisServer::start();
    let pg = PostgresServer::start();
    let (redis_url, pg_url) = (redis.url(), pg.url());
    let settings = [
        ("EC2C_DEMO", "false"),
        ("EC2C_SESSION_KEY", KEY),
        ("EC2C_SESSION_STORE", "redis"),
        ("EC2C_REDIS_URL", redis_url.as_str()),
        ("EC2C_AUDIT_STORE", "postgres"),
        ("EC2C_AUDIT_URL", pg_url.as_str()),
        ("EC2C_SIGN_IN_PER_KEY_PER_MIN", "3"),
    ];
    let (a, _) = Console::start_with(&moto.endpoint(), &data_dir("a"), &settings).await;
    let (b, _) = Console::start_with(&moto.endpoint(), &data_dir("b"), &settings).await;
    let replicas = [&a, &b];

    // Signed in on one replica, signed in on the other.
    let cookie = a.sign_in(TEST_ACCESS_KEY, SECRET).await.unwrap();
    let (status, _, page) = b
        .http
        .send("GET", "/instances?region=us-east-1", Some(&cookie), None)
        .await
        .unwrap();
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&page));

    // One launch, submitted to both replicas at once with one token: one instance.
    let request = LaunchRequest {
        image_id: AL2023_X86.into(),
        instance_type: "t3.micro".into(),
        client_token: "two-replicas".into(),
        root: VolumeSpec::gp3("/dev/xvda", 16, true),
        ..LaunchRequest::default()
    };
    let body = json!({ "region": "us-east-1", "request": request }).to_string();
    let (first, second) = tokio::join!(
        a.http.post_json(LaunchInstances::PATH, &cookie, &body),
        b.http.post_json(LaunchInstances::PATH, &cookie, &body)
    );
    let (first, second) = (first.unwrap(), second.unwrap());
    let (first, second) = (
        launch_result(first.0, &first.2),
        launch_result(second.0, &second.2),
    );
    assert_eq!(first.instance_ids, second.instance_ids);
    assert_eq!(first.instance_ids.len(), 1);
    assert!(first.replayed != second.replayed, "exactly one replica launched");
    let ec2 = moto.ec2("us-east-1").await;
    let out = ec2.describe_instances().send().await.unwrap();
    let launched: usize = out.reservations().iter().map(|r| r.instances().len()).sum();
    assert_eq!(launched, 1, "moto would have launched twice");

    // The sign-in limit (3 a minute per key) holds across both replicas.
    let key = "AKIAIOSFODNN7EXAMPLE";
    for attempt in 0..3 {
        let said = refused_sign_in(replicas[attempt % 2], key).await;
        assert!(
            !said.contains("Too many sign-in attempts"),
            "attempt {attempt}: {said}"
        );
    }
    let said = refused_sign_in(replicas[1], key).await;
    assert!(
        said.contains("Too many sign-in attempts"),
        "the fourth, on the other replica"
    );

    // Both replicas appended to one chain, which verifies.
    let verify = Command::new(testkit::console::server_binary())
        .arg("audit-verify")
        .current_dir(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(".."))
        .envs(settings)
        .env("EC2C_DATA_DIR", data_dir("verify"))
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&verify.stdout);
    assert!(
        verify.status.success(),
        "{report} {}",
        String::from_utf8_lossy(&verify.stderr)
    );
    let checked: usize = report
        .split_whitespace()
        .find_map(|w| w.parse().ok())
        .expect("a count of records");
    assert!(
        checked >= 7,
        "sign-in, two launches, four refused sign-ins: {report}"
    );
    let db = app::db::Db::open(&pg_url).await.unwrap();
    let rows = db.fetch_all("SELECT body FROM audit_log", vec![]).await.unwrap();
    let prefixes: std::collections::BTreeSet<String> = rows
        .iter()
        .map(|r| {
            let record: app::audit::AuditRecord =
                serde_json::from_str(&sqlx::Row::get::<String, _>(r, 0)).unwrap();
            record
                .request_id
                .split('-')
                .next()
                .unwrap_or_default()
                .to_string()
        })
        .collect();
    assert_eq!(prefixes.len(), 2, "records from both replicas: {prefixes:?}");
}
