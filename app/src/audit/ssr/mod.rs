//! Server-only: the audit log's tables in the console's database (SQLite or PostgreSQL), its hash
//! chain, verification and retention; the request scope and the SDK interceptor that feed it.

pub mod calls;
mod chain;
pub mod scope;

use crate::audit::filter::{AuditQuery, OutcomeFilter};
use crate::audit::{AuditList, AuditRecord, ChainReport};
use crate::db::{Arg, Backend, Db};
use crate::error::AppError;
use crate::time::civil as time;
use sqlx::any::AnyRow;
use sqlx::Row;

pub use chain::GENESIS;

/// The audit log: shared by every request; cheap to clone.
#[derive(Clone, Debug)]
pub struct AuditLog {
    db: Db,
    /// Refuse state-changing calls while the store cannot be written.
    pub required: bool,
}

fn store_error(e: impl std::fmt::Display) -> AppError {
    tracing::error!(error = %e, "audit store");
    AppError::ConsoleStore(crate::tr!(audit.store_cannot_record).into())
}

/// The log's tables: the records, and the head (last sequence number and hash, purge anchor).
fn schema() -> Vec<String> {
    vec![
        "CREATE TABLE IF NOT EXISTS audit_log (seq BIGINT PRIMARY KEY, time_ms BIGINT NOT NULL, \
         account TEXT NOT NULL, principal TEXT NOT NULL, event TEXT NOT NULL, region TEXT NOT NULL, \
         outcome TEXT NOT NULL, resources TEXT NOT NULL, body TEXT NOT NULL, hash TEXT NOT NULL)"
            .into(),
        "CREATE INDEX IF NOT EXISTS audit_log_account ON audit_log (account, seq)".into(),
        "CREATE TABLE IF NOT EXISTS audit_head (id INTEGER PRIMARY KEY, seq BIGINT NOT NULL, hash TEXT NOT NULL, \
         purged_seq BIGINT NOT NULL, purged_hash TEXT NOT NULL)"
            .into(),
        format!(
            "INSERT INTO audit_head (id, seq, hash, purged_seq, purged_hash) VALUES (1, 0, '{GENESIS}', 0, '{GENESIS}') \
             ON CONFLICT (id) DO NOTHING"
        ),
    ]
}

impl AuditLog {
    /// The log in `db` (its tables are created if they are not there).
    pub async fn open(db: Db, required: bool) -> Result<Self, String> {
        db.create(&schema()).await?;
        Ok(Self { db, required })
    }

    /// The log provided to this request by the server.
    pub fn current() -> Result<Self, AppError> {
        leptos::prelude::use_context::<Self>()
            .ok_or_else(|| AppError::internal("AuditLog was not provided to the request"))
    }

    /// Ok when a state-changing call may go ahead: the store answers, or the log is not required.
    pub async fn ready(&self) -> Result<(), AppError> {
        if !self.required {
            return Ok(());
        }
        self.db
            .execute("SELECT 1", vec![])
            .await
            .map(|_| ())
            .map_err(store_error)
    }

    /// Appends `record` to the chain (one writer at a time, whichever replica it is on: the head
    /// row is locked for the transaction); fills in its sequence number, time and hash.
    pub async fn append(&self, record: AuditRecord) -> Result<AuditRecord, AppError> {
        let started = std::time::Instant::now();
        let result = self.append_now(record).await;
        let store = match self.db.backend() {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        };
        crate::metrics::global().observe(
            "audit_append_seconds",
            &[("store", store)],
            started.elapsed().as_secs_f64(),
        );
        result
    }

    async fn append_now(&self, mut record: AuditRecord) -> Result<AuditRecord, AppError> {
        let mut tx = self.db.pool().begin().await.map_err(store_error)?;
        let head = sqlx::query(
            &self
                .db
                .sql("UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash"),
        )
        .fetch_one(&mut *tx)
        .await
        .map_err(store_error)?;
        let (seq, previous): (i64, String) = (head.get(0), head.get(1));
        record.seq = seq;
        record.time_ms = now_ms();
        record.time = time::rfc3339(record.time_ms);
        let (body, hash) = chain::seal(&previous, &mut record);
        let args = vec![
            Arg::Int(seq),
            Arg::Int(record.time_ms),
            Arg::Text(record.account.clone()),
            Arg::Text(record.principal.clone()),
            Arg::Text(record.event.clone()),
            Arg::Text(record.region.clone()),
            Arg::Text(record.outcome.clone()),
            Arg::Text(chain::resource_column(&record.resources)),
            Arg::Text(body),
            Arg::Text(hash.clone()),
        ];
        let insert = self.db.sql(
            "INSERT INTO audit_log (seq, time_ms, account, principal, event, region, outcome, resources, body, hash) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        );
        Db::query(&insert, args)
            .execute(&mut *tx)
            .await
            .map_err(store_error)?;
        let update = self.db.sql("UPDATE audit_head SET hash = $1 WHERE id = 1");
        Db::query(&update, vec![Arg::Text(hash)])
            .execute(&mut *tx)
            .await
            .map_err(store_error)?;
        tx.commit().await.map_err(store_error)?;
        Ok(record)
    }

    /// One page of `account`'s records that `query` selects, newest first, with the total.
    pub async fn list(&self, account: &str, query: &AuditQuery) -> Result<AuditList, AppError> {
        let mut clauses = vec!["account = $1".to_string()];
        let mut args = vec![Arg::Text(account.into())];
        let mut add = |clause: &str, arg: Arg| {
            args.push(arg);
            clauses.push(clause.replace('#', &format!("${}", args.len())));
        };
        if let Some(who) = &query.who {
            add(
                "lower(principal) LIKE # ESCAPE '\\'",
                Arg::Text(format!("%{}%", like_escape(&who.to_lowercase()))),
            );
        }
        if let Some(action) = &query.action {
            add("lower(event) = #", Arg::Text(action.to_lowercase()));
        }
        if let Some(resource) = &query.resource {
            add(
                "resources LIKE # ESCAPE '\\'",
                Arg::Text(format!("% {} %", like_escape(resource))),
            );
        }
        if let Some(region) = &query.region {
            add("region = #", Arg::Text(region.clone()));
        }
        match &query.outcome {
            OutcomeFilter::Any => {}
            OutcomeFilter::Ok => add("outcome = #", Arg::Text("ok".into())),
            OutcomeFilter::Failed => add("outcome <> #", Arg::Text("ok".into())),
            OutcomeFilter::Code(code) => add("outcome = #", Arg::Text(code.clone())),
        }
        if let Some(from) = query.from_ms {
            add("time_ms >= #", Arg::Int(from));
        }
        if let Some(to) = query.to_ms {
            add("time_ms < #", Arg::Int(to));
        }
        let filter = clauses.join(" AND ");
        let count_sql = self
            .db
            .sql(&format!("SELECT COUNT(*) FROM audit_log WHERE {filter}"));
        let total: i64 = Db::query(&count_sql, args.clone())
            .fetch_one(self.db.pool())
            .await
            .map_err(store_error)?
            .get(0);
        let n = args.len();
        args.push(Arg::Int(query.limit));
        args.push(Arg::Int(query.offset));
        let page_sql = self.db.sql(&format!(
            "SELECT body, hash FROM audit_log WHERE {filter} ORDER BY seq DESC LIMIT ${} OFFSET ${}",
            n + 1,
            n + 2
        ));
        let rows = Db::query(&page_sql, args)
            .fetch_all(self.db.pool())
            .await
            .map_err(store_error)?;
        let records = rows.iter().map(chain::from_row).collect::<Result<_, _>>()?;
        Ok(AuditList { records, total })
    }

    /// The latest record of any account (the log's own events, such as a purge, have none).
    pub async fn latest(&self) -> Result<Option<AuditRecord>, AppError> {
        let row = sqlx::query("SELECT body, hash FROM audit_log ORDER BY seq DESC LIMIT 1")
            .fetch_optional(self.db.pool())
            .await
            .map_err(store_error)?;
        row.as_ref().map(chain::from_row).transpose()
    }

    /// The account an access key ID last signed in to through this console (for a refused sign-in).
    pub async fn account_of_key(&self, access_key_id: &str) -> Result<Option<String>, AppError> {
        let sql = self.db.sql(
            "SELECT account FROM audit_log WHERE event = 'SignIn' AND outcome = 'ok' \
             AND resources LIKE $1 ESCAPE '\\' ORDER BY seq DESC LIMIT 1",
        );
        let row = Db::query(
            &sql,
            vec![Arg::Text(format!("% {} %", like_escape(access_key_id)))],
        )
        .fetch_optional(self.db.pool())
        .await
        .map_err(store_error)?;
        Ok(row.map(|r: AnyRow| r.get(0)))
    }

    /// Walks the chain from the purge anchor to the head it read first; names the first broken
    /// link. Records appended meanwhile lie past that head and are left for the next check.
    pub async fn verify(&self) -> Result<ChainReport, AppError> {
        let head = sqlx::query("SELECT seq, hash, purged_seq, purged_hash FROM audit_head WHERE id = 1")
            .fetch_one(self.db.pool())
            .await
            .map_err(store_error)?;
        let (head_seq, head_hash, purged_seq, purged_hash): (i64, String, i64, String) =
            (head.get(0), head.get(1), head.get(2), head.get(3));
        let mut walk = chain::Walk::new(purged_seq, purged_hash);
        let sql = self.db.sql(
            "SELECT seq, time_ms, account, principal, event, region, outcome, resources, body, hash \
             FROM audit_log WHERE seq > $1 AND seq <= $2 ORDER BY seq LIMIT 1000",
        );
        loop {
            let rows = Db::query(&sql, vec![Arg::Int(walk.last_seq()), Arg::Int(head_seq)])
                .fetch_all(self.db.pool())
                .await
                .map_err(store_error)?;
            if rows.is_empty() {
                break;
            }
            for row in &rows {
                if let Some(report) = walk.step(row) {
                    return Ok(report);
                }
            }
        }
        Ok(walk.finish(head_seq, &head_hash))
    }

    /// Deletes records older than `days` from the oldest end, keeping the last deleted record's
    /// hash as the chain's anchor, then records the purge itself. Returns how many went.
    pub async fn purge(&self, days: u64) -> Result<i64, AppError> {
        let cutoff = now_ms() - i64::try_from(days).unwrap_or(i64::MAX / 86_400_000) * 86_400_000;
        let mut tx = self.db.pool().begin().await.map_err(store_error)?;
        sqlx::query(&self.db.sql("UPDATE audit_head SET seq = seq WHERE id = 1"))
            .execute(&mut *tx)
            .await
            .map_err(store_error)?;
        let last = Db::query(
            &self.db.sql("SELECT seq, hash FROM audit_log WHERE seq = (SELECT MAX(seq) FROM audit_log WHERE time_ms < $1)"),
            vec![Arg::Int(cutoff)],
        )
        .fetch_optional(&mut *tx)
        .await
        .map_err(store_error)?;
        let Some(last) = last else {
            tx.rollback().await.map_err(store_error)?;
            return Ok(0);
        };
        let (last_seq, last_hash): (i64, String) = (last.get(0), last.get(1));
        let removed = Db::query(
            &self.db.sql("DELETE FROM audit_log WHERE seq <= $1"),
            vec![Arg::Int(last_seq)],
        )
        .execute(&mut *tx)
        .await
        .map_err(store_error)?
        .rows_affected();
        Db::query(
            &self
                .db
                .sql("UPDATE audit_head SET purged_seq = $1, purged_hash = $2 WHERE id = 1"),
            vec![Arg::Int(last_seq), Arg::Text(last_hash)],
        )
        .execute(&mut *tx)
        .await
        .map_err(store_error)?;
        tx.commit().await.map_err(store_error)?;
        let removed = i64::try_from(removed).unwrap_or(i64::MAX);
        self.append(AuditRecord {
            principal: "ec2-console".into(),
            event: "PurgeAuditLog".into(),
            parameters: format!("retention_days={days}, removed={removed}, through_seq={last_seq}"),
            resources: vec![],
            outcome: "ok".into(),
            ..AuditRecord::default()
        })
        .await?;
        tracing::info!(removed, through_seq = last_seq, "audit log purged");
        Ok(removed)
    }
}

/// `text` with LIKE's wildcards and the escape character escaped (`ESCAPE '\'`).
fn like_escape(text: &str) -> String {
    text.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

/// Now, in Unix milliseconds.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or_default()
}
