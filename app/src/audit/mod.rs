//! The audit log: one record per state-changing call, sign-in and sign-out, modelled on CloudTrail's
//! event record and chained by SHA-256; the `/audit` page and the History of one resource.
//!
//! Records are written by one mechanism (the server's audit middleware around every server
//! function, fed by [`ssr::scope`] and the SDK interceptor [`ssr::calls::AuditCalls`]), never by hand.

pub mod filter;
pub mod history;
pub mod page;
#[cfg(feature = "ssr")]
pub mod ssr;

use crate::components::table::Column;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

pub use filter::AuditFilter;
pub use history::{History, HistoryBox};
pub use page::AuditPage;

/// Records on one page of `/audit`.
pub const PAGE_SIZE: i64 = 50;

/// One resource's outcome within a record (a bulk action has one per instance).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemOutcome {
    /// The resource ID (or key pair name).
    pub resource: String,
    /// `ok`, or AWS's error code, or the console's (`ValidationError`).
    pub outcome: String,
    /// AWS's or the console's message; empty when it went well.
    pub message: String,
    /// AWS's request ID of the call that acted on it.
    pub aws_request_id: Option<String>,
}

/// One audited event, as stored (its JSON, without `hash`, is what the chain hashes) and shown.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRecord {
    /// Position in the chain, from 1.
    pub seq: i64,
    /// When, in Unix milliseconds (UTC).
    pub time_ms: i64,
    /// The same instant in RFC 3339 (`2026-12-01T15:35:05.123Z`).
    pub time: String,
    /// The console's request ID (also in the server's log line of that request).
    pub request_id: String,
    /// The caller's ARN (empty for a refused sign-in).
    pub principal: String,
    /// The caller's AWS account.
    pub account: String,
    /// The access key ID used (never a secret).
    pub access_key_id: String,
    /// The client's address.
    pub source_ip: String,
    /// The client's `User-Agent`.
    pub user_agent: String,
    /// The region acted in.
    pub region: String,
    /// What was done: the API (`TerminateInstances`) or `SignIn`, `SignOut`, `PurgeAuditLog`.
    pub event: String,
    /// The EC2 APIs called that change state, in order, without repeats.
    pub apis: Vec<String>,
    /// The resources acted on (and created).
    pub resources: Vec<String>,
    /// The parameters, summarised: no secret, user data, key material or token.
    pub parameters: String,
    /// `ok`, `partial` (some items failed), AWS's error code, or the console's.
    pub outcome: String,
    /// AWS's or the console's message when it did not go well.
    pub message: String,
    /// AWS's request IDs.
    pub aws_request_ids: Vec<String>,
    /// The idempotency token of a launch.
    pub client_token: Option<String>,
    /// One outcome per resource.
    pub items: Vec<ItemOutcome>,
    /// SHA-256(previous hash ‖ this record's JSON without the hash), hex.
    pub hash: String,
}

impl AuditRecord {
    /// Whether it went well.
    pub fn is_ok(&self) -> bool {
        self.outcome == "ok"
    }

    /// The outcome in words: `ok`, or the code and message.
    pub fn outcome_line(&self) -> String {
        if self.message.is_empty() {
            self.outcome.clone()
        } else {
            format!("{}: {}", self.outcome, self.message)
        }
    }
}

/// The outcome code the log records for a failure.
pub fn outcome_code(error: &AppError) -> String {
    match error {
        AppError::Aws { code, .. } => code.clone(),
        AppError::Validation { .. } => "ValidationError".into(),
        AppError::ReadOnly(_) => "ReadOnly".into(),
        AppError::Unreachable(_) => "EndpointUnreachable".into(),
        AppError::NotSignedIn => "NotSignedIn".into(),
        AppError::RateLimited(_) => "RateLimited".into(),
        AppError::Internal { .. } => "InternalError".into(),
        AppError::SessionStore(_) => "SessionStoreUnavailable".into(),
        AppError::ConsoleStore(_) => "ConsoleStoreUnavailable".into(),
        AppError::NotAllowed(_) => "NotAllowed".into(),
        AppError::Transport(_) => "TransportError".into(),
    }
}

/// The message the log records for a failure.
pub fn outcome_message(error: &AppError) -> String {
    match error {
        AppError::Aws { message, .. } => message.clone(),
        other => other.to_string(),
    }
}

/// Every field of a record as a CSV column (the export of `/audit`).
pub fn export_columns() -> Vec<Column<AuditRecord>> {
    vec![
        Column::text("seq", crate::label!(audit.col_record), |r| r.seq.to_string()),
        Column::text("time", crate::label!(audit.col_time_utc), |r| r.time.clone()),
        Column::text("principal", crate::label!(audit.col_principal), |r| {
            r.principal.clone()
        }),
        Column::text("account", crate::label!(audit.col_account), |r| r.account.clone()),
        Column::text("access_key_id", crate::label!(audit.col_access_key_id), |r| {
            r.access_key_id.clone()
        }),
        Column::text("source_ip", crate::label!(audit.col_source_ip), |r| {
            r.source_ip.clone()
        }),
        Column::text("user_agent", crate::label!(audit.col_user_agent), |r| {
            r.user_agent.clone()
        }),
        Column::text("region", crate::label!(audit.col_region), |r| r.region.clone()),
        Column::text("event", crate::label!(audit.col_action), |r| r.event.clone()),
        Column::text("apis", crate::label!(audit.col_apis), |r| r.apis.join(" ")),
        Column::text("resources", crate::label!(audit.col_resources), |r| {
            r.resources.join(" ")
        }),
        Column::text("parameters", crate::label!(audit.col_parameters), |r| {
            r.parameters.clone()
        }),
        Column::text("outcome", crate::label!(audit.col_outcome), |r| r.outcome.clone()),
        Column::text("message", crate::label!(audit.col_message), |r| r.message.clone()),
        Column::text("items", crate::label!(audit.col_items), |r| {
            r.items
                .iter()
                .map(|i| format!("{}={}", i.resource, i.outcome))
                .collect::<Vec<_>>()
                .join(" ")
        }),
        Column::text("aws_request_ids", crate::label!(audit.col_aws_request_ids), |r| {
            r.aws_request_ids.join(" ")
        }),
        Column::text("client_token", crate::label!(audit.col_client_token), |r| {
            r.client_token.clone().unwrap_or_default()
        }),
        Column::text("request_id", crate::label!(audit.col_console_request_id), |r| {
            r.request_id.clone()
        }),
        Column::text("hash", crate::label!(audit.col_hash), |r| r.hash.clone()),
    ]
}

/// One page of the filtered log, newest first.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AuditList {
    /// The records on this page.
    pub records: Vec<AuditRecord>,
    /// How many records match the filter in all.
    pub total: i64,
}

/// What `verify` found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainReport {
    /// Records checked.
    pub checked: i64,
    /// The first record whose link is broken, and why; `None` when the chain holds.
    pub broken: Option<(i64, String)>,
}

impl ChainReport {
    /// The report in one sentence.
    pub fn summary(&self) -> String {
        match &self.broken {
            None => crate::tr!(
                audit.chain_holds,
                count = crate::number::whole(self.checked as u64)
            ),
            Some((seq, why)) => crate::tr!(audit.chain_broken, seq = seq, why = why),
        }
    }
}

/// The records of the caller's account that `filter` selects, one page, newest first.
#[server]
pub async fn audit_records(filter: AuditFilter) -> Result<AuditList, AppError> {
    let query = filter.check()?;
    let caller = crate::auth::ssr::Caller::current().await?;
    ssr::AuditLog::current()?.list(&caller.user.account, &query).await
}

/// The latest records (one page) of the caller's account that name `resource`.
#[server]
pub async fn audit_history(resource: String) -> Result<Vec<AuditRecord>, AppError> {
    filter::check_resource(&resource)?;
    let caller = crate::auth::ssr::Caller::current().await?;
    let query = AuditFilter {
        resource,
        ..AuditFilter::default()
    }
    .check()?;
    Ok(ssr::AuditLog::current()?
        .list(&caller.user.account, &query)
        .await?
        .records)
}

/// Checks the whole chain, every account's records included (the report names only a position).
#[server]
pub async fn verify_audit_log() -> Result<ChainReport, AppError> {
    crate::auth::ssr::Caller::current().await?;
    ssr::AuditLog::current()?.verify().await
}
