//! Server-side sessions: the store (SQLite by default, Redis when scaled out), the cookie, and the key
//! that seals credentials inside session records.

use crate::config::{SessionStoreKind, Settings};
use app::cipher::{SessionCipher, KEY_LEN};
use base64::{engine::general_purpose::STANDARD, Engine as _};
use secrecy::{ExposeSecret, SecretBox};
use tower_sessions::cookie::{time::Duration, SameSite};
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, ExpiredDeletion, SessionStore};
use tower_sessions::{Expiry, SessionManagerLayer};
use tower_sessions_redis_store::{fred::prelude::*, RedisStore};
use tower_sessions_sqlx_store::{sqlx::sqlite::SqliteConnectOptions, sqlx::SqlitePool, SqliteStore};

/// The session cookie's name: `__Host-` binds it to this origin, path `/`, Secure.
pub const COOKIE_NAME: &str = "__Host-ec2c-session";

/// Why sessions could not be set up.
#[derive(Debug, thiserror::Error)]
pub enum SessionSetupError {
    /// No usable session key.
    #[error("session key: {0}")]
    Key(String),
    /// The store could not be opened.
    #[error("session store: {0}")]
    Store(String),
}

/// The configured store, SQLite or Redis.
#[derive(Debug, Clone)]
pub enum AnyStore {
    /// A SQLite file.
    Sqlite(SqliteStore),
    /// A Redis server (and its pool, which the shared store uses too).
    Redis(RedisStore<Pool>, Pool),
}

impl AnyStore {
    /// The Redis pool, when sessions are in Redis.
    pub fn redis(&self) -> Option<Pool> {
        match self {
            Self::Sqlite(_) => None,
            Self::Redis(_, pool) => Some(pool.clone()),
        }
    }
}

#[async_trait::async_trait]
impl SessionStore for AnyStore {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        match self {
            Self::Sqlite(s) => s.create(record).await,
            Self::Redis(s, _) => s.create(record).await,
        }
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        match self {
            Self::Sqlite(s) => s.save(record).await,
            Self::Redis(s, _) => s.save(record).await,
        }
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        match self {
            Self::Sqlite(s) => s.load(id).await,
            Self::Redis(s, _) => s.load(id).await,
        }
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        match self {
            Self::Sqlite(s) => s.delete(id).await,
            Self::Redis(s, _) => s.delete(id).await,
        }
    }
}

/// Opens the configured store; for SQLite, creates the file and table and starts expiry clean-up.
pub async fn open_store(settings: &Settings) -> Result<AnyStore, SessionSetupError> {
    let err = |e: &dyn std::fmt::Display| SessionSetupError::Store(e.to_string());
    match settings.session_store {
        SessionStoreKind::Sqlite => {
            std::fs::create_dir_all(&settings.data_dir).map_err(|e| err(&e))?;
            let options = SqliteConnectOptions::new()
                .filename(settings.data_dir.join("sessions.sqlite3"))
                .create_if_missing(true)
                .busy_timeout(std::time::Duration::from_secs(5));
            let pool = SqlitePool::connect_with(options).await.map_err(|e| err(&e))?;
            let store = SqliteStore::new(pool);
            store.migrate().await.map_err(|e| err(&e))?;
            tokio::spawn(
                store
                    .clone()
                    .continuously_delete_expired(tokio::time::Duration::from_secs(60)),
            );
            Ok(AnyStore::Sqlite(store))
        }
        SessionStoreKind::Redis => {
            let url = settings.redis_url.as_deref().unwrap_or_default();
            let config = Config::from_url(url).map_err(|e| err(&e))?;
            // While Redis is down, commands fail after a few seconds rather than queue for ever:
            // requests then fail clearly, and the pool reconnects once Redis is back.
            let pool = Pool::new(
                config,
                Some(PerformanceConfig {
                    default_command_timeout: std::time::Duration::from_secs(3),
                    ..PerformanceConfig::default()
                }),
                Some(ConnectionConfig {
                    connection_timeout: std::time::Duration::from_secs(2),
                    ..ConnectionConfig::default()
                }),
                Some(ReconnectPolicy::new_exponential(0, 100, 5_000, 2)),
                4,
            )
            .map_err(|e| err(&e))?;
            pool.init().await.map_err(|e| err(&e))?;
            Ok(AnyStore::Redis(RedisStore::new(pool.clone()), pool))
        }
    }
}

/// The session layer: `__Host-` cookie, Secure, HttpOnly, SameSite=Strict, ending after `idle_mins` idle.
pub fn layer<S: SessionStore + Clone>(store: S, idle_mins: u64) -> SessionManagerLayer<S> {
    SessionManagerLayer::new(store)
        .with_name(COOKIE_NAME)
        .with_path("/")
        .with_secure(true)
        .with_http_only(true)
        .with_same_site(SameSite::Strict)
        .with_expiry(Expiry::OnInactivity(Duration::minutes(idle_mins as i64)))
}

fn decode_key(text: &str) -> Result<SecretBox<[u8; KEY_LEN]>, SessionSetupError> {
    let bytes = SecretBox::new(Box::new(
        STANDARD
            .decode(text.trim())
            .map_err(|_| SessionSetupError::Key("not base64".into()))?,
    ));
    let key: [u8; KEY_LEN] = bytes
        .expose_secret()
        .as_slice()
        .try_into()
        .map_err(|_| SessionSetupError::Key(format!("must be {KEY_LEN} bytes")))?;
    Ok(SecretBox::new(Box::new(key)))
}

/// The key sealing credentials: from `session_key`, `session_key_file`, or (demo only) a generated
/// key kept in `data_dir/session.key`. Outside the demo, no key means no start.
pub fn load_cipher(settings: &Settings) -> Result<SessionCipher, SessionSetupError> {
    let io = |e: std::io::Error| SessionSetupError::Key(e.to_string());
    let key = if let Some(key) = &settings.session_key {
        decode_key(key.expose_secret())?
    } else if let Some(path) = &settings.session_key_file {
        decode_key(&std::fs::read_to_string(path).map_err(io)?)?
    } else if settings.demo {
        let path = settings.data_dir.join("session.key");
        if path.exists() {
            decode_key(&std::fs::read_to_string(&path).map_err(io)?)?
        } else {
            std::fs::create_dir_all(&settings.data_dir).map_err(io)?;
            let key = SessionCipher::generate_key();
            write_private(&path, &STANDARD.encode(key.expose_secret())).map_err(io)?;
            tracing::info!(path = %path.display(), "demo mode: generated a session key");
            key
        }
    } else {
        return Err(SessionSetupError::Key(
            "none configured: set EC2C_SESSION_KEY (base64 of 32 random bytes) or EC2C_SESSION_KEY_FILE \
             (demo mode, EC2C_DEMO=true, generates one)"
                .into(),
        ));
    };
    Ok(SessionCipher::new(&key))
}

fn write_private(path: &std::path::Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)?.write_all(text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings_in(dir: &std::path::Path) -> Settings {
        Settings {
            data_dir: dir.to_path_buf(),
            ..Settings::default()
        }
    }

    fn temp_dir(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("ec2c-keys-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn production_refuses_to_start_without_a_key() {
        let dir = temp_dir("none");
        assert!(matches!(
            load_cipher(&settings_in(&dir)),
            Err(SessionSetupError::Key(_))
        ));
    }

    #[test]
    fn the_demo_generates_a_key_once_and_reuses_it() {
        let dir = temp_dir("demo");
        let settings = Settings {
            demo: true,
            ..settings_in(&dir)
        };
        load_cipher(&settings).unwrap();
        let first = std::fs::read_to_string(dir.join("session.key")).unwrap();
        load_cipher(&settings).unwrap();
        assert_eq!(first, std::fs::read_to_string(dir.join("session.key")).unwrap());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.join("session.key"))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn a_given_key_must_be_32_bytes_of_base64() {
        let dir = temp_dir("given");
        let short = Settings {
            session_key: Some(STANDARD.encode([1u8; 16]).into()),
            ..settings_in(&dir)
        };
        assert!(load_cipher(&short).is_err());
        let good = Settings {
            session_key: Some(STANDARD.encode([7u8; 32]).into()),
            ..settings_in(&dir)
        };
        assert!(load_cipher(&good).is_ok());
    }
}
