//! The instance list's backend against a real moto server.

use app::instances::ssr::list_instances;
use testkit::{any_ami, launch, MotoServer};

#[tokio::test]
async fn lists_every_instance_with_its_fields() {
    let moto = MotoServer::start();
    let ec2 = moto.ec2("us-east-1").await;
    let ami = any_ami(&ec2).await;
    let web = launch(&ec2, &ami, "web", "t3.micro", 2).await;
    let db = launch(&ec2, &ami, "db", "m5.large", 1).await;
    ec2.stop_instances().instance_ids(&db[0]).send().await.unwrap();

    let rows = list_instances(&ec2, None).await.expect("list");
    assert_eq!(rows.len(), 3);
    let db_row = rows.iter().find(|r| r.id == db[0]).expect("db listed");
    assert_eq!(db_row.name.as_deref(), Some("db"));
    assert_eq!(db_row.state, "stopped");
    assert_eq!(db_row.instance_type, "m5.large");
    assert!(db_row.availability_zone.starts_with("us-east-1"));
    assert!(db_row.private_ip.is_some());
    assert!(db_row.launch_time.as_deref().is_some_and(|t| t.ends_with('Z')));
    for id in &web {
        let row = rows.iter().find(|r| &r.id == id).expect("web listed");
        assert_eq!(row.state, "running");
    }
}

#[tokio::test]
async fn the_state_filter_is_applied_by_the_api() {
    let moto = MotoServer::start();
    let ec2 = moto.ec2("us-east-1").await;
    let ami = any_ami(&ec2).await;
    let ids = launch(&ec2, &ami, "box", "t3.micro", 3).await;
    ec2.stop_instances().instance_ids(&ids[1]).send().await.unwrap();
    let stopped = list_instances(&ec2, Some("stopped")).await.unwrap();
    assert_eq!(
        stopped.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
        vec![ids[1].as_str()]
    );
    assert_eq!(list_instances(&ec2, Some("running")).await.unwrap().len(), 2);
}

#[tokio::test]
async fn follows_next_token_past_the_first_page() {
    let moto = MotoServer::start();
    let ec2 = moto.ec2("us-east-1").await;
    // moto pages DescribeInstances by reservation, 100 per page: 120 reservations need two pages.
    let ami = any_ami(&ec2).await;
    let mut ids = Vec::new();
    for n in 0..120 {
        ids.extend(launch(&ec2, &ami, &format!("node-{n}"), "t3.nano", 1).await);
    }
    let first_page = ec2.describe_instances().send().await.unwrap();
    assert!(
        first_page.next_token().is_some(),
        "setup should need more than one page"
    );

    let rows = list_instances(&ec2, None).await.expect("list");
    let mut listed: Vec<String> = rows.into_iter().map(|r| r.id).collect();
    listed.sort();
    ids.sort();
    assert_eq!(listed, ids);
}

#[tokio::test]
async fn regions_are_separate() {
    let moto = MotoServer::start();
    let east = moto.ec2("us-east-1").await;
    let west = moto.ec2("eu-west-1").await;
    launch(&east, &any_ami(&east).await, "east-only", "t3.micro", 1).await;
    assert_eq!(list_instances(&east, None).await.unwrap().len(), 1);
    assert!(list_instances(&west, None).await.unwrap().is_empty());
}

#[tokio::test]
async fn an_unreachable_endpoint_is_reported_not_panicked() {
    let moto = MotoServer::start();
    let ec2 = moto.ec2("us-east-1").await;
    drop(moto);
    let err = list_instances(&ec2, None).await.expect_err("endpoint is gone");
    assert!(
        matches!(err, app::error::AppError::Unreachable(_)),
        "unexpected error: {err:?}"
    );
}
