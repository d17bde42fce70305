//! The instance pages' backend against a real moto server: listing with filters and paging,
//! every action, type change, termination protection, tags, user data and details.

use app::error::AppError;
use app::instances::actions::Action;
use app::instances::filter::{parse, PropertyFilter};
use app::instances::ssr::{
    change_type, check_summaries, console_output, details, edit_tags, list_instances, run_action,
    set_termination_protection, states, user_data,
};
use app::tags::Tag;
use aws_sdk_ec2::Client;
use testkit::{any_ami, launch, MotoServer};

const REGION: &str = "us-east-1";

async fn list(ec2: &Client, filter: &str) -> Vec<app::instances::InstanceRow> {
    list_instances(ec2, REGION, &parse(filter).unwrap())
        .await
        .expect("list")
}

async fn state_of(ec2: &Client, id: &str) -> String {
    states(ec2, &[id.to_string()]).await.unwrap().remove(0).1
}

async fn tag(ec2: &Client, id: &str, key: &str, value: &str) {
    ec2.create_tags()
        .resources(id)
        .tags(aws_sdk_ec2::types::Tag::builder().key(key).value(value).build())
        .send()
        .await
        .unwrap();
}

fn ids(rows: &[app::instances::InstanceRow]) -> Vec<String> {
    let mut ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    ids.sort();
    ids
}

#[tokio::test]
async fn lists_every_instance_with_its_fields() {
    let moto = MotoServer::start();
    let ec2 = moto.ec2(REGION).await;
    let ami = any_ami(&ec2).await;
    let web = launch(&ec2, &ami, "web", "t3.micro", 2).await;
    let db = launch(&ec2, &ami, "db", "m5.large", 1).await;
    ec2.stop_instances().instance_ids(&db[0]).send().await.unwrap();

    let rows = list_instances(&ec2, REGION, &PropertyFilter::default())
        .await
        .expect("list");
    assert_eq!(rows.len(), 3);
    let db_row = rows.iter().find(|r| r.id == db[0]).expect("db listed");
    assert_eq!(db_row.name.as_deref(), Some("db"));
    assert_eq!(db_row.state, "stopped");
    assert_eq!(db_row.instance_type, "m5.large");
    assert_eq!(db_row.image_id.as_deref(), Some(ami.as_str()));
    assert!(db_row.availability_zone.starts_with(REGION));
    assert!(db_row.private_ip.is_some());
    assert!(db_row.launch_time.as_deref().is_some_and(|t| t.ends_with('Z')));
    let checks = check_summaries(&ec2).await.unwrap();
    assert_eq!(
        checks.get(&db[0]),
        None,
        "a stopped instance has no status checks"
    );
    for id in &web {
        let row = rows.iter().find(|r| &r.id == id).expect("web listed");
        assert_eq!(row.state, "running");
        assert_eq!(
            row.status_checks, None,
            "the list does not wait for status checks"
        );
        assert_eq!(checks.get(id).map(String::as_str), Some("2/2 checks passed"));
        assert!(
            !row.deleted_on_termination.is_empty(),
            "the root volume goes with the instance"
        );
    }
}

#[tokio::test]
async fn api_filters_page_rules_and_free_text() {
    let moto = MotoServer::start();
    let ec2 = moto.ec2(REGION).await;
    let ami = any_ami(&ec2).await;
    let prod = launch(&ec2, &ami, "web-prod", "t3.micro", 2).await;
    let dev = launch(&ec2, &ami, "web-dev", "t3.small", 1).await;
    let db = launch(&ec2, &ami, "db", "m5.large", 1).await;
    for id in &prod {
        tag(&ec2, id, "Environment", "prod").await;
    }
    tag(&ec2, &dev[0], "Environment", "dev").await;
    ec2.stop_instances().instance_ids(&prod[1]).send().await.unwrap();

    assert_eq!(ids(&list(&ec2, "tag:Environment = prod").await), ids_of(&prod));
    assert_eq!(
        ids(&list(&ec2, "tag:Environment = prod state = running").await),
        vec![prod[0].clone()]
    );
    let t3 = list(&ec2, "type = t3.*").await;
    assert_eq!(t3.len(), 3, "wildcards match: {:?}", t3);
    assert!(t3.iter().all(|r| r.instance_type.starts_with("t3.")));
    assert_eq!(ids(&list(&ec2, "name = db").await), db);
    assert_eq!(ids(&list(&ec2, "state = stopped state = running").await).len(), 4);
    assert_eq!(
        ids(&list(&ec2, "tag:Environment != prod").await),
        ids_of(&[dev[0].clone(), db[0].clone()])
    );
    assert_eq!(ids(&list(&ec2, "WEB-dev").await), dev);
    assert!(list(&ec2, "tag:Environment = staging").await.is_empty());
}

fn ids_of(ids: &[String]) -> Vec<String> {
    let mut ids = ids.to_vec();
    ids.sort();
    ids
}

#[tokio::test]
async fn follows_next_token_over_1200_instances() {
    let moto = MotoServer::start();
    let ec2 = moto.ec2(REGION).await;
    let ami = any_ami(&ec2).await;
    // moto pages DescribeInstances by reservation, 100 per page: 120 reservations of 10 need two pages.
    let mut launched = Vec::new();
    for n in 0..120 {
        launched.extend(launch(&ec2, &ami, &format!("node-{n}"), "t3.nano", 10).await);
    }
    ec2.stop_instances()
        .instance_ids(&launched[0])
        .instance_ids(&launched[1199])
        .send()
        .await
        .unwrap();
    let first_page = ec2.describe_instances().send().await.unwrap();
    assert!(
        first_page.next_token().is_some(),
        "setup should need more than one page"
    );

    let started = std::time::Instant::now();
    let rows = list(&ec2, "").await;
    eprintln!("listed {} instances in {:?}", rows.len(), started.elapsed());
    assert_eq!(ids(&rows), ids_of(&launched));
    let stopped = list(&ec2, "state = stopped").await;
    assert_eq!(
        ids(&stopped),
        ids_of(&[launched[0].clone(), launched[1199].clone()])
    );
}

#[tokio::test]
async fn each_action_reaches_its_state() {
    let moto = MotoServer::start();
    let ec2 = moto.ec2(REGION).await;
    let ami = any_ami(&ec2).await;
    let id = launch(&ec2, &ami, "box", "t3.micro", 1).await.remove(0);
    let one = [id.clone()];

    let stop = run_action(&ec2, Action::Stop, &one).await;
    assert_eq!(stop[0].id, id);
    let reported = stop[0].result.clone().expect("stop works");
    assert!(reported == "stopping" || reported == "stopped", "{reported}");
    assert_eq!(state_of(&ec2, &id).await, "stopped");

    let start = run_action(&ec2, Action::Start, &one).await;
    assert!(start[0].result.is_ok(), "{:?}", start[0].result);
    assert_eq!(state_of(&ec2, &id).await, "running");

    assert_eq!(
        run_action(&ec2, Action::Reboot, &one).await[0].result,
        Ok("running".to_string())
    );
    assert_eq!(state_of(&ec2, &id).await, "running");

    let terminate = run_action(&ec2, Action::Terminate, &one).await;
    assert!(terminate[0].result.is_ok(), "{:?}", terminate[0].result);
    assert_eq!(state_of(&ec2, &id).await, "terminated");
}

#[tokio::test]
async fn actions_that_change_nothing_are_refused_per_instance() {
    let moto = MotoServer::start();
    let ec2 = moto.ec2(REGION).await;
    let ami = any_ami(&ec2).await;
    let running = launch(&ec2, &ami, "up", "t3.micro", 1).await.remove(0);
    let stopped = launch(&ec2, &ami, "down", "t3.micro", 1).await.remove(0);
    ec2.stop_instances().instance_ids(&stopped).send().await.unwrap();

    let outcomes = run_action(&ec2, Action::Stop, &[running.clone(), stopped.clone()]).await;
    assert!(outcomes[0].result.is_ok(), "the running one stops");
    match &outcomes[1].result {
        Err(AppError::Validation { message, .. }) => {
            assert!(message.contains("already stopped"), "{message}")
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert_eq!(state_of(&ec2, &stopped).await, "stopped");

    let hibernate = run_action(&ec2, Action::Hibernate, std::slice::from_ref(&running)).await;
    assert!(hibernate[0].result.is_err(), "stopped instances cannot hibernate");

    let unknown = run_action(&ec2, Action::Start, &["i-0123456789abcdef0".to_string()]).await;
    match &unknown[0].result {
        Err(AppError::Aws { code, .. }) => assert_eq!(code, "InvalidInstanceID.NotFound"),
        other => panic!("expected AWS's not-found error, got {other:?}"),
    }
}

#[tokio::test]
async fn termination_protection_blocks_terminate() {
    let moto = MotoServer::start();
    let ec2 = moto.ec2(REGION).await;
    let ami = any_ami(&ec2).await;
    let id = launch(&ec2, &ami, "keep", "t3.micro", 1).await.remove(0);
    assert!(set_termination_protection(&ec2, &id, true).await.unwrap());
    let outcome = run_action(&ec2, Action::Terminate, std::slice::from_ref(&id)).await;
    match &outcome[0].result {
        Err(AppError::Aws { code, .. }) => assert_eq!(code, "OperationNotPermitted"),
        other => panic!("expected OperationNotPermitted, got {other:?}"),
    }
    assert_eq!(state_of(&ec2, &id).await, "running");
    assert!(details(&ec2, REGION, &id).await.unwrap().termination_protection);

    assert!(!set_termination_protection(&ec2, &id, false).await.unwrap());
    assert!(
        run_action(&ec2, Action::Terminate, std::slice::from_ref(&id)).await[0]
            .result
            .is_ok()
    );
    assert_eq!(state_of(&ec2, &id).await, "terminated");
}

#[tokio::test]
async fn type_change_is_refused_while_running_and_works_when_stopped() {
    let moto = MotoServer::start();
    let ec2 = moto.ec2(REGION).await;
    let ami = any_ami(&ec2).await;
    let id = launch(&ec2, &ami, "resize", "t3.micro", 1).await.remove(0);

    match change_type(&ec2, REGION, &id, "t3.large").await {
        Err(AppError::Validation { message, .. }) => assert!(message.contains("stopped"), "{message}"),
        other => panic!("expected a refusal while running, got {other:?}"),
    }
    assert_eq!(
        list(&ec2, "").await[0].instance_type,
        "t3.micro",
        "nothing changed"
    );

    ec2.stop_instances().instance_ids(&id).send().await.unwrap();
    assert!(
        change_type(&ec2, REGION, &id, "t3.gigantic").await.is_err(),
        "unknown types are refused"
    );
    assert!(
        change_type(&ec2, REGION, &id, "t3.micro").await.is_err(),
        "same type is refused"
    );
    assert_eq!(
        change_type(&ec2, REGION, &id, "t3.large").await.unwrap(),
        "t3.large"
    );
    assert_eq!(list(&ec2, "").await[0].instance_type, "t3.large");
}

#[tokio::test]
async fn tags_are_added_changed_and_removed() {
    let moto = MotoServer::start();
    let ec2 = moto.ec2(REGION).await;
    let ami = any_ami(&ec2).await;
    let id = launch(&ec2, &ami, "tagged", "t3.micro", 1).await.remove(0);
    tag(&ec2, &id, "Env", "dev").await;
    tag(&ec2, &id, "Owner", "alice").await;

    let set = vec![
        Tag {
            key: "Env".into(),
            value: "prod".into(),
        },
        Tag {
            key: "Team".into(),
            value: "data".into(),
        },
    ];
    let mut after = edit_tags(&ec2, &id, &set, &["Owner".to_string()]).await.unwrap();
    after.sort_by(|a, b| a.key.cmp(&b.key));
    let keys: Vec<(&str, &str)> = after.iter().map(|t| (t.key.as_str(), t.value.as_str())).collect();
    assert_eq!(keys, vec![("Env", "prod"), ("Name", "tagged"), ("Team", "data")]);
}

#[tokio::test]
async fn user_data_system_log_and_details() {
    let moto = MotoServer::start();
    let ec2 = moto.ec2(REGION).await;
    let ami = any_ami(&ec2).await;
    use base64::Engine as _;
    let script = "#!/bin/bash\necho hello\n";
    let group = ec2
        .create_security_group()
        .group_name("ssh")
        .description("ssh in")
        .send()
        .await
        .unwrap()
        .group_id()
        .unwrap()
        .to_string();
    ec2.authorize_security_group_ingress()
        .group_id(&group)
        .ip_protocol("tcp")
        .from_port(22)
        .to_port(22)
        .cidr_ip("0.0.0.0/0")
        .send()
        .await
        .unwrap();
    let out = ec2
        .run_instances()
        .security_group_ids(&group)
        .image_id(&ami)
        .instance_type(aws_sdk_ec2::types::InstanceType::T3Micro)
        .min_count(1)
        .max_count(1)
        .user_data(base64::engine::general_purpose::STANDARD.encode(script))
        .send()
        .await
        .unwrap();
    let id = out.instances()[0].instance_id().unwrap().to_string();
    assert_eq!(user_data(&ec2, &id).await.unwrap().as_deref(), Some(script));
    let plain = launch(&ec2, &ami, "plain", "t3.micro", 1).await.remove(0);
    assert_eq!(user_data(&ec2, &plain).await.unwrap(), None);
    assert!(!console_output(&ec2, &id).await.unwrap().is_empty());

    let d = details(&ec2, REGION, &id).await.unwrap();
    assert_eq!(d.row.id, id);
    assert!(!d.termination_protection);
    assert_eq!(
        d.status.as_ref().map(|s| s.summary()).as_deref(),
        Some("2/2 checks passed")
    );
    assert_eq!(d.security_groups.len(), 1);
    let inbound = &d.security_groups[0].inbound;
    assert_eq!(
        (inbound[0].protocol.as_str(), inbound[0].ports.as_str()),
        ("tcp", "22")
    );
    assert_eq!(inbound[0].sources, vec!["0.0.0.0/0".to_string()]);
    assert!(!d.block_devices.is_empty());
    let root = &d.block_devices[0];
    assert!(root.volume_id.starts_with("vol-") && root.size_gib.is_some());
    assert!(!d.interfaces.is_empty());

    match details(&ec2, REGION, "i-0123456789abcdef0").await {
        Err(AppError::Aws { code, .. }) => assert_eq!(code, "InvalidInstanceID.NotFound"),
        other => panic!("expected not found, got {other:?}"),
    }
}

#[tokio::test]
async fn regions_are_separate() {
    let moto = MotoServer::start();
    let east = moto.ec2(REGION).await;
    let west = moto.ec2("eu-west-1").await;
    launch(&east, &any_ami(&east).await, "east-only", "t3.micro", 1).await;
    assert_eq!(list(&east, "").await.len(), 1);
    assert!(list_instances(&west, "eu-west-1", &PropertyFilter::default())
        .await
        .unwrap()
        .is_empty());
}

#[tokio::test]
async fn an_unreachable_endpoint_is_reported_not_panicked() {
    let moto = MotoServer::start();
    let ec2 = moto.ec2(REGION).await;
    drop(moto);
    let err = list_instances(&ec2, REGION, &PropertyFilter::default())
        .await
        .expect_err("endpoint is gone");
    assert!(
        matches!(err, AppError::Unreachable(_)),
        "unexpected error: {err:?}"
    );
}
