//! Every region at once, over HTTP as the page calls it: the fan-out's outcomes per region (one
//! failing region is its own chip), the region list's fallback, the concurrency bound, and the
//! DryRun permission checks with their cache.

use crate::common;

use crate::common::{Options, TestApp};
use app::instances::permissions::{Check, InstancePermissions, Permission, Verdict};
use app::instances::{actions::Action, InstanceList, ListInstances};
use app::regions::{ssr::FanOut, Outcome};
use http::StatusCode;
use leptos::server_fn::ServerFn;
use serde_json::json;
use std::time::Duration;
use testkit::{FaultProxy, MotoServer};

/// moto with one instance in each of `regions`, the IAM users on, and a fault proxy in front.
async fn estate(regions: &[&str]) -> (MotoServer, testkit::IamUsers, FaultProxy, Vec<String>) {
    let moto = MotoServer::start();
    let mut ids = Vec::new();
    for region in regions {
        let ec2 = moto.ec2(region).await;
        let ami = testkit::any_ami(&ec2).await;
        ids.extend(testkit::launch(&ec2, &ami, &format!("in-{region}"), "t3.micro", 1).await);
    }
    let users = moto.enable_iam_users();
    let proxy = FaultProxy::start(&moto.endpoint()).await;
    (moto, users, proxy, ids)
}

fn options(name: &str, fallback: &[&str], concurrency: usize, timeout: Duration) -> Options {
    let mut options = Options::new(name);
    options.fan_out = Some(FanOut::new(
        fallback.iter().map(|r| r.to_string()).collect(),
        concurrency,
        timeout,
    ));
    options
}

async fn list(app: &TestApp, cookie: &str, filter: &str) -> InstanceList {
    let form = format!("region=all&filter={}", common::urlencode(filter));
    let reply = app.post_form(ListInstances::PATH, &form, Some(cookie)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    serde_json::from_str(&reply.body).unwrap()
}

fn outcome<'a>(list: &'a InstanceList, region: &str) -> &'a Outcome {
    &list
        .regions
        .iter()
        .find(|s| s.region == region)
        .unwrap_or_else(|| panic!("no chip for {region}: {:?}", list.regions))
        .outcome
}

#[tokio::test]
async fn every_region_answers_for_itself_and_a_failing_region_hides_nothing_else() {
    let (_moto, users, proxy, _ids) = estate(&["us-east-1", "eu-west-1", "ap-northeast-2"]).await;
    // moto makes each region's backend on its first call, one region at a time under Python's
    // GIL: on a busy 2-core machine an honest answer took over 2 s. The timeout leaves room for
    // that, and the delayed region stays far past it.
    let app = TestApp::at(&proxy.endpoint(), &options("fan", &[], 8, Duration::from_secs(6))).await;
    let alice = app.sign_in(&users.alice).await;
    proxy.fail_region("eu-west-1", 403, "AccessDenied");
    proxy.delay_region("us-west-2", Duration::from_secs(30));

    let all = list(&app, &alice, "").await;
    assert_eq!(all.region, "all");
    let mut found: Vec<(String, String)> = all
        .instances
        .iter()
        .map(|r| (r.name.clone().unwrap_or_default(), r.region.clone()))
        .collect();
    found.sort();
    assert_eq!(
        found,
        [
            ("in-ap-northeast-2".to_string(), "ap-northeast-2".to_string()),
            ("in-us-east-1".to_string(), "us-east-1".to_string()),
        ]
    );
    assert_eq!(outcome(&all, "us-east-1"), &Outcome::Ok(1));
    assert_eq!(outcome(&all, "eu-west-1").kind(), "denied");
    assert_eq!(outcome(&all, "us-west-2"), &Outcome::TimedOut);
    assert_eq!(
        outcome(&all, "ap-east-1"),
        &Outcome::NotOptedIn,
        "moto lists ap-east-1 as not opted in"
    );
    assert!(
        !all.regions
            .iter()
            .any(|s| s.region.starts_with("cn-") || s.region.starts_with("us-gov-")),
        "only the home partition is asked"
    );

    // A retry asks one region only (the `region` filter key), and recovers it.
    proxy.clear();
    let before = proxy.count("DescribeInstances");
    let retry = list(&app, &alice, "region = eu-west-1").await;
    assert_eq!(proxy.count("DescribeInstances") - before, 1, "one region asked");
    assert_eq!(retry.regions.len(), 1);
    assert_eq!(outcome(&retry, "eu-west-1"), &Outcome::Ok(1));
    assert_eq!(retry.instances[0].region, "eu-west-1");
}

#[tokio::test]
async fn the_fan_out_keeps_to_its_concurrency() {
    let (_moto, users, proxy, _ids) = estate(&["us-east-1"]).await;
    let app = TestApp::at(
        &proxy.endpoint(),
        &options("bound", &[], 3, Duration::from_secs(10)),
    )
    .await;
    let alice = app.sign_in(&users.alice).await;
    list(&app, &alice, "").await;
    proxy.set_delay(Duration::from_millis(150));
    proxy.reset_peak();
    let all = list(&app, &alice, "").await;
    assert!(all.regions.len() > 10, "{:?}", all.regions);
    assert_eq!(
        proxy.peak(),
        3,
        "at most 3 regions in flight, and the bound is reached"
    );
}

#[tokio::test]
async fn the_configured_regions_stand_in_when_describe_regions_is_denied() {
    let (_moto, users, proxy, _ids) = estate(&["us-east-1", "eu-west-1"]).await;
    let app = TestApp::at(
        &proxy.endpoint(),
        &options(
            "fallback",
            &["eu-west-1", "us-east-1"],
            8,
            Duration::from_secs(10),
        ),
    )
    .await;
    let dave = app.sign_in(&users.dave).await;
    let all = list(&app, &dave, "").await;
    let regions: Vec<&str> = all.regions.iter().map(|s| s.region.as_str()).collect();
    assert_eq!(regions, ["eu-west-1", "us-east-1"]);
    assert_eq!(all.instances.len(), 2);
    assert!(
        all.note
            .as_deref()
            .unwrap_or_default()
            .contains("DescribeRegions"),
        "{:?}",
        all.note
    );

    let picker = app
        .post_form(
            app::auth::region_picker::ListRegions::PATH,
            "region=all",
            Some(&dave),
        )
        .await;
    assert_eq!(picker.status, StatusCode::OK, "{}", picker.body);
    let regions: app::auth::region_picker::Regions = serde_json::from_str(&picker.body).unwrap();
    assert_eq!(regions.current, "all");
    assert_eq!(regions.available, ["eu-west-1", "us-east-1"]);
}

async fn permissions(app: &TestApp, cookie: &str, ids: &[String]) -> Vec<Check> {
    let reply = app
        .call_json(
            InstancePermissions::PATH,
            json!({ "region": "us-east-1", "ids": ids }),
            cookie,
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    serde_json::from_str(&reply.body).unwrap()
}

fn verdict(checks: &[Check], permission: Permission) -> &Verdict {
    &checks
        .iter()
        .find(|c| c.permission == permission)
        .expect("checked")
        .verdict
}

#[tokio::test]
async fn dry_run_checks_answer_per_person_and_are_asked_once() {
    let (_moto, users, proxy, ids) = estate(&["us-east-1"]).await;
    let app = TestApp::at(
        &proxy.endpoint(),
        &options("dryrun", &[], 8, Duration::from_secs(10)),
    )
    .await;
    let bob = app.sign_in(&users.bob).await;
    let checks = permissions(&app, &bob, &ids).await;
    assert_eq!(checks.len(), Permission::ALL.len());
    let terminate = verdict(&checks, Permission::Act(Action::Terminate));
    assert!(
        terminate
            .reason()
            .is_some_and(|r| r.starts_with("Not allowed: AccessDenied")),
        "{terminate:?}"
    );
    assert_eq!(verdict(&checks, Permission::Act(Action::Stop)), &Verdict::Allowed);
    assert_eq!(
        verdict(&checks, Permission::Act(Action::Hibernate)),
        &Verdict::Allowed
    );
    assert_eq!(verdict(&checks, Permission::CreateImage), &Verdict::Allowed);
    assert_eq!(proxy.count("TerminateInstances"), 1);

    let again = permissions(&app, &bob, &ids).await;
    assert_eq!(
        verdict(&again, Permission::Act(Action::Terminate)),
        terminate,
        "the same answer"
    );
    assert_eq!(
        proxy.count("TerminateInstances"),
        1,
        "the second ask is answered from the cache"
    );

    let alice = app.sign_in(&users.alice).await;
    let theirs = permissions(&app, &alice, &ids).await;
    assert_eq!(
        verdict(&theirs, Permission::Act(Action::Terminate)),
        &Verdict::Allowed
    );
    assert_eq!(proxy.count("TerminateInstances"), 2, "each person is asked for");

    proxy.deny("StopInstances", &ids[0]);
    let kept = permissions(&app, &alice, &ids).await;
    assert_eq!(
        verdict(&kept, Permission::Act(Action::Stop)),
        &Verdict::Allowed,
        "within five minutes the kept answer stands"
    );
    let last = app
        .audit
        .latest()
        .await
        .unwrap()
        .expect("the sign-ins were recorded");
    assert_eq!(
        last.event, "SignIn",
        "a DryRun is not an audited change: {last:?}"
    );
}

#[tokio::test]
async fn the_kit_lists_answer_for_every_region_with_each_row_s_region() {
    let (_moto, users, proxy, _ids) = estate(&["us-east-1", "ap-northeast-2"]).await;
    let app = TestApp::at(
        &proxy.endpoint(),
        &options("kit", &[], 8, Duration::from_secs(10)),
    )
    .await;
    let alice = app.sign_in(&users.alice).await;
    proxy.fail_region("eu-west-1", 503, "Unavailable");
    let reply = app
        .post_form(app::volumes::ListVolumes::PATH, "region=all", Some(&alice))
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let volumes: app::regions::Across<app::volumes::VolumeInfo> = serde_json::from_str(&reply.body).unwrap();
    let mut regions: Vec<&str> = volumes.rows.iter().map(|v| v.region.as_str()).collect();
    regions.sort();
    assert_eq!(
        regions,
        ["ap-northeast-2", "us-east-1"],
        "each instance's root volume, with its region"
    );
    let failed = volumes.regions.iter().find(|s| s.region == "eu-west-1").unwrap();
    assert!(failed.outcome.retryable(), "{failed:?}");

    let reply = app
        .post_form(
            app::security_groups::ListSecurityGroups::PATH,
            "region=us-east-1",
            Some(&alice),
        )
        .await;
    let one: app::regions::Across<app::security_groups::SecurityGroupInfo> =
        serde_json::from_str(&reply.body).unwrap();
    assert!(one.regions.is_empty(), "one region: no chips");
    assert!(one.rows.iter().all(|g| g.region == "us-east-1") && !one.rows.is_empty());
    let reply = app
        .post_form(app::addresses::ListAddresses::PATH, "region=all", Some(&alice))
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
}
