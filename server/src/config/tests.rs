//! The configuration's tests: files, environment, validation.

use super::*;
use std::collections::HashMap;

fn env_of(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
    let map: HashMap<String, String> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    move |k| map.get(k).cloned()
}

fn temp_file(name: &str, text: &str) -> PathBuf {
    let path = std::env::temp_dir().join(format!("ec2c-{}-{name}.toml", std::process::id()));
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn environment_overrides_the_file() {
    let path = temp_file("layer", "default_region = \"eu-west-1\"\nlog = \"debug\"\n");
    let s = Settings::from_sources(env_of(&[
        ("EC2C_CONFIG", path.to_str().unwrap()),
        ("EC2C_LOG", "warn"),
        ("EC2C_LISTEN", "127.0.0.1:4000"),
    ]))
    .unwrap();
    assert_eq!(s.default_region, "eu-west-1");
    assert_eq!(s.log, "warn");
    assert_eq!(s.listen, Some("127.0.0.1:4000".parse().unwrap()));
    assert_eq!(s.shutdown_grace_secs, 10);
}

#[test]
fn rejects_unknown_keys_bad_addresses_and_bad_regions() {
    let path = temp_file("unknown", "colour = \"blue\"\n");
    let err = Settings::from_sources(env_of(&[("EC2C_CONFIG", path.to_str().unwrap())]));
    assert!(matches!(err, Err(ConfigError::Parse { .. })));
    let err = Settings::from_sources(env_of(&[("EC2C_LISTEN", "nowhere")]));
    assert!(matches!(
        err,
        Err(ConfigError::Env {
            name: "EC2C_LISTEN",
            ..
        })
    ));
    let err = Settings::from_sources(env_of(&[("EC2C_DEFAULT_REGION", "mars")]));
    assert!(matches!(
        err,
        Err(ConfigError::Env {
            name: "default_region",
            ..
        })
    ));
}

#[test]
fn the_example_file_in_the_repository_is_valid() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../config/console.example.toml");
    let s = Settings::from_sources(env_of(&[("EC2C_CONFIG", path)])).unwrap();
    let d = Settings::default();
    assert_eq!(
        (s.default_region, s.log, s.listen),
        (d.default_region, d.log, d.listen)
    );
    assert_eq!(s.session_store, SessionStoreKind::Sqlite);
    assert_eq!((s.idle_timeout_mins, s.absolute_timeout_hours), (30, 8));
}

#[test]
fn metrics_are_off_on_the_listener_or_on_loopback_only() {
    let at = |v: &str| Settings::from_sources(env_of(&[("EC2C_METRICS", v)])).map(|s| s.metrics);
    assert_eq!(Settings::default().metrics, MetricsAt::Off);
    assert_eq!(at("off").unwrap(), MetricsAt::Off);
    assert_eq!(at("listener").unwrap(), MetricsAt::Listener);
    assert_eq!(
        at("127.0.0.1:9464").unwrap(),
        MetricsAt::Loopback("127.0.0.1:9464".parse().unwrap())
    );
    for bad in ["0.0.0.0:9464", "10.0.0.1:9464", "everywhere"] {
        assert!(
            matches!(
                at(bad),
                Err(ConfigError::Env {
                    name: "EC2C_METRICS",
                    ..
                })
            ),
            "{bad}"
        );
    }
    let path = temp_file("metrics", "metrics = \"listener\"\n");
    let s = Settings::from_sources(env_of(&[("EC2C_CONFIG", path.to_str().unwrap())])).unwrap();
    assert_eq!(s.metrics, MetricsAt::Listener);
}

#[test]
fn a_missing_named_file_is_an_error() {
    let err = Settings::from_sources(env_of(&[("EC2C_CONFIG", "/nonexistent/console.toml")]));
    assert!(matches!(err, Err(ConfigError::Read { .. })));
}

#[test]
fn the_audit_log_is_sqlite_and_required_by_default_and_postgres_needs_a_url() {
    let s = Settings::from_sources(env_of(&[])).unwrap();
    assert_eq!(
        (s.audit_store, s.audit_required, s.audit_retention_days),
        (AuditStoreKind::Sqlite, true, 400)
    );
    let err = Settings::from_sources(env_of(&[("EC2C_AUDIT_STORE", "postgres")]));
    assert!(matches!(
        err,
        Err(ConfigError::Env {
            name: "audit_url",
            ..
        })
    ));
    let s = Settings::from_sources(env_of(&[
        ("EC2C_AUDIT_STORE", "postgres"),
        ("EC2C_AUDIT_URL", "postgres://console@127.0.0.1:5432/console"),
        ("EC2C_AUDIT_REQUIRED", "false"),
        ("EC2C_AUDIT_RETENTION_DAYS", "30"),
    ]))
    .unwrap();
    assert_eq!(
        (s.audit_store, s.audit_required, s.audit_retention_days),
        (AuditStoreKind::Postgres, false, 30)
    );
    for (name, value) in [
        ("EC2C_AUDIT_STORE", "mysql"),
        ("EC2C_AUDIT_RETENTION_DAYS", "0"),
        ("EC2C_AUDIT_REQUIRED", "maybe"),
    ] {
        assert!(
            Settings::from_sources(env_of(&[(name, value)])).is_err(),
            "{name}={value}"
        );
    }
}

#[test]
fn the_fan_out_settings_are_read_and_checked() {
    let s = Settings::from_sources(env_of(&[
        ("EC2C_ALL_REGIONS", "eu-west-1, us-east-1"),
        ("EC2C_FAN_OUT_CONCURRENCY", "3"),
        ("EC2C_FAN_OUT_TIMEOUT_SECS", "4"),
    ]))
    .unwrap();
    assert_eq!(s.all_regions, ["eu-west-1", "us-east-1"]);
    assert_eq!((s.fan_out_concurrency, s.fan_out_timeout_secs), (3, 4));
    assert_eq!(Settings::default().all_regions.len(), 17);
    for bad in [
        ("EC2C_ALL_REGIONS", "eu-west-1,mars"),
        ("EC2C_ALL_REGIONS", " , "),
        ("EC2C_FAN_OUT_CONCURRENCY", "0"),
        ("EC2C_FAN_OUT_TIMEOUT_SECS", "0"),
    ] {
        assert!(Settings::from_sources(env_of(&[bad])).is_err(), "{bad:?}");
    }
}
