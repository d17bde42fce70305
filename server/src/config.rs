//! Configuration: an optional TOML file, then `EC2C_*` environment variables on top.

use serde::Deserialize;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

/// The server's settings.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
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
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            listen: None,
            default_region: "us-east-1".into(),
            log: "info".into(),
            shutdown_grace_secs: 10,
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
        if let Some(v) = env("EC2C_SHUTDOWN_GRACE_SECS") {
            settings.shutdown_grace_secs = v.parse().map_err(|e| ConfigError::Env {
                name: "EC2C_SHUTDOWN_GRACE_SECS",
                message: format!("{e}"),
            })?;
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
        assert_eq!(s, Settings::default());
    }

    #[test]
    fn a_missing_named_file_is_an_error() {
        let err = Settings::from_sources(env_of(&[("EC2C_CONFIG", "/nonexistent/console.toml")]));
        assert!(matches!(err, Err(ConfigError::Read { .. })));
    }
}
