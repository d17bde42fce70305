//! The shared store on Redis (when sessions are kept there), and choosing the store.

use app::db::Db;
use app::error::AppError;
use app::shared::{store_error, DbShared, Shared, SharedStore};
use std::sync::Arc;
use std::time::Duration;
use tower_sessions_redis_store::fred::prelude::*;
use tower_sessions_redis_store::fred::types::{Expiration, ExpireOptions, SetOptions};

/// The shared store in Redis: plain keys with a time to live.
#[derive(Clone, Debug)]
pub struct RedisShared(pub Pool);

fn px(ttl: Duration) -> i64 {
    i64::try_from(ttl.as_millis()).unwrap_or(i64::MAX).max(1)
}

#[async_trait::async_trait]
impl SharedStore for RedisShared {
    async fn claim(&self, key: &str, value: &str, ttl: Duration) -> Result<bool, AppError> {
        let set: Option<String> = self
            .0
            .set(
                key,
                value,
                Some(Expiration::PX(px(ttl))),
                Some(SetOptions::NX),
                false,
            )
            .await
            .map_err(store_error)?;
        Ok(set.is_some())
    }

    async fn get(&self, key: &str) -> Result<Option<String>, AppError> {
        self.0.get(key).await.map_err(store_error)
    }

    async fn put(&self, key: &str, value: &str, ttl: Duration) -> Result<(), AppError> {
        self.0
            .set::<(), _, _>(key, value, Some(Expiration::PX(px(ttl))), None, false)
            .await
            .map_err(store_error)
    }

    async fn remove(&self, key: &str) -> Result<(), AppError> {
        self.0.del::<i64, _>(key).await.map(|_| ()).map_err(store_error)
    }

    async fn count(&self, key: &str, ttl: Duration) -> Result<(u64, u64), AppError> {
        let count: u64 = self.0.incr(key).await.map_err(store_error)?;
        self.0
            .pexpire::<i64, _>(key, px(ttl), Some(ExpireOptions::NX))
            .await
            .map_err(store_error)?;
        let left: i64 = self.0.pttl(key).await.map_err(store_error)?;
        Ok((count, u64::try_from(left).unwrap_or(0)))
    }
}

/// Redis when `redis` is given (sessions are there), else the console's database (whose expired
/// keys are swept every five minutes).
pub async fn open(redis: Option<Pool>, db: Db) -> Result<Shared, String> {
    match redis {
        Some(pool) => Ok(Shared(Arc::new(RedisShared(pool)))),
        None => {
            let db = DbShared::open(db).await?;
            let sweeper = db.clone();
            tokio::spawn(async move {
                let mut every = tokio::time::interval(Duration::from_secs(300));
                loop {
                    every.tick().await;
                    if let Err(e) = sweeper.sweep().await {
                        tracing::warn!(error = %e, "sweeping expired shared keys failed");
                    }
                }
            });
            Ok(Shared(Arc::new(db)))
        }
    }
}
