//! (ssr) The console's own database: a SQLite file under `data_dir` or a PostgreSQL server,
//! through one `sqlx::Any` pool. The audit log and the saved views keep their tables in it.

use sqlx::any::{AnyArguments, AnyPoolOptions, AnyRow};
use sqlx::{Any, AnyPool};
use std::time::Duration;

/// Which database it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    /// A SQLite file.
    Sqlite,
    /// A PostgreSQL server.
    Postgres,
}

/// A value bound to a query.
#[derive(Clone, Debug)]
pub enum Arg {
    /// Text.
    Text(String),
    /// A 64-bit integer.
    Int(i64),
}

/// The pool; cheap to clone.
#[derive(Clone, Debug)]
pub struct Db {
    pool: AnyPool,
    backend: Backend,
}

impl Db {
    /// Opens `url`: `sqlite://path?mode=rwc` (WAL journal, synchronous = NORMAL) or `postgres://…`.
    pub async fn open(url: &str) -> Result<Self, String> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Backend::Postgres
        } else {
            return Err("the database URL must start with sqlite: or postgres:".into());
        };
        let sqlite = backend == Backend::Sqlite;
        let pool = AnyPoolOptions::new()
            .max_connections(if sqlite { 4 } else { 8 })
            .acquire_timeout(Duration::from_secs(3))
            // SQLite: the WAL journal, committed without an fsync per transaction (synchronous =
            // NORMAL). A commit survives a crash of the console; the last moments' may be lost to a
            // power cut (the chain stays whole: the head row goes with them). PostgreSQL keeps its
            // own settings.
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if sqlite {
                        use sqlx::Executor;
                        conn.execute("PRAGMA journal_mode=WAL").await?;
                        conn.execute("PRAGMA synchronous=NORMAL").await?;
                    }
                    Ok(())
                })
            })
            .connect(url)
            .await
            .map_err(|e| format!("cannot open the console database: {e}"))?;
        let db = Self { pool, backend };
        Ok(db)
    }

    /// Runs `statements` (`CREATE … IF NOT EXISTS`); two replicas starting at once may race on
    /// PostgreSQL's catalogue, so a failed statement is tried once more.
    pub async fn create(&self, statements: &[String]) -> Result<(), String> {
        for statement in statements {
            if self.execute(statement, vec![]).await.is_err() {
                self.execute(statement, vec![])
                    .await
                    .map_err(|e| format!("cannot create the console's tables: {e}"))?;
            }
        }
        Ok(())
    }

    /// The database in use.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The pool, for transactions.
    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// `$N` placeholders as this backend spells them (SQLite: `?N`).
    pub fn sql(&self, text: &str) -> String {
        match self.backend {
            Backend::Postgres => text.to_string(),
            Backend::Sqlite => text.replace('$', "?"),
        }
    }

    /// `sql` with `args` bound in order.
    pub fn query(sql: &str, args: Vec<Arg>) -> sqlx::query::Query<'_, Any, AnyArguments<'_>> {
        args.into_iter().fold(sqlx::query(sql), |q, a| match a {
            Arg::Text(t) => q.bind(t),
            Arg::Int(i) => q.bind(i),
        })
    }

    /// Runs a statement; returns the rows it changed.
    pub async fn execute(&self, sql: &str, args: Vec<Arg>) -> Result<u64, sqlx::Error> {
        let sql = self.sql(sql);
        Ok(Self::query(&sql, args).execute(&self.pool).await?.rows_affected())
    }

    /// Every row a query returns.
    pub async fn fetch_all(&self, sql: &str, args: Vec<Arg>) -> Result<Vec<AnyRow>, sqlx::Error> {
        let sql = self.sql(sql);
        Self::query(&sql, args).fetch_all(&self.pool).await
    }

    /// The first row a query returns, if any.
    pub async fn fetch_optional(&self, sql: &str, args: Vec<Arg>) -> Result<Option<AnyRow>, sqlx::Error> {
        let sql = self.sql(sql);
        Self::query(&sql, args).fetch_optional(&self.pool).await
    }
}
