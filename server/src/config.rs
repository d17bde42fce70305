//! Configuration: an optional TOML file, then `EC2C_*` environment variables on top.

use secrecy::SecretString;
use serde::Deserialize;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

/// Where sessions are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SessionStoreKind {
    /// A SQLite file under `data_dir` (the default; survives restarts).
    Sqlite,
    /// A Redis server at `redis_url` (for several console servers behind one address).
    Redis,
}

/// Where the audit log is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AuditStoreKind {
    /// `audit.sqlite3` under `data_dir` (the default).
    Sqlite,
    /// A PostgreSQL database at `audit_url` (for several console servers sharing one log).
    Postgres,
}

/// Where `/metrics` (Prometheus' text format) is served.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(try_from = "String")]
pub enum MetricsAt {
    /// Not served (the default).
    #[default]
    Off,
    /// At `/metrics` on the console's own listener, to anyone who can reach it.
    Listener,
    /// On a separate loopback address, for a scraper on the same host.
    Loopback(SocketAddr),
}

impl TryFrom<String> for MetricsAt {
    type Error = String;

    fn try_from(value: String) -> Result<Self, String> {
        match value.trim() {
            "off" | "" => Ok(Self::Off),
            "listener" => Ok(Self::Listener),
            other => match other.parse::<SocketAddr>() {
                Ok(addr) if addr.ip().is_loopback() => Ok(Self::Loopback(addr)),
                Ok(addr) => Err(format!(
                    "{addr} is not a loopback address (use listener behind the proxy)"
                )),
                Err(_) => Err(format!(
                    "{other:?}: expected off, listener or a loopback host:port"
                )),
            },
        }
    }
}

/// The server's settings.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// Address to listen on; defaults to Leptos' `site-addr` (127.0.0.1:3000).
    pub listen: Option<SocketAddr>,
    /// Region used when a request names none.
    pub default_region: String,
    /// `tracing` filter directives (overridden by `RUST_LOG`).
    pub log: String,
    /// Seconds in-flight requests get to finish after SIGTERM or Ctrl-C.
    pub shutdown_grace_secs: u64,
    /// Directory for the SQLite session store and the demo's generated key.
    pub data_dir: PathBuf,
    /// `sqlite` (default) or `redis`.
    pub session_store: SessionStoreKind,
    /// Redis URL when `session_store = "redis"`.
    pub redis_url: Option<String>,
    /// The key sealing credentials in sessions: base64 of 32 random bytes.
    pub session_key: Option<SecretString>,
    /// A file holding `session_key`.
    pub session_key_file: Option<PathBuf>,
    /// Demo mode: generate and persist a session key under `data_dir` when none is given.
    pub demo: bool,
    /// Minutes of inactivity after which a session ends.
    pub idle_timeout_mins: u64,
    /// Hours after sign-in at which a session ends whatever the activity.
    pub absolute_timeout_hours: u64,
    /// Read-only for everyone: every mutating action is refused.
    pub read_only: bool,
    /// Set when a TLS-terminating proxy is in front; required to listen on a non-loopback address.
    pub behind_tls_proxy: bool,
    /// The console's public origin (`https://console.example.com`); default: the request's Host.
    pub public_origin: Option<String>,
    /// Sign-in attempts allowed per client IP per minute.
    pub sign_in_per_ip_per_min: usize,
    /// Sign-in attempts allowed per access key ID per minute.
    pub sign_in_per_key_per_min: usize,
    /// Where `/metrics` is served: `off` (default), `listener`, or a loopback `host:port`.
    pub metrics: MetricsAt,
    /// `sqlite` (default) or `postgres`.
    pub audit_store: AuditStoreKind,
    /// PostgreSQL URL when `audit_store = "postgres"` (`postgres://user@host:port/db`).
    pub audit_url: Option<String>,
    /// Days an audit record is kept; older ones are purged daily.
    pub audit_retention_days: u64,
    /// Refuse state-changing actions (and sign-ins) while the audit log cannot record them.
    pub audit_required: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            listen: None,
            default_region: "us-east-1".into(),
            log: "info".into(),
            shutdown_grace_secs: 10,
            data_dir: PathBuf::from("data"),
            session_store: SessionStoreKind::Sqlite,
            redis_url: None,
            session_key: None,
            session_key_file: None,
            demo: false,
            idle_timeout_mins: 30,
            absolute_timeout_hours: 8,
            read_only: false,
            behind_tls_proxy: false,
            public_origin: None,
            sign_in_per_ip_per_min: 20,
            sign_in_per_key_per_min: 5,
            metrics: MetricsAt::Off,
            audit_store: AuditStoreKind::Sqlite,
            audit_url: None,
            audit_retention_days: 400,
            audit_required: true,
        }
    }
}

/// Why the configuration could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file named by `EC2C_CONFIG` could not be read.
    #[error("cannot read configuration file {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The file is not valid TOML for [`Settings`].
    #[error("invalid configuration file {path}: {source}")]
    Parse {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        source: toml::de::Error,
    },
    /// An environment variable has an invalid value.
    #[error("invalid value for {name}: {message}")]
    Env {
        /// The variable.
        name: &'static str,
        /// What is wrong.
        message: String,
    },
}

/// The default configuration file, read when it exists and `EC2C_CONFIG` names no other.
pub const DEFAULT_CONFIG_FILE: &str = "config/console.toml";

impl Settings {
    /// Loads from the process environment and the configuration file it points to.
    pub fn load() -> Result<Self, ConfigError> {
        Self::from_sources(|name| std::env::var(name).ok())
    }

    /// Loads with `env` standing in for the environment (for tests).
    pub fn from_sources(env: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let file = env("EC2C_CONFIG").map(PathBuf::from).or_else(|| {
            let default = Path::new(DEFAULT_CONFIG_FILE);
            default.exists().then(|| default.to_path_buf())
        });
        let mut settings = match file {
            Some(path) => {
                let text = std::fs::read_to_string(&path).map_err(|source| ConfigError::Read {
                    path: path.clone(),
                    source,
                })?;
                toml::from_str(&text).map_err(|source| ConfigError::Parse { path, source })?
            }
            None => Settings::default(),
        };
        if let Some(v) = env("EC2C_LISTEN") {
            settings.listen = Some(v.parse().map_err(|e| ConfigError::Env {
                name: "EC2C_LISTEN",
                message: format!("{e} (expected host:port)"),
            })?);
        }
        if let Some(v) = env("EC2C_DEFAULT_REGION") {
            settings.default_region = v;
        }
        if let Some(v) = env("EC2C_LOG") {
            settings.log = v;
        }
        fn parsed<T: std::str::FromStr>(name: &'static str, v: String) -> Result<T, ConfigError>
        where
            T::Err: std::fmt::Display,
        {
            v.parse().map_err(|e: T::Err| ConfigError::Env {
                name,
                message: e.to_string(),
            })
        }
        if let Some(v) = env("EC2C_SHUTDOWN_GRACE_SECS") {
            settings.shutdown_grace_secs = parsed("EC2C_SHUTDOWN_GRACE_SECS", v)?;
        }
        if let Some(v) = env("EC2C_DATA_DIR") {
            settings.data_dir = PathBuf::from(v);
        }
        if let Some(v) = env("EC2C_SESSION_STORE") {
            settings.session_store = match v.as_str() {
                "sqlite" => SessionStoreKind::Sqlite,
                "redis" => SessionStoreKind::Redis,
                _ => {
                    return Err(ConfigError::Env {
                        name: "EC2C_SESSION_STORE",
                        message: "expected sqlite or redis".into(),
                    })
                }
            };
        }
        if let Some(v) = env("EC2C_REDIS_URL") {
            settings.redis_url = Some(v);
        }
        if let Some(v) = env("EC2C_SESSION_KEY") {
            settings.session_key = Some(v.into());
        }
        if let Some(v) = env("EC2C_SESSION_KEY_FILE") {
            settings.session_key_file = Some(PathBuf::from(v));
        }
        if let Some(v) = env("EC2C_DEMO") {
            settings.demo = parsed("EC2C_DEMO", v)?;
        }
        if let Some(v) = env("EC2C_IDLE_TIMEOUT_MINS") {
            settings.idle_timeout_mins = parsed("EC2C_IDLE_TIMEOUT_MINS", v)?;
        }
        if let Some(v) = env("EC2C_ABSOLUTE_TIMEOUT_HOURS") {
            settings.absolute_timeout_hours = parsed("EC2C_ABSOLUTE_TIMEOUT_HOURS", v)?;
        }
        if let Some(v) = env("EC2C_READ_ONLY") {
            settings.read_only = parsed("EC2C_READ_ONLY", v)?;
        }
        if let Some(v) = env("EC2C_BEHIND_TLS_PROXY") {
            settings.behind_tls_proxy = parsed("EC2C_BEHIND_TLS_PROXY", v)?;
        }
        if let Some(v) = env("EC2C_SIGN_IN_PER_IP_PER_MIN") {
            settings.sign_in_per_ip_per_min = parsed("EC2C_SIGN_IN_PER_IP_PER_MIN", v)?;
        }
        if let Some(v) = env("EC2C_SIGN_IN_PER_KEY_PER_MIN") {
            settings.sign_in_per_key_per_min = parsed("EC2C_SIGN_IN_PER_KEY_PER_MIN", v)?;
        }
        if let Some(v) = env("EC2C_METRICS") {
            settings.metrics = MetricsAt::try_from(v).map_err(|message| ConfigError::Env {
                name: "EC2C_METRICS",
                message,
            })?;
        }
        if let Some(v) = env("EC2C_PUBLIC_ORIGIN") {
            settings.public_origin = Some(v);
        }
        if let Some(v) = env("EC2C_AUDIT_STORE") {
            settings.audit_store = match v.as_str() {
                "sqlite" => AuditStoreKind::Sqlite,
                "postgres" => AuditStoreKind::Postgres,
                other => {
                    return Err(ConfigError::Env {
                        name: "EC2C_AUDIT_STORE",
                        message: format!("{other:?}: expected sqlite or postgres"),
                    })
                }
            };
        }
        if let Some(v) = env("EC2C_AUDIT_URL") {
            settings.audit_url = Some(v);
        }
        if let Some(v) = env("EC2C_AUDIT_RETENTION_DAYS") {
            settings.audit_retention_days = parsed("EC2C_AUDIT_RETENTION_DAYS", v)?;
        }
        if let Some(v) = env("EC2C_AUDIT_REQUIRED") {
            settings.audit_required = parsed("EC2C_AUDIT_REQUIRED", v)?;
        }
        if settings.audit_store == AuditStoreKind::Postgres && settings.audit_url.is_none() {
            return Err(ConfigError::Env {
                name: "audit_url",
                message: "required when audit_store is postgres".into(),
            });
        }
        if settings.audit_retention_days == 0 {
            return Err(ConfigError::Env {
                name: "audit_retention_days",
                message: "at least 1".into(),
            });
        }
        if settings.session_store == SessionStoreKind::Redis && settings.redis_url.is_none() {
            return Err(ConfigError::Env {
                name: "redis_url",
                message: "required when session_store is redis".into(),
            });
        }
        if !app::region::is_valid_region(&settings.default_region) {
            return Err(ConfigError::Env {
                name: "default_region",
                message: format!("{:?} is not a region name", settings.default_region),
            });
        }
        Ok(settings)
    }
}

#[cfg(test)]
mod tests {
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
}
