//! Saved views over HTTP on both stores: private and shared views, who may see, change and delete
//! them, per-person defaults, and bad input refused by name.

use crate::common;

use crate::common::{moto_with_users, Options, TestApp};
use app::error::AppError;
use app::views::{DeleteView, ListViews, SaveView, SavedView, SetDefaultView, UpdateView};
use http::StatusCode;
use leptos::server_fn::ServerFn;
use serde_json::json;
use testkit::PostgresServer;

async fn list(app: &TestApp, cookie: &str, page: &str) -> Vec<SavedView> {
    let reply = app
        .post_form(
            ListViews::PATH,
            &format!("page={}", common::urlencode(page)),
            Some(cookie),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    serde_json::from_str(&reply.body).unwrap()
}

async fn save(
    app: &TestApp,
    cookie: &str,
    name: &str,
    query: &str,
    shared: bool,
) -> Result<SavedView, AppError> {
    let draft =
        json!({ "page": "/instances", "name": name, "description": "", "query": query, "shared": shared });
    let reply = app
        .call_json(SaveView::PATH, json!({ "draft": draft }), cookie)
        .await;
    if reply.status == StatusCode::OK {
        Ok(serde_json::from_str(&reply.body).unwrap())
    } else {
        Err(serde_json::from_str(&reply.body).unwrap_or_else(|e| panic!("{e}: {}", reply.body)))
    }
}

fn field(result: Result<SavedView, AppError>) -> String {
    match result {
        Err(AppError::Validation { field, .. }) => field,
        other => panic!("expected a validation error, got {other:?}"),
    }
}

async fn views_are_shared_in_one_account_only(options: Options) {
    let (moto, users, _) = moto_with_users().await;
    let app = TestApp::new(&moto, &options).await;
    let alice = app.sign_in(&users.alice).await;
    let bob = app.sign_in(&users.bob).await;
    let carol = app.sign_in(&users.carol).await;

    let shared = save(
        &app,
        &alice,
        "Running web",
        "?sort=name&region=us-east-1&q=state%20%3D%20running&id=i-1",
        true,
    )
    .await
    .unwrap();
    assert_eq!(
        shared.query, "q=state%20%3D%20running&region=us-east-1&sort=name",
        "normalised, no open row"
    );
    let private = save(&app, &alice, "Mine only", "region=eu-west-1", false)
        .await
        .unwrap();
    assert!(shared.mine && shared.id.len() == 16);

    let seen_by_bob = list(&app, &bob, "/instances").await;
    assert_eq!(
        seen_by_bob.len(),
        1,
        "bob sees the shared view, not the private one"
    );
    assert_eq!(
        (seen_by_bob[0].id.as_str(), seen_by_bob[0].mine),
        (shared.id.as_str(), false)
    );
    assert_eq!(seen_by_bob[0].owner, users.alice.arn);
    assert!(
        list(&app, &carol, "/instances").await.is_empty(),
        "another account sees nothing"
    );
    assert_eq!(list(&app, &alice, "/instances").await.len(), 2);
    assert!(
        list(&app, &alice, "/volumes").await.is_empty(),
        "views belong to their page"
    );

    let draft = json!({ "page": "/instances", "name": "Hijacked", "description": "", "query": "region=us-east-1", "shared": true });
    let reply = app
        .call_json(UpdateView::PATH, json!({ "id": shared.id, "draft": draft }), &bob)
        .await;
    assert!(
        matches!(serde_json::from_str(&reply.body), Ok(AppError::NotAllowed(_))),
        "{}",
        reply.body
    );
    let reply = app
        .post_form(DeleteView::PATH, &format!("id={}", shared.id), Some(&bob))
        .await;
    assert!(
        matches!(serde_json::from_str(&reply.body), Ok(AppError::NotAllowed(_))),
        "{}",
        reply.body
    );
    let reply = app
        .post_form(DeleteView::PATH, &format!("id={}", private.id), Some(&carol))
        .await;
    assert!(
        matches!(serde_json::from_str(&reply.body), Ok(AppError::Validation { .. })),
        "{}",
        reply.body
    );
    assert_eq!(list(&app, &alice, "/instances").await.len(), 2, "nothing changed");

    let draft = json!({ "page": "/instances", "name": "Running web", "description": "prod only", "query": "region=us-east-1&q=tag%3AEnvironment%20%3D%20prod", "shared": true });
    let reply = app
        .call_json(
            UpdateView::PATH,
            json!({ "id": shared.id, "draft": draft }),
            &alice,
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let updated: SavedView = serde_json::from_str(&reply.body).unwrap();
    assert_eq!(
        (updated.description.as_str(), updated.query.as_str()),
        ("prod only", "q=tag%3AEnvironment%20%3D%20prod&region=us-east-1")
    );

    // Bad input: named, nothing saved.
    assert_eq!(
        field(save(&app, &alice, "", "region=us-east-1", false).await),
        "view name"
    );
    assert_eq!(
        field(save(&app, &alice, &"n".repeat(101), "region=us-east-1", false).await),
        "view name"
    );
    assert_eq!(
        field(save(&app, &alice, "running WEB", "region=us-east-1", false).await),
        "view name",
        "names are unique per page"
    );
    assert_eq!(
        field(save(&app, &alice, "Mars", "region=mars", false).await),
        "query"
    );
    assert_eq!(
        field(save(&app, &alice, "Colour", "q=colour%20%3D%20red", false).await),
        "query"
    );
    assert_eq!(list(&app, &alice, "/instances").await.len(), 2);

    // Defaults are per person.
    let reply = app
        .post_form(
            SetDefaultView::PATH,
            &format!("page=%2Finstances&id={}", shared.id),
            Some(&bob),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert!(list(&app, &bob, "/instances").await[0].is_default);
    assert!(list(&app, &alice, "/instances")
        .await
        .iter()
        .all(|v| !v.is_default));
    let reply = app
        .post_form(DeleteView::PATH, &format!("id={}", shared.id), Some(&alice))
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert!(
        list(&app, &bob, "/instances").await.is_empty(),
        "deleted for everyone, default gone too"
    );
}

#[tokio::test]
async fn sqlite_views_are_shared_in_one_account_only() {
    views_are_shared_in_one_account_only(Options::new("views-sqlite")).await;
}

#[tokio::test]
async fn postgres_views_are_shared_in_one_account_only() {
    let pg = PostgresServer::start();
    let mut options = Options::new("views-pg");
    options.audit_url = Some(pg.url());
    views_are_shared_in_one_account_only(options).await;
}
