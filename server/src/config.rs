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
    /// The regions an all-regions view asks when the account's `DescribeRegions` is denied.
    pub all_regions: Vec<String>,
    /// Regions an all-regions view asks at once.
    pub fan_out_concurrency: usize,
    /// Seconds one region of an all-regions view may take.
    pub fan_out_timeout_secs: u64,
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
            all_regions: app::regions::ssr::DEFAULT_REGIONS
                .iter()
                .map(|r| r.to_string())
                .collect(),
            fan_out_concurrency: 8,
            fan_out_timeout_secs: 10,
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
        if let Some(v) = env("EC2C_ALL_REGIONS") {
            settings.all_regions = v
                .split(',')
                .map(|r| r.trim().to_string())
                .filter(|r| !r.is_empty())
                .collect();
        }
        if let Some(v) = env("EC2C_FAN_OUT_CONCURRENCY") {
            settings.fan_out_concurrency = parsed("EC2C_FAN_OUT_CONCURRENCY", v)?;
        }
        if let Some(v) = env("EC2C_FAN_OUT_TIMEOUT_SECS") {
            settings.fan_out_timeout_secs = parsed("EC2C_FAN_OUT_TIMEOUT_SECS", v)?;
        }
        if let Some(bad) = settings
            .all_regions
            .iter()
            .find(|r| !app::region::is_valid_region(r))
        {
            return Err(ConfigError::Env {
                name: "all_regions",
                message: format!("{bad:?} is not a region name"),
            });
        }
        if settings.all_regions.is_empty()
            || settings.fan_out_concurrency == 0
            || settings.fan_out_timeout_secs == 0
        {
            return Err(ConfigError::Env {
                name: "all_regions",
                message:
                    "all_regions needs a region, fan_out_concurrency and fan_out_timeout_secs at least 1"
                        .into(),
            });
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
mod tests;
