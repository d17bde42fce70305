//! The server's router end to end over HTTP (in-process, `oneshot`), with EC2 served by a real moto.

use app::aws::AwsContext;
use axum::body::Body;
use http::{Request, StatusCode};
use leptos::prelude::LeptosOptions;
use testkit::{any_ami, launch, MotoServer};
use tower::ServiceExt;

async fn app_for(moto: &MotoServer) -> axum::Router {
    let options = LeptosOptions::builder().output_name("ec2-console").build();
    let aws = AwsContext::new(moto.sdk_config("us-east-1").await, "us-east-1");
    server::startup::router(options, aws)
}

async fn get(router: axum::Router, uri: &str) -> (StatusCode, String) {
    let response = router
        .oneshot(Request::get(uri).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

#[tokio::test]
async fn healthz_answers_ok() {
    let moto = MotoServer::start();
    let (status, body) = get(app_for(&moto).await, "/healthz").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, "ok");
}

#[tokio::test]
async fn instances_page_is_server_rendered_with_the_regions_instances() {
    let moto = MotoServer::start();
    let west = moto.ec2("eu-west-1").await;
    let ids = launch(&west, &any_ami(&west).await, "render-me", "t3.micro", 1).await;
    let east = moto.ec2("us-east-1").await;
    launch(&east, &any_ami(&east).await, "other-region", "t3.micro", 1).await;

    let (status, html) = get(app_for(&moto).await, "/instances?region=eu-west-1").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("render-me"), "instance name missing from SSR HTML");
    assert!(html.contains(&ids[0]), "instance ID missing from SSR HTML");
    assert!(
        !html.contains("other-region"),
        "another region's instance leaked in"
    );
    assert!(html.contains("1 instances in eu-west-1"));
    assert!(
        html.contains("/pkg/ec2-console.js"),
        "hydration script not linked"
    );
}

#[tokio::test]
async fn a_malformed_region_is_a_named_validation_error() {
    let moto = MotoServer::start();
    let (status, html) = get(app_for(&moto).await, "/instances?region=not_a_region").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("role=\"alert\""), "no alert rendered");
    assert!(html.contains("region: not a region name"), "field not named");
}

#[tokio::test]
async fn unknown_paths_are_404() {
    let moto = MotoServer::start();
    let (status, html) = get(app_for(&moto).await, "/no-such-page").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("Page not found"));
}
