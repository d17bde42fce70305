//! The audit log against both real stores (SQLite and a PostgreSQL server): what is recorded for
//! changes, denials, bad input, sign-ins and sign-outs; the export; the hash chain and `verify`;
//! retention; two writers on one database; a store that is down.

use crate::common;

use crate::common::{moto_with_users, Options, TestApp};
use app::audit::filter::AuditQuery;
use app::audit::ssr::AuditLog;
use app::audit::{AuditFilter, AuditRecord};
use app::db::Db;
use app::error::AppError;
use app::instances::InstanceAction;
use http::StatusCode;
use leptos::server_fn::ServerFn;
use serde_json::json;
use sqlx::AnyPool;
use testkit::PostgresServer;

/// The store a test runs against.
enum Store {
    Sqlite,
    Postgres(PostgresServer),
}

impl Store {
    fn options(&self, name: &str) -> Options {
        let mut options = Options::new(name);
        if let Store::Postgres(pg) = self {
            options.audit_url = Some(pg.url());
        }
        options
    }

    /// The database URL the app's log uses.
    fn url(&self, options: &Options) -> String {
        match self {
            Store::Sqlite => format!("sqlite://{}", options.data_dir.join("audit.sqlite3").display()),
            Store::Postgres(pg) => pg.url(),
        }
    }
}

fn query(pairs: &[(&str, &str)]) -> AuditQuery {
    AuditFilter::from_params(|k| pairs.iter().find(|(n, _)| *n == k).map(|(_, v)| v.to_string()))
        .check()
        .unwrap()
}

async fn records(log: &AuditLog, account: &str, pairs: &[(&str, &str)]) -> Vec<AuditRecord> {
    log.list(account, &query(pairs)).await.unwrap().records
}

async fn action(app: &TestApp, cookie: &str, action: &str, ids: serde_json::Value) -> common::Reply {
    app.call_json(
        InstanceAction::PATH,
        json!({ "region": "us-east-1", "action": action, "ids": ids }),
        cookie,
    )
    .await
}

async fn changes_denials_bad_input_and_sessions_are_recorded(store: Store, name: &str) {
    let (moto, users, id) = moto_with_users().await;
    let options = store.options(name);
    let app = TestApp::new(&moto, &options).await;
    let alice = app.sign_in(&users.alice).await;
    let account = users.alice.arn.split(':').nth(4).unwrap().to_string();
    let refused = app.try_sign_in(&users.alice, Some("not-the-secret"), None).await;
    assert_eq!(refused.location.as_deref(), Some("/sign-in?next=/instances"));

    let ec2 = moto.ec2_as(&users.alice, "us-east-1").await;
    let ami = testkit::any_ami(&ec2).await;
    let second = testkit::launch(&ec2, &ami, "second", "t3.micro", 1)
        .await
        .remove(0);
    let reply = action(&app, &alice, "Stop", json!([id, second])).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let stop = records(&app.audit, &account, &[("action", "StopInstances")]).await;
    assert_eq!(stop.len(), 1, "one parent record for the bulk stop");
    let stop = &stop[0];
    assert_eq!(stop.principal, users.alice.arn);
    assert_eq!((stop.region.as_str(), stop.outcome.as_str()), ("us-east-1", "ok"));
    assert_eq!(stop.resources, [id.clone(), second.clone()]);
    assert_eq!(stop.items.len(), 2);
    assert!(
        stop.items
            .iter()
            .all(|i| i.outcome == "ok" && i.aws_request_id.is_some()),
        "{stop:?}"
    );
    assert_eq!(stop.aws_request_ids.len(), 2);
    assert_eq!(stop.apis, ["StopInstances"]);
    assert!(!stop.request_id.is_empty() && !stop.access_key_id.is_empty());

    let bob = app.sign_in(&users.bob).await;
    action(&app, &bob, "Terminate", json!([id])).await;
    let denied = &records(&app.audit, &account, &[("action", "TerminateInstances")]).await[0];
    assert_eq!(denied.principal, users.bob.arn);
    assert!(
        matches!(denied.outcome.as_str(), "UnauthorizedOperation" | "AccessDenied"),
        "{denied:?}"
    );
    assert_eq!(denied.items[0].resource, id);

    let bad = action(&app, &alice, "Terminate", json!(["i-nothex!"])).await;
    assert_ne!(bad.status, StatusCode::OK);
    let failed = records(&app.audit, &account, &[("outcome", "ValidationError")]).await;
    assert_eq!(failed.len(), 1, "the console's refusal is recorded");
    assert_eq!(failed[0].event, "TerminateInstances");

    let listed = app.get("/instances", Some(&alice)).await;
    assert_eq!(listed.status, StatusCode::OK);
    app.post_form("/auth/sign-out", "", Some(&alice)).await;

    let all = records(&app.audit, &account, &[]).await;
    let events: Vec<(&str, &str)> = all
        .iter()
        .rev()
        .map(|r| (r.event.as_str(), r.outcome.as_str()))
        .collect();
    assert_eq!(events.len(), 7, "{events:?}");
    assert_eq!(events[0], ("SignIn", "ok"));
    assert_eq!(events[1].0, "SignIn");
    assert_ne!(
        events[1].1, "ok",
        "the refused sign-in, in the account its key signed in to"
    );
    assert_eq!(events[6], ("SignOut", "ok"));
    assert!(all.windows(2).all(|w| w[0].seq > w[1].seq), "newest first");
    assert_eq!(records(&app.audit, &account, &[("resource", &id)]).await.len(), 2);
    assert_eq!(
        records(&app.audit, &account, &[("outcome", "failed")])
            .await
            .len(),
        3
    );
    assert_eq!(
        records(&app.audit, &account, &[("who", "USER/BOB")]).await.len(),
        2
    );
    assert!(
        records(&app.audit, "999999999999", &[]).await.is_empty(),
        "another account sees nothing"
    );
    let report = app.audit.verify().await.unwrap();
    assert_eq!((report.checked, report.broken), (7, None));

    let alice = app.sign_in(&users.alice).await;
    let csv = app
        .get("/audit/export?format=csv&action=StopInstances", Some(&alice))
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.headers[http::header::CONTENT_DISPOSITION]
        .to_str()
        .unwrap()
        .contains(".csv"));
    let lines: Vec<&str> = csv.body.lines().collect();
    assert_eq!(lines.len(), 2, "{}", csv.body);
    assert!(lines[0].starts_with("Record,Time (UTC),Principal") && lines[1].contains(&second));
    let json = app.get("/audit/export?format=json&who=alice", Some(&alice)).await;
    let exported: Vec<AuditRecord> = serde_json::from_str(&json.body).unwrap();
    assert!(exported.iter().all(|r| r.principal == users.alice.arn) && exported.len() >= 4);
    let bad = app
        .get("/audit/export?format=csv&from=yesterday", Some(&alice))
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.body.contains("from"), "{}", bad.body);
    assert_eq!(
        app.get("/audit/export?format=csv", None).await.status,
        StatusCode::SEE_OTHER
    );
    drop(store);
}

#[tokio::test]
async fn sqlite_records_changes_denials_bad_input_and_sessions() {
    changes_denials_bad_input_and_sessions_are_recorded(Store::Sqlite, "audit-sqlite").await;
}

#[tokio::test]
async fn postgres_records_changes_denials_bad_input_and_sessions() {
    let store = Store::Postgres(PostgresServer::start());
    changes_denials_bad_input_and_sessions_are_recorded(store, "audit-pg").await;
}

fn record(event: &str) -> AuditRecord {
    AuditRecord {
        account: "123456789012".into(),
        principal: "arn:aws:iam::123456789012:user/alice".into(),
        event: event.into(),
        resources: vec!["i-0123".into()],
        outcome: "ok".into(),
        ..AuditRecord::default()
    }
}

async fn raw(url: &str) -> AnyPool {
    sqlx::any::install_default_drivers();
    AnyPool::connect(url).await.unwrap()
}

async fn tampering_retention_and_two_writers(store: Store, name: &str) {
    let options = store.options(name);
    std::fs::create_dir_all(&options.data_dir).unwrap();
    let url = match &store {
        Store::Sqlite => format!("{}?mode=rwc", store.url(&options)),
        Store::Postgres(pg) => pg.url(),
    };
    let log = AuditLog::open(Db::open(&url).await.unwrap(), true).await.unwrap();
    let other = AuditLog::open(Db::open(&url).await.unwrap(), true).await.unwrap();
    // Two writers (two replicas' pools) appending at once keep one chain.
    let writes = (0..40).map(|i| {
        let log = if i % 2 == 0 { log.clone() } else { other.clone() };
        async move { log.append(record("StopInstances")).await.unwrap().seq }
    });
    let mut seqs = futures::future::join_all(writes).await;
    seqs.sort();
    assert_eq!(seqs, (1..=40).collect::<Vec<_>>());
    assert_eq!(log.verify().await.unwrap().broken, None);
    // A check while another replica appends: what lands after the head it read is not a break.
    let appending = async {
        for _ in 0..20 {
            other.append(record("StartInstances")).await.unwrap();
        }
    };
    let checking = async {
        let mut reports = Vec::new();
        for _ in 0..20 {
            reports.push(log.verify().await.unwrap());
        }
        reports
    };
    let ((), reports) = tokio::join!(appending, checking);
    assert!(reports.iter().all(|r| r.broken.is_none()), "{reports:?}");
    assert!(
        reports.iter().any(|r| r.checked > 40 && r.checked < 60),
        "{reports:?}"
    );
    assert_eq!(log.verify().await.unwrap().checked, 60);

    let db = raw(&url).await;
    sqlx::query("UPDATE audit_log SET body = replace(body, 'StopInstances', 'StartInstances') WHERE seq = 7")
        .execute(&db)
        .await
        .unwrap();
    let report = other.verify().await.unwrap();
    assert_eq!(report.broken.as_ref().map(|b| b.0), Some(7), "{report:?}");
    assert_eq!(report.checked, 6);
    sqlx::query("UPDATE audit_log SET body = replace(body, 'StartInstances', 'StopInstances') WHERE seq = 7")
        .execute(&db)
        .await
        .unwrap();
    assert_eq!(log.verify().await.unwrap().broken, None, "restored");
    sqlx::query("UPDATE audit_log SET outcome = 'AccessDenied' WHERE seq = 12")
        .execute(&db)
        .await
        .unwrap();
    let report = log.verify().await.unwrap();
    assert_eq!(report.broken.as_ref().map(|b| b.0), Some(12));
    assert!(report.summary().contains("columns"), "{}", report.summary());
    sqlx::query("UPDATE audit_log SET outcome = 'ok' WHERE seq = 12")
        .execute(&db)
        .await
        .unwrap();
    sqlx::query("DELETE FROM audit_log WHERE seq = 20")
        .execute(&db)
        .await
        .unwrap();
    assert_eq!(log.verify().await.unwrap().broken.map(|b| b.0), Some(20));
    sqlx::query("DELETE FROM audit_log WHERE seq >= 20")
        .execute(&db)
        .await
        .unwrap();
    let report = log.verify().await.unwrap();
    assert!(
        report.summary().contains("missing"),
        "a cut tail is found: {}",
        report.summary()
    );

    // Retention: nothing is recent enough to go, then everything goes but the purge's own record.
    let fresh = format!("{name}-fresh");
    let (log, url) = match &store {
        Store::Sqlite => {
            let dir = Options::new(&fresh).data_dir;
            std::fs::create_dir_all(&dir).unwrap();
            let url = format!("sqlite://{}?mode=rwc", dir.join("audit.sqlite3").display());
            (
                AuditLog::open(Db::open(&url).await.unwrap(), true).await.unwrap(),
                url,
            )
        }
        Store::Postgres(pg) => {
            let db = raw(&pg.url()).await;
            sqlx::query("DROP TABLE audit_log").execute(&db).await.unwrap();
            sqlx::query("DROP TABLE audit_head").execute(&db).await.unwrap();
            (
                AuditLog::open(Db::open(&pg.url()).await.unwrap(), true)
                    .await
                    .unwrap(),
                pg.url(),
            )
        }
    };
    for _ in 0..5 {
        log.append(record("CreateVolume")).await.unwrap();
    }
    assert_eq!(log.purge(1).await.unwrap(), 0);
    assert_eq!(log.verify().await.unwrap().checked, 5);
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    assert_eq!(log.purge(0).await.unwrap(), 5);
    let report = log.verify().await.unwrap();
    assert_eq!((report.checked, report.broken), (1, None));
    let latest = log.latest().await.unwrap().unwrap();
    assert_eq!((latest.seq, latest.event.as_str()), (6, "PurgeAuditLog"));
    assert!(latest.parameters.contains("removed=5"));
    log.append(record("DeleteVolume")).await.unwrap();
    assert_eq!(
        log.verify().await.unwrap(),
        app::audit::ChainReport {
            checked: 2,
            broken: None
        }
    );
    let db = raw(&url).await;
    sqlx::query("UPDATE audit_head SET purged_hash = 'x' WHERE id = 1")
        .execute(&db)
        .await
        .unwrap();
    assert_eq!(
        log.verify().await.unwrap().broken.map(|b| b.0),
        Some(6),
        "the anchor is part of the chain"
    );
}

#[tokio::test]
async fn sqlite_chain_tampering_retention_and_two_writers() {
    tampering_retention_and_two_writers(Store::Sqlite, "chain-sqlite").await;
}

#[tokio::test]
async fn postgres_chain_tampering_retention_and_two_writers() {
    tampering_retention_and_two_writers(Store::Postgres(PostgresServer::start()), "chain-pg").await;
}

#[tokio::test]
async fn a_store_that_is_down_refuses_changes_and_sign_ins_and_changes_nothing() {
    let (moto, users, id) = moto_with_users().await;
    let mut pg = PostgresServer::start();
    let mut options = Options::new("audit-down");
    options.audit_url = Some(pg.url());
    let app = TestApp::new(&moto, &options).await;
    let alice = app.sign_in(&users.alice).await;
    pg.stop();
    let reply = action(&app, &alice, "Stop", json!([id])).await;
    let error: AppError = serde_json::from_str(&reply.body).unwrap_or_else(|e| panic!("{e}: {}", reply.body));
    assert!(matches!(error, AppError::ConsoleStore(_)), "{error:?}");
    assert!(error.to_string().contains("nothing was changed"));
    let ec2 = moto.ec2_as(&users.alice, "us-east-1").await;
    let out = ec2.describe_instances().instance_ids(&id).send().await.unwrap();
    let state = out.reservations()[0].instances()[0]
        .state()
        .unwrap()
        .name()
        .unwrap()
        .as_str()
        .to_string();
    assert_eq!(state, "running", "refused rather than done unrecorded");
    let refused = app.try_sign_in(&users.alice, None, None).await;
    assert_eq!(refused.location.as_deref(), Some("/sign-in?next=/instances"));
    let page = app
        .get("/sign-in?next=/instances", refused.cookie.as_deref())
        .await;
    // The sign-in limits are counted in the same database (sessions are not in Redis here): the
    // first thing the sign-in asks of it says so.
    assert!(
        page.body.contains("the shared store did not answer"),
        "{}",
        page.body
    );
    let read = app.get("/instances", Some(&alice)).await;
    assert_eq!(
        read.status,
        StatusCode::OK,
        "reading goes on while the log is down"
    );
}

#[tokio::test]
async fn every_client_names_the_console_in_its_user_agent() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let endpoint = format!("http://{}", listener.local_addr().unwrap());
    let seen = tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut buf = vec![0u8; 16 << 10];
        let n = socket.read(&mut buf).await.unwrap();
        let _ = socket
            .write_all(b"HTTP/1.1 500 Internal Server Error\r\ncontent-length: 0\r\n\r\n")
            .await;
        String::from_utf8_lossy(&buf[..n]).to_lowercase()
    });
    let base = aws_config::defaults(aws_config::BehaviorVersion::latest())
        .endpoint_url(&endpoint)
        .region(aws_config::Region::new("us-east-1"))
        .no_credentials()
        .load()
        .await;
    let aws = app::aws::AwsContext::new(base, "us-east-1");
    let creds = app::cipher::Credentials {
        access_key_id: "AKIAEXAMPLE".into(),
        secret_access_key: "secret".to_string().into(),
        session_token: None,
    };
    let _ = aws
        .ec2_as(&creds, "123456789012", "us-east-1")
        .describe_regions()
        .send()
        .await;
    let request = seen.await.unwrap();
    let agent = request
        .lines()
        .find(|l| l.starts_with("x-amz-user-agent:"))
        .unwrap_or_default();
    assert!(agent.contains("app/ec2-console"), "{request}");
}
