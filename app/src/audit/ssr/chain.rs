//! The hash chain: each record's hash is SHA-256(previous hash ‖ its JSON without the hash), and a
//! walk over stored rows that names the first record whose link, or whose columns, do not hold.

use crate::audit::{AuditRecord, ChainReport};
use crate::error::AppError;
use sha2::{Digest, Sha256};
use sqlx::any::AnyRow;
use sqlx::Row;

/// The "previous hash" of the first record.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// SHA-256(`previous` ‖ `body`), hex.
pub fn link(previous: &str, body: &str) -> String {
    let mut h = Sha256::new();
    h.update(previous.as_bytes());
    h.update(body.as_bytes());
    hex::encode(h.finalize())
}

/// The record's canonical bytes (its JSON with an empty hash) and its hash after `previous`;
/// sets `record.hash`.
pub fn seal(previous: &str, record: &mut AuditRecord) -> (String, String) {
    record.hash.clear();
    let body = serde_json::to_string(record).unwrap_or_default();
    record.hash = link(previous, &body);
    (body, record.hash.clone())
}

/// The resources column: space-separated with a space at each end, so `LIKE '% id %'` finds one.
pub fn resource_column(resources: &[String]) -> String {
    format!(" {} ", resources.join(" "))
}

/// A record from a `(body, hash)` row.
pub fn from_row(row: &AnyRow) -> Result<AuditRecord, AppError> {
    let body: String = row.get(0);
    let mut record: AuditRecord = serde_json::from_str(&body).map_err(AppError::internal)?;
    record.hash = row.get(1);
    Ok(record)
}

/// A walk along the chain, one stored row at a time.
pub struct Walk {
    seq: i64,
    hash: String,
    checked: i64,
}

impl Walk {
    /// Starts after the record `seq` whose hash is `hash` (the purge anchor, or 0 and [`GENESIS`]).
    pub fn new(seq: i64, hash: String) -> Self {
        Self {
            seq,
            hash,
            checked: 0,
        }
    }

    /// The last record checked.
    pub fn last_seq(&self) -> i64 {
        self.seq
    }

    fn broken(&self, seq: i64, why: impl Into<String>) -> ChainReport {
        ChainReport {
            checked: self.checked,
            broken: Some((seq, why.into())),
        }
    }

    /// Checks the row `(seq, time_ms, account, principal, event, region, outcome, resources, body,
    /// hash)`; a report when it breaks the chain.
    pub fn step(&mut self, row: &AnyRow) -> Option<ChainReport> {
        let seq: i64 = row.get(0);
        let body: String = row.get(8);
        let hash: String = row.get(9);
        if seq != self.seq + 1 {
            return Some(self.broken(self.seq + 1, crate::tr!(audit.why_missing, next = seq)));
        }
        if link(&self.hash, &body) != hash {
            return Some(self.broken(seq, crate::tr!(audit.why_hash)));
        }
        let Ok(record) = serde_json::from_str::<AuditRecord>(&body) else {
            return Some(self.broken(seq, crate::tr!(audit.why_not_record)));
        };
        let columns = (
            row.get::<i64, _>(1),
            row.get::<String, _>(2),
            row.get::<String, _>(3),
            row.get::<String, _>(4),
            row.get::<String, _>(5),
            row.get::<String, _>(6),
            row.get::<String, _>(7),
        );
        let expected = (
            record.time_ms,
            record.account.clone(),
            record.principal.clone(),
            record.event.clone(),
            record.region.clone(),
            record.outcome.clone(),
            resource_column(&record.resources),
        );
        if record.seq != seq || columns != expected {
            return Some(self.broken(seq, crate::tr!(audit.why_columns)));
        }
        self.seq = seq;
        self.hash = hash;
        self.checked += 1;
        None
    }

    /// The report once every row is checked: the head must point at the last record.
    pub fn finish(self, head_seq: i64, head_hash: &str) -> ChainReport {
        if head_seq != self.seq || head_hash != self.hash {
            return self.broken(
                self.seq + 1,
                crate::tr!(audit.why_missing_after, seq = self.seq, head = head_seq),
            );
        }
        ChainReport {
            checked: self.checked,
            broken: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_hash_covers_the_record_and_the_one_before() {
        let mut a = AuditRecord {
            seq: 1,
            event: "StopInstances".into(),
            ..AuditRecord::default()
        };
        let (body, hash) = seal(GENESIS, &mut a);
        assert!(!body.contains(&hash) && body.contains("\"hash\":\"\""));
        assert_eq!(hash, link(GENESIS, &body));
        assert_eq!(hash.len(), 64);
        let mut b = a.clone();
        b.outcome = "ok".into();
        assert_ne!(seal(GENESIS, &mut b).1, hash, "a changed field changes the hash");
        let mut c = a.clone();
        assert_ne!(
            seal(&"1".repeat(64), &mut c).1,
            hash,
            "another predecessor changes the hash"
        );
        assert_eq!(resource_column(&["i-1".into(), "i-2".into()]), " i-1 i-2 ");
    }
}
