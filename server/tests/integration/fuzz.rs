//! Fuzzing every server function over HTTP with random and hostile values: huge strings, unicode,
//! control characters, extreme numbers, malformed IDs and CIDRs, wrong JSON types. Nothing may
//! panic, every failure carries a message, and moto's state is unchanged afterwards.
//!
//! `FUZZ_CASES` sets the cases per function and phase (default 12; `make bench` runs more).

use crate::common;

use crate::common::{moto_with_users, urlencode, Options, TestApp};
use http::StatusCode;
use leptos::server_fn::ServerFn;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;
use serde_json::Value;

/// Every server function: its path, its argument names and whether it takes JSON (else a form).
const SERVER_FNS: &[(&str, &[&str], bool)] = &[
    (app::addresses::ListAddresses::PATH, &["region"], false),
    (app::addresses::AllocateAddress::PATH, &["region"], false),
    (
        app::addresses::AssociateAddress::PATH,
        &["region", "allocation_id", "target"],
        true,
    ),
    (
        app::addresses::DisassociateAddress::PATH,
        &["region", "allocation_id"],
        false,
    ),
    (
        app::addresses::ReleaseAddress::PATH,
        &["region", "allocation_id"],
        false,
    ),
    (app::audit::AuditRecords::PATH, &["filter"], false),
    (app::audit::AuditHistory::PATH, &["resource"], false),
    (app::audit::VerifyAuditLog::PATH, &[], false),
    (app::views::ListViews::PATH, &["page"], false),
    (app::views::SaveView::PATH, &["draft"], true),
    (app::views::UpdateView::PATH, &["id", "draft"], true),
    (app::views::DeleteView::PATH, &["id"], false),
    (app::views::SetDefaultView::PATH, &["page", "id"], false),
    (app::auth::Whoami::PATH, &[], false),
    (app::auth::TakeSignInFlash::PATH, &[], false),
    (app::dashboard::DashboardCount::PATH, &["region", "kind"], false),
    (app::dashboard::DashboardZones::PATH, &["region"], false),
    (app::images::QuickStartImages::PATH, &["region"], false),
    (
        app::images::SearchImages::PATH,
        &["region", "scope", "query"],
        false,
    ),
    (app::images::DescribeImage::PATH, &["region", "id"], false),
    (
        app::images::CreateImage::PATH,
        &[
            "region",
            "instance_id",
            "name",
            "description",
            "no_reboot",
            "exclude",
        ],
        true,
    ),
    (
        app::images::DeregisterImage::PATH,
        &["region", "id", "delete_snapshots"],
        false,
    ),
    (app::instance_types::ListInstanceTypes::PATH, &["region"], false),
    (app::instances::ListInstances::PATH, &["region", "filter"], false),
    (app::instances::InstanceChecks::PATH, &["region"], false),
    (app::instances::InstanceStates::PATH, &["region", "ids"], true),
    (
        app::instances::InstanceAction::PATH,
        &["region", "action", "ids"],
        true,
    ),
    (app::instances::DescribeInstance::PATH, &["region", "id"], false),
    (
        app::instances::permissions::InstancePermissions::PATH,
        &["region", "ids"],
        true,
    ),
    (
        app::instances::ChangeInstanceType::PATH,
        &["region", "id", "instance_type"],
        false,
    ),
    (
        app::instances::SetTerminationProtection::PATH,
        &["region", "id", "enabled"],
        false,
    ),
    (
        app::instances::UpdateInstanceTags::PATH,
        &["region", "id", "set", "remove"],
        true,
    ),
    (app::instances::InstanceUserData::PATH, &["region", "id"], false),
    (app::instances::InstanceSystemLog::PATH, &["region", "id"], false),
    (app::key_pairs::ListKeyPairs::PATH, &["region"], false),
    (
        app::key_pairs::CreateKeyPair::PATH,
        &["region", "name", "algorithm"],
        false,
    ),
    (
        app::key_pairs::ImportKeyPair::PATH,
        &["region", "name", "public_key"],
        false,
    ),
    (app::key_pairs::DeleteKeyPair::PATH, &["region", "name"], false),
    (app::key_pairs::KeyPairUsers::PATH, &["region", "name"], false),
    (app::launch::LoadLaunchChoices::PATH, &["region"], false),
    (app::launch::LaunchInstances::PATH, &["region", "request"], true),
    (
        app::launch::LaunchPermission::PATH,
        &["region", "image_id", "instance_type"],
        false,
    ),
    (app::network::ListNetwork::PATH, &["region"], false),
    (
        app::monitoring::InstanceMetrics::PATH,
        &["region", "id", "range"],
        false,
    ),
    (
        app::monitoring::VolumeMetrics::PATH,
        &["region", "id", "range"],
        false,
    ),
    (app::monitoring::BusiestInstances::PATH, &["region"], false),
    (app::monitoring::InstanceAlarms::PATH, &["region", "id"], false),
    (
        app::monitoring::CreateCpuAlarm::PATH,
        &["region", "id", "threshold", "periods"],
        false,
    ),
    (
        app::monitoring::DeleteAlarm::PATH,
        &["region", "id", "name"],
        false,
    ),
    (app::palette::FindResource::PATH, &["region", "query"], false),
    (app::network::ListInterfaces::PATH, &["region"], false),
    (app::network::ListAcls::PATH, &["region"], false),
    (app::network::ListRouteTables::PATH, &["region"], false),
    (app::auth::region_picker::ListRegions::PATH, &["region"], false),
    (
        app::security_groups::ListSecurityGroups::PATH,
        &["region", "vpc_id"],
        false,
    ),
    (app::security_groups::ClientAddress::PATH, &[], false),
    (
        app::security_groups::DescribeSecurityGroup::PATH,
        &["region", "id"],
        false,
    ),
    (
        app::security_groups::UpdateGroupRules::PATH,
        &["region", "id", "direction", "rules"],
        true,
    ),
    (
        app::security_groups::CreateSecurityGroup::PATH,
        &["region", "vpc_id", "name", "description"],
        false,
    ),
    (
        app::security_groups::CopySecurityGroup::PATH,
        &["region", "id", "name", "description"],
        false,
    ),
    (
        app::security_groups::DeleteSecurityGroup::PATH,
        &["region", "id"],
        false,
    ),
    (app::volumes::ListVolumes::PATH, &["region"], false),
    (app::volumes::ListSnapshots::PATH, &["region"], false),
    (app::volumes::CreateVolume::PATH, &["region", "volume"], true),
    (
        app::volumes::AttachVolume::PATH,
        &["region", "volume_id", "instance_id", "device"],
        false,
    ),
    (app::volumes::DetachVolume::PATH, &["region", "volume_id"], false),
    (app::volumes::DeleteVolume::PATH, &["region", "volume_id"], false),
    (
        app::volumes::CreateSnapshot::PATH,
        &["region", "volume_id", "description"],
        false,
    ),
    (
        app::volumes::DeleteSnapshot::PATH,
        &["region", "snapshot_id"],
        false,
    ),
];

/// Values that look almost right or are plainly malicious.
const MALFORMED: &[&str] = &[
    "i-",
    "i-zzzzzzzz",
    "i-0123456789abcdef0123456789",
    "vol-../../etc/passwd",
    "sg-'; DROP TABLE x;--",
    "eipalloc-<script>alert(1)</script>",
    "ami-",
    "subnet-%00",
    "vpc-\u{0}",
    "snap-${jndi:ldap://x}",
    "10.0.0.0/33",
    "300.1.1.1/8",
    "::/129",
    "0.0.0.0/-1",
    "1.2.3.4/",
    "/8",
    "fe80::1%eth0/64",
    "-1",
    "99999999999999999999999",
    "1e308",
    "NaN",
    "-0",
    "0x10",
    "us-east-1x",
    "xx-east-1",
    "<img src=x onerror=alert(1)>",
    "../../../../",
    "%s%s%s%n",
    "\u{202e}evil",
    "Robert'); --",
];

fn hostile_string() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{1,40}",
        "[\\x00-\\x1f\\x7f]{1,12}",
        proptest::sample::select(MALFORMED).prop_map(str::to_string),
        (1usize..4).prop_map(|k| "A".repeat(k * 40_000)),
        "[\u{202e}\u{200b}\u{fe0f}\u{1f600}é中\u{0}]{1,30}",
    ]
    .prop_filter("a non-empty value (empty means a default)", |s| {
        !s.trim().is_empty()
    })
}

fn hostile_value() -> BoxedStrategy<Value> {
    let leaf = prop_oneof![
        4 => hostile_string().prop_map(Value::from),
        1 => any::<i64>().prop_map(Value::from),
        1 => proptest::sample::select(vec![-1.0f64, 1e308, -1e308, 0.5, -0.0]).prop_map(Value::from),
        1 => any::<bool>().prop_map(Value::from),
    ];
    leaf.prop_recursive(2, 8, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            proptest::collection::btree_map("[a-z_]{1,8}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
    .boxed()
}

/// `name=value` pairs as a form encodes a JSON value (nested as `name[key]`); null is left out.
fn form_pairs(name: &str, value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Null => {}
        Value::String(s) => out.push(format!("{}={}", urlencode(name), urlencode(s))),
        Value::Number(_) | Value::Bool(_) => out.push(format!("{}={}", urlencode(name), value)),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                form_pairs(&format!("{name}[{i}]"), item, out);
            }
        }
        Value::Object(fields) => {
            for (k, v) in fields {
                form_pairs(&format!("{name}[{k}]"), v, out);
            }
        }
    }
}

async fn call(
    app: &TestApp,
    cookie: &str,
    path: &str,
    json: bool,
    args: &serde_json::Map<String, Value>,
) -> common::Reply {
    if json {
        app.call_json(path, Value::Object(args.clone()), cookie).await
    } else {
        let mut pairs = Vec::new();
        for (k, v) in args {
            form_pairs(k, v, &mut pairs);
        }
        app.post_form(path, &pairs.join("&"), Some(cookie)).await
    }
}

#[test]
fn every_registered_server_function_is_fuzzed() {
    let registered: std::collections::BTreeSet<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.to_string())
        .collect();
    let listed: std::collections::BTreeSet<String> =
        SERVER_FNS.iter().map(|(p, _, _)| p.to_string()).collect();
    assert!(!registered.is_empty(), "no server functions registered");
    let missing: Vec<_> = registered.difference(&listed).collect();
    assert!(missing.is_empty(), "add these to SERVER_FNS: {missing:?}");
}

#[tokio::test]
async fn hostile_input_to_every_server_function_panics_nothing_and_changes_nothing() {
    let cases: usize = std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(12);
    let (moto, users, _) = moto_with_users().await;
    let app = TestApp::new(&moto, &Options::new("fuzz")).await;
    let alice = app.sign_in(&users.alice).await;
    let ec2 = moto.ec2_as(&users.alice, "us-east-1").await;
    let before = testkit::snapshot(&ec2).await;

    let mut runner = TestRunner::deterministic();
    let region = hostile_string();
    let value = prop_oneof![9 => hostile_value(), 1 => Just(Value::Null)];
    let mut sent = 0usize;
    // Phase 1: everything hostile, the region too. Phase 2: a real region, every other argument
    // hostile (functions whose only argument is the region are left out: they act as asked).
    for phase in [1, 2] {
        for (path, names, json) in SERVER_FNS {
            let others: Vec<&str> = names.iter().copied().filter(|n| *n != "region").collect();
            if phase == 2 && (others.is_empty() || !names.contains(&"region")) {
                continue;
            }
            for _ in 0..cases {
                let mut args = serde_json::Map::new();
                if names.contains(&"region") {
                    let r = if phase == 1 {
                        Value::from(region.new_tree(&mut runner).unwrap().current())
                    } else {
                        Value::from("us-east-1")
                    };
                    args.insert("region".into(), r);
                }
                for name in &others {
                    args.insert(name.to_string(), value.new_tree(&mut runner).unwrap().current());
                }
                let reply = call(&app, &alice, path, *json, &args).await;
                sent += 1;
                let shown: String = Value::Object(args.clone())
                    .to_string()
                    .chars()
                    .take(300)
                    .collect();
                if reply.status != StatusCode::OK {
                    assert!(
                        !reply.body.trim().is_empty(),
                        "{path} answered {} without a message for {shown}",
                        reply.status
                    );
                }
                if reply.status.is_server_error() {
                    assert!(
                        serde_json::from_str::<app::error::AppError>(&reply.body).is_ok()
                            || !reply.body.contains("panicked"),
                        "{path}: {} {} for {shown}",
                        reply.status,
                        reply.body
                    );
                }
            }
        }
    }
    eprintln!(
        "fuzz: {sent} hostile calls to {} server functions",
        SERVER_FNS.len()
    );
    assert_eq!(app.get("/healthz", None).await.status, StatusCode::OK);
    assert_eq!(
        testkit::snapshot(&ec2).await,
        before,
        "hostile input changed moto's state"
    );
    let page = app.get("/instances?region=us-east-1", Some(&alice)).await;
    assert!(page.body.contains("seeded"), "the session stopped working");
}
