//! The `/audit` filter: what the URL and the form carry ([`AuditFilter`]), and the same checked on
//! the server ([`AuditQuery`]) before it reaches the store.

use super::PAGE_SIZE;
use crate::error::AppError;
use crate::time::civil as time;
use serde::{Deserialize, Serialize};

/// The filter as typed: every field is a URL parameter of `/audit`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditFilter {
    /// Part of the principal's ARN (`who`).
    pub who: String,
    /// The event, e.g. `TerminateInstances` (`action`).
    pub action: String,
    /// A resource ID (`resource`).
    pub resource: String,
    /// A region (`region`).
    pub region: String,
    /// `ok`, `failed`, or an error code (`outcome`).
    pub outcome: String,
    /// From this UTC date or date-time (`from`).
    pub from: String,
    /// Up to (not including) this UTC date or date-time (`to`).
    pub to: String,
    /// The page, from 1 (`page`).
    pub page: u32,
}

impl Default for AuditFilter {
    /// Everything, first page.
    fn default() -> Self {
        Self {
            who: String::new(),
            action: String::new(),
            resource: String::new(),
            region: String::new(),
            outcome: String::new(),
            from: String::new(),
            to: String::new(),
            page: 1,
        }
    }
}

/// The URL parameters, in the order the form has them.
pub const PARAMS: [&str; 7] = ["who", "action", "resource", "region", "outcome", "from", "to"];

/// Which outcomes a query selects.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OutcomeFilter {
    /// Every outcome.
    Any,
    /// Only `ok`.
    Ok,
    /// Everything but `ok`.
    Failed,
    /// Exactly this code.
    Code(String),
}

/// A checked filter, as the store runs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditQuery {
    /// Part of the principal ARN, any case.
    pub who: Option<String>,
    /// The event name, any case.
    pub action: Option<String>,
    /// One resource ID.
    pub resource: Option<String>,
    /// One region.
    pub region: Option<String>,
    /// The outcomes wanted.
    pub outcome: OutcomeFilter,
    /// From this instant (Unix ms).
    pub from_ms: Option<i64>,
    /// Before this instant (Unix ms).
    pub to_ms: Option<i64>,
    /// Records to skip.
    pub offset: i64,
    /// Records to return.
    pub limit: i64,
}

fn text(field: &str, value: &str, max: usize) -> Result<Option<String>, AppError> {
    let value = value.trim();
    if value.chars().count() > max {
        return Err(AppError::validation(
            field,
            crate::tr!(audit.at_most_chars, max = max),
        ));
    }
    if value.chars().any(char::is_control) {
        return Err(AppError::validation(field, crate::tr!(audit.no_control_chars)));
    }
    Ok((!value.is_empty()).then(|| value.to_string()))
}

fn code_like(field: &str, value: &str) -> Result<(), AppError> {
    if value.chars().all(|c| c.is_ascii_alphanumeric() || c == '.') {
        Ok(())
    } else {
        Err(AppError::validation(field, crate::tr!(audit.code_like)))
    }
}

/// A resource ID or key pair name: 1–255 printable characters without spaces.
pub fn check_resource(value: &str) -> Result<(), AppError> {
    match text("resource", value, 255)? {
        Some(v) if !v.contains(char::is_whitespace) => Ok(()),
        Some(_) => Err(AppError::validation("resource", crate::tr!(audit.one_resource))),
        None => Err(AppError::validation("resource", crate::tr!(audit.required))),
    }
}

fn instant(field: &str, value: &str) -> Result<Option<i64>, AppError> {
    match text(field, value, 40)? {
        None => Ok(None),
        Some(v) => time::parse(&v)
            .map(Some)
            .ok_or_else(|| AppError::validation(field, crate::tr!(audit.not_a_date, value = v))),
    }
}

impl AuditFilter {
    /// Reads the filter from URL parameters (`get` returns one by name).
    pub fn from_params(get: impl Fn(&str) -> Option<String>) -> Self {
        let field = |k: &str| get(k).unwrap_or_default();
        Self {
            who: field("who"),
            action: field("action"),
            resource: field("resource"),
            region: field("region"),
            outcome: field("outcome"),
            from: field("from"),
            to: field("to"),
            page: get("page").and_then(|p| p.parse().ok()).unwrap_or(1),
        }
    }

    /// The filter's fields as URL parameters (empty ones left out), without the page.
    pub fn params(&self) -> Vec<(&'static str, String)> {
        let values = [
            &self.who,
            &self.action,
            &self.resource,
            &self.region,
            &self.outcome,
            &self.from,
            &self.to,
        ];
        PARAMS
            .iter()
            .zip(values)
            .filter(|(_, v)| !v.trim().is_empty())
            .map(|(k, v)| (*k, v.trim().to_string()))
            .collect()
    }

    /// Checks every field; the first fault is the error.
    pub fn check(&self) -> Result<AuditQuery, AppError> {
        let who = text("who", &self.who, 200)?;
        let action = text("action", &self.action, 64)?;
        if let Some(a) = &action {
            code_like("action", a)?;
        }
        let resource = match text("resource", &self.resource, 255)? {
            Some(r) => {
                check_resource(&r)?;
                Some(r)
            }
            None => None,
        };
        let region = text("region", &self.region, 32)?;
        if let Some(r) = &region {
            if !crate::region::is_valid_region(r) {
                return Err(AppError::validation("region", crate::tr!(audit.not_a_region)));
            }
        }
        let outcome = match text("outcome", &self.outcome, 64)?.as_deref() {
            None | Some("any") => OutcomeFilter::Any,
            Some("ok") => OutcomeFilter::Ok,
            Some("failed") => OutcomeFilter::Failed,
            Some(code) => {
                code_like("outcome", code)?;
                OutcomeFilter::Code(code.to_string())
            }
        };
        let from_ms = instant("from", &self.from)?;
        let to_ms = instant("to", &self.to)?;
        if let (Some(f), Some(t)) = (from_ms, to_ms) {
            if t <= f {
                return Err(AppError::validation("to", crate::tr!(audit.to_after_from)));
            }
        }
        if !(1..=1_000_000).contains(&self.page) {
            return Err(AppError::validation("page", crate::tr!(audit.page_number)));
        }
        Ok(AuditQuery {
            who,
            action,
            resource,
            region,
            outcome,
            from_ms,
            to_ms,
            offset: (i64::from(self.page) - 1) * PAGE_SIZE,
            limit: PAGE_SIZE,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filter(pairs: &[(&str, &str)]) -> AuditFilter {
        AuditFilter::from_params(|k| pairs.iter().find(|(n, _)| *n == k).map(|(_, v)| v.to_string()))
    }

    #[test]
    fn a_full_filter_checks_and_round_trips_through_the_url() {
        let f = filter(&[
            ("who", " alice "),
            ("action", "StopInstances"),
            ("resource", "i-0123"),
            ("region", "eu-west-1"),
            ("outcome", "failed"),
            ("from", "2026-12-01"),
            ("to", "2026-12-02T08:00"),
            ("page", "3"),
        ]);
        let q = f.check().unwrap();
        assert_eq!(q.who.as_deref(), Some("alice"));
        assert_eq!(q.outcome, OutcomeFilter::Failed);
        assert_eq!(q.from_ms, Some(1_796_083_200_000));
        assert_eq!(q.to_ms, Some(1_796_083_200_000 + 32 * 3_600_000));
        assert_eq!((q.offset, q.limit), (100, PAGE_SIZE));
        let again = AuditFilter::from_params(|k| {
            f.params()
                .into_iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v)
                .or((k == "page").then(|| "3".into()))
        });
        assert_eq!(again.check().unwrap(), q);
        assert_eq!(filter(&[]).check().unwrap().outcome, OutcomeFilter::Any);
        let history = AuditFilter {
            resource: "i-0123".into(),
            ..AuditFilter::default()
        };
        assert_eq!(
            history.check().unwrap().offset,
            0,
            "a History asks for the first page"
        );
        assert_eq!(
            filter(&[("outcome", "IncorrectInstanceState")])
                .check()
                .unwrap()
                .outcome,
            OutcomeFilter::Code("IncorrectInstanceState".into())
        );
    }

    #[test]
    fn bad_fields_are_named() {
        let field = |pairs: &[(&str, &str)]| match filter(pairs).check() {
            Err(AppError::Validation { field, .. }) => field,
            other => panic!("{pairs:?}: {other:?}"),
        };
        assert_eq!(field(&[("region", "mars")]), "region");
        assert_eq!(field(&[("action", "Stop; DROP TABLE")]), "action");
        assert_eq!(field(&[("outcome", "50%")]), "outcome");
        assert_eq!(field(&[("from", "last week")]), "from");
        assert_eq!(field(&[("from", "2026-12-02"), ("to", "2026-12-01")]), "to");
        assert_eq!(field(&[("resource", "i-1 i-2")]), "resource");
        assert_eq!(field(&[("who", "a\u{7}b")]), "who");
        assert_eq!(field(&[("who", &"x".repeat(201))]), "who");
        assert_eq!(field(&[("page", "0")]), "page");
    }
}
