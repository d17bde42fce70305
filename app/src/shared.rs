//! (ssr) State every replica must agree on — which launch ClientTokens were submitted and how
//! they ended, and how many sign-in attempts a client or key made — in the shared store: Redis
//! when sessions are kept in Redis, the console's database otherwise. Every key expires; a store
//! that does not answer is an error, never a silent "not seen".

use crate::db::{Arg, Db};
use crate::error::AppError;
use std::sync::Arc;
use std::time::Duration;

/// A small key-value store with expiry, shared by every replica.
#[async_trait::async_trait]
pub trait SharedStore: Send + Sync + std::fmt::Debug {
    /// Sets `key` to `value` for `ttl` unless it is set; whether this call set it.
    async fn claim(&self, key: &str, value: &str, ttl: Duration) -> Result<bool, AppError>;
    /// The value of `key`, while it lasts.
    async fn get(&self, key: &str) -> Result<Option<String>, AppError>;
    /// Sets `key` to `value` for `ttl`.
    async fn put(&self, key: &str, value: &str, ttl: Duration) -> Result<(), AppError>;
    /// Removes `key`.
    async fn remove(&self, key: &str) -> Result<(), AppError>;
    /// Counts one more against `key`, which lasts `ttl` from its first count; returns the count
    /// and the milliseconds until the key ends.
    async fn count(&self, key: &str, ttl: Duration) -> Result<(u64, u64), AppError>;
}

/// The shared store, as the server provides it to requests.
#[derive(Clone, Debug)]
pub struct Shared(pub Arc<dyn SharedStore>);

impl Shared {
    /// The store provided to this request by the server.
    pub fn current() -> Result<Self, AppError> {
        leptos::prelude::use_context::<Self>()
            .ok_or_else(|| AppError::internal("the shared store was not provided to the request"))
    }
}

/// A store failure, as the caller sees it.
pub fn store_error(e: impl std::fmt::Display) -> AppError {
    tracing::error!(error = %e, "shared store");
    AppError::SessionStore("the shared store did not answer".into())
}

fn ms(d: Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}

/// The shared store in the console's database: one table, `shared_state`.
#[derive(Clone, Debug)]
pub struct DbShared {
    db: Db,
}

impl DbShared {
    /// Creates the table if it is not there.
    pub async fn open(db: Db) -> Result<Self, String> {
        db.create(&[
            "CREATE TABLE IF NOT EXISTS shared_state (k TEXT PRIMARY KEY, v TEXT NOT NULL, \
                     expires_ms BIGINT NOT NULL)"
                .into(),
        ])
        .await?;
        Ok(Self { db })
    }

    async fn expire(&self, key: &str, now: i64) -> Result<(), AppError> {
        self.db
            .execute(
                "DELETE FROM shared_state WHERE k = $1 AND expires_ms <= $2",
                vec![Arg::Text(key.into()), Arg::Int(now)],
            )
            .await
            .map(|_| ())
            .map_err(store_error)
    }

    /// Removes every expired key (the server runs it every few minutes).
    pub async fn sweep(&self) -> Result<u64, AppError> {
        self.db
            .execute(
                "DELETE FROM shared_state WHERE expires_ms <= $1",
                vec![Arg::Int(crate::audit::ssr::now_ms())],
            )
            .await
            .map_err(store_error)
    }
}

#[async_trait::async_trait]
impl SharedStore for DbShared {
    async fn claim(&self, key: &str, value: &str, ttl: Duration) -> Result<bool, AppError> {
        let now = crate::audit::ssr::now_ms();
        self.expire(key, now).await?;
        let set = self
            .db
            .execute(
                "INSERT INTO shared_state (k, v, expires_ms) VALUES ($1, $2, $3) ON CONFLICT (k) DO NOTHING",
                vec![
                    Arg::Text(key.into()),
                    Arg::Text(value.into()),
                    Arg::Int(now + ms(ttl)),
                ],
            )
            .await
            .map_err(store_error)?;
        Ok(set == 1)
    }

    async fn get(&self, key: &str) -> Result<Option<String>, AppError> {
        use sqlx::Row;
        let row = self
            .db
            .fetch_optional(
                "SELECT v FROM shared_state WHERE k = $1 AND expires_ms > $2",
                vec![Arg::Text(key.into()), Arg::Int(crate::audit::ssr::now_ms())],
            )
            .await
            .map_err(store_error)?;
        Ok(row.map(|r| r.get(0)))
    }

    async fn put(&self, key: &str, value: &str, ttl: Duration) -> Result<(), AppError> {
        self.db
            .execute(
                "INSERT INTO shared_state (k, v, expires_ms) VALUES ($1, $2, $3) \
                 ON CONFLICT (k) DO UPDATE SET v = excluded.v, expires_ms = excluded.expires_ms",
                vec![
                    Arg::Text(key.into()),
                    Arg::Text(value.into()),
                    Arg::Int(crate::audit::ssr::now_ms() + ms(ttl)),
                ],
            )
            .await
            .map(|_| ())
            .map_err(store_error)
    }

    async fn remove(&self, key: &str) -> Result<(), AppError> {
        self.db
            .execute(
                "DELETE FROM shared_state WHERE k = $1",
                vec![Arg::Text(key.into())],
            )
            .await
            .map(|_| ())
            .map_err(store_error)
    }

    async fn count(&self, key: &str, ttl: Duration) -> Result<(u64, u64), AppError> {
        use sqlx::Row;
        let now = crate::audit::ssr::now_ms();
        self.expire(key, now).await?;
        let row = self
            .db
            .fetch_optional(
                "INSERT INTO shared_state (k, v, expires_ms) VALUES ($1, '1', $2) \
                 ON CONFLICT (k) DO UPDATE SET v = CAST(CAST(shared_state.v AS BIGINT) + 1 AS TEXT) \
                 RETURNING v, expires_ms",
                vec![Arg::Text(key.into()), Arg::Int(now + ms(ttl))],
            )
            .await
            .map_err(store_error)?
            .ok_or_else(|| store_error("the count returned nothing"))?;
        let count: String = row.get(0);
        let expires: i64 = row.get(1);
        Ok((
            count.parse().unwrap_or(u64::MAX),
            u64::try_from(expires - now).unwrap_or(0),
        ))
    }
}
