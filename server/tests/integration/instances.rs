//! The instance server functions over HTTP, as the browser calls them: permissions, read-only mode,
//! bad input, and the list's SSR for a large estate.

use crate::common;

use crate::common::{moto_with_users, Options, TestApp};
use app::error::AppError;
use app::instances::{ActionOutcome, InstanceAction};
use http::StatusCode;
use leptos::server_fn::ServerFn;
use serde_json::json;
use testkit::MotoServer;

async fn state(moto: &MotoServer, user: &testkit::IamUser, id: &str) -> String {
    let out = moto
        .ec2_as(user, "us-east-1")
        .await
        .describe_instances()
        .instance_ids(id)
        .send()
        .await
        .unwrap();
    out.reservations()[0].instances()[0]
        .state()
        .unwrap()
        .name()
        .unwrap()
        .as_str()
        .to_string()
}

async fn terminate(app: &TestApp, cookie: &str, ids: serde_json::Value) -> common::Reply {
    app.call_json(
        InstanceAction::PATH,
        json!({ "region": "us-east-1", "action": "Terminate", "ids": ids }),
        cookie,
    )
    .await
}

#[tokio::test]
async fn a_denied_terminate_reports_not_permitted_and_the_instance_keeps_running() {
    let (moto, users, id) = moto_with_users().await;
    let app = TestApp::new(&moto, &Options::new("deny-http")).await;
    let bob = app.sign_in(&users.bob).await;
    let reply = terminate(&app, &bob, json!([id])).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let outcomes: Vec<ActionOutcome> = serde_json::from_str(&reply.body).unwrap();
    let err = outcomes[0].result.clone().expect_err("bob may not terminate");
    assert!(err.is_not_permitted(), "unexpected error: {err:?}");
    assert_eq!(state(&moto, &users.alice, &id).await, "running");

    let alice = app.sign_in(&users.alice).await;
    let reply = terminate(&app, &alice, json!([id])).await;
    let outcomes: Vec<ActionOutcome> = serde_json::from_str(&reply.body).unwrap();
    assert!(outcomes[0].result.is_ok(), "alice may: {:?}", outcomes[0].result);
    assert_eq!(state(&moto, &users.alice, &id).await, "terminated");
}

fn error_of(reply: &common::Reply) -> AppError {
    assert_ne!(reply.status, StatusCode::OK, "expected a refusal: {}", reply.body);
    serde_json::from_str(&reply.body).unwrap_or_else(|e| panic!("not an AppError ({e}): {}", reply.body))
}

#[tokio::test]
async fn read_only_sessions_and_servers_refuse_every_change() {
    let (moto, users, id) = moto_with_users().await;
    let app = TestApp::new(&moto, &Options::new("ro-http")).await;
    let alice = app.sign_in(&users.alice).await;
    app.post_form("/auth/read-only", "enabled=true", Some(&alice))
        .await;
    assert!(matches!(
        error_of(&terminate(&app, &alice, json!([id])).await),
        AppError::ReadOnly(_)
    ));
    let tags = app
        .call_json(
            app::instances::UpdateInstanceTags::PATH,
            json!({ "region": "us-east-1", "id": id, "set": [{ "key": "Env", "value": "x" }], "remove": [] }),
            &alice,
        )
        .await;
    assert!(matches!(error_of(&tags), AppError::ReadOnly(_)));
    assert_eq!(state(&moto, &users.alice, &id).await, "running");

    let mut options = Options::new("ro-server");
    options.server_read_only = true;
    let locked = TestApp::new(&moto, &options).await;
    let alice = locked.sign_in(&users.alice).await;
    assert!(matches!(
        error_of(&terminate(&locked, &alice, json!([id])).await),
        AppError::ReadOnly(_)
    ));
    assert_eq!(state(&moto, &users.alice, &id).await, "running");
}

#[tokio::test]
async fn bad_input_is_refused_by_name_and_changes_nothing() {
    let (moto, users, id) = moto_with_users().await;
    let app = TestApp::new(&moto, &Options::new("bad-http")).await;
    let alice = app.sign_in(&users.alice).await;
    for ids in [json!([]), json!(["i-nothex!"]), json!([id, "vol-12345678"])] {
        match error_of(&terminate(&app, &alice, ids.clone()).await) {
            AppError::Validation { field, .. } => assert!(field.starts_with("instance"), "{ids}: {field}"),
            other => panic!("{ids}: expected a validation error, got {other:?}"),
        }
    }
    let wrong_type = app
        .call_json(
            InstanceAction::PATH,
            json!({ "region": "us-east-1", "action": "Explode", "ids": [id] }),
            &alice,
        )
        .await;
    assert_ne!(wrong_type.status, StatusCode::OK);
    assert_eq!(state(&moto, &users.alice, &id).await, "running");
}

#[tokio::test]
async fn an_unknown_filter_key_is_shown_on_the_page() {
    let (moto, users, _) = moto_with_users().await;
    let app = TestApp::new(&moto, &Options::new("filter-http")).await;
    let alice = app.sign_in(&users.alice).await;
    let page = app.get("/instances?q=colour%20%3D%20red", Some(&alice)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("unknown key `colour`"), "{}", page.body);
    let page = app.get("/instances?q=name%20%3D%20seeded", Some(&alice)).await;
    assert!(
        page.body.contains("1 instance in us-east-1"),
        "the filter selects the seeded instance"
    );
}

#[tokio::test]
async fn the_list_of_1200_instances_renders_one_page_and_pages_on() {
    let moto = MotoServer::start();
    let ec2 = moto.ec2("us-east-1").await;
    let ami = testkit::any_ami(&ec2).await;
    for n in 0..120 {
        testkit::launch(&ec2, &ami, &format!("node-{n:03}"), "t3.nano", 10).await;
    }
    let users = moto.enable_iam_users();
    let app = TestApp::new(&moto, &Options::new("big-list")).await;
    let alice = app.sign_in(&users.alice).await;

    let started = std::time::Instant::now();
    let page = app
        .get("/instances?region=us-east-1&sort=name", Some(&alice))
        .await;
    let elapsed = started.elapsed();
    eprintln!(
        "SSR of /instances with 1,200 instances: {elapsed:?}, {} bytes",
        page.body.len()
    );
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("1,200 instances in us-east-1"));
    assert!(
        page.body.contains("Page 1 of 24 (rows 1–50 of 1,200)"),
        "pager missing"
    );
    assert_eq!(
        page.body.matches("<tr data-key=").count(),
        50,
        "one page of rows is rendered"
    );

    let last = app
        .get("/instances?region=us-east-1&sort=name&page=24", Some(&alice))
        .await;
    assert!(last.body.contains("Page 24 of 24 (rows 1,151–1,200 of 1,200)"));
    assert!(last.body.contains("node-119"));
}
