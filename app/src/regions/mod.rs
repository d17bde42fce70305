//! Every region at once: `?region=all`, how each region of a fan-out answered, the strip of chips
//! that shows it (with a retry per failed region), and (server-only) the account's enabled regions
//! and the bounded fan-out.

mod strip;

#[cfg(feature = "ssr")]
pub mod ssr;

use crate::error::AppError;
use serde::{Deserialize, Serialize};

pub use strip::RegionStrip;

/// The region picker's value (and `?region=`) for every enabled region at once.
pub const ALL: &str = "all";

/// Whether a requested region means every enabled region.
pub fn is_all(region: Option<&str>) -> bool {
    region == Some(ALL)
}

/// How one region of a fan-out answered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    /// It answered, with this many rows.
    Ok(usize),
    /// IAM refused the call (AWS: `UnauthorizedOperation`, moto: `AccessDenied`).
    Denied {
        /// AWS's code.
        code: String,
        /// AWS's message.
        message: String,
    },
    /// The region is not enabled for the account (not asked).
    NotOptedIn,
    /// AWS throttled the calls, retries included.
    Throttled(String),
    /// No answer within the per-region time limit.
    TimedOut,
    /// The region's endpoint could not be reached.
    Unreachable(String),
    /// Any other refusal.
    Failed {
        /// AWS's (or the console's) code.
        code: String,
        /// The message.
        message: String,
    },
}

/// Codes AWS throttles with.
const THROTTLE_CODES: [&str; 4] = [
    "RequestLimitExceeded",
    "Throttling",
    "ThrottlingException",
    "TooManyRequestsException",
];

impl Outcome {
    /// What a failed call says about its region.
    pub fn from_error(error: &AppError) -> Self {
        match error {
            AppError::Aws { code, message, .. } if error.is_not_permitted() => Self::Denied {
                code: code.clone(),
                message: message.clone(),
            },
            AppError::Aws { code, .. } if code == "OptInRequired" => Self::NotOptedIn,
            AppError::Aws { code, .. } if THROTTLE_CODES.contains(&code.as_str()) => {
                Self::Throttled(code.clone())
            }
            AppError::Aws { code, message, .. } => Self::Failed {
                code: code.clone(),
                message: message.clone(),
            },
            AppError::Unreachable(m) => Self::Unreachable(m.clone()),
            other => Self::Failed {
                code: other.title(),
                message: other.message().to_string(),
            },
        }
    }

    /// A short word for the chip's style and tests: `ok`, `denied`, `not-opted-in`, `throttled`,
    /// `timed-out`, `unreachable`, `failed`.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Ok(_) => "ok",
            Self::Denied { .. } => "denied",
            Self::NotOptedIn => "not-opted-in",
            Self::Throttled(_) => "throttled",
            Self::TimedOut => "timed-out",
            Self::Unreachable(_) => "unreachable",
            Self::Failed { .. } => "failed",
        }
    }

    /// The chip's words after the region's name.
    pub fn words(&self) -> String {
        match self {
            Self::Ok(n) => n.to_string(),
            Self::Denied { code, .. } => crate::tr!(regions.denied_by_policy, code = code),
            Self::NotOptedIn => crate::tr!(regions.not_opted_in).into(),
            Self::Throttled(code) => crate::tr!(regions.throttled, code = code),
            Self::TimedOut => crate::tr!(regions.timed_out).into(),
            Self::Unreachable(_) => crate::tr!(regions.unreachable).into(),
            Self::Failed { code, .. } => crate::tr!(regions.failed, code = code),
        }
    }

    /// The whole story, for the chip's tooltip.
    pub fn detail(&self) -> String {
        match self {
            Self::Denied { code, message } | Self::Failed { code, message } => format!("{code}: {message}"),
            Self::Unreachable(m) => m.clone(),
            Self::TimedOut => crate::tr!(regions.timed_out_detail).into(),
            Self::NotOptedIn => crate::tr!(regions.not_opted_in_detail).into(),
            other => other.words(),
        }
    }

    /// Whether the region's rows are missing and a retry may bring them.
    pub fn retryable(&self) -> bool {
        !matches!(self, Self::Ok(_) | Self::NotOptedIn)
    }
}

/// A row that says which region it is in (the fan-out fills it in).
pub trait Regional {
    /// Records the row's region.
    fn set_region(&mut self, region: &str);
}

/// One region's outcome.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegionStatus {
    /// The region.
    pub region: String,
    /// How it answered.
    pub outcome: Outcome,
}

/// Rows from every region asked, and how each region answered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Across<T> {
    /// The rows of the regions that answered.
    pub rows: Vec<T>,
    /// Every region's outcome, by name (regions not opted in last).
    pub regions: Vec<RegionStatus>,
    /// Said above the strip (e.g. that the configured region list stands in for `DescribeRegions`).
    pub note: Option<String>,
}

impl<T> Across<T> {
    /// Takes a retry of `region` in: when it answered, its rows replace the region's old ones;
    /// its outcome replaces the old either way.
    pub fn retried(
        &mut self,
        region: &str,
        outcome: Outcome,
        rows: Vec<T>,
        region_of: impl Fn(&T) -> String,
    ) {
        if matches!(outcome, Outcome::Ok(_)) {
            self.rows.retain(|r| region_of(r) != region);
            self.rows
                .extend(rows.into_iter().filter(|r| region_of(r) == region));
        }
        match self.regions.iter_mut().find(|s| s.region == region) {
            Some(status) => status.outcome = outcome,
            None => self.regions.push(RegionStatus {
                region: region.to_string(),
                outcome,
            }),
        }
    }

    /// The outcome of `region` in a retry's answer (`statuses`), or of the retry's own failure.
    pub fn outcome_in(region: &str, answer: Result<&[RegionStatus], &AppError>) -> Outcome {
        match answer {
            Ok(statuses) => statuses
                .iter()
                .find(|s| s.region == region)
                .map(|s| s.outcome.clone())
                .unwrap_or(Outcome::Failed {
                    code: "NotAsked".into(),
                    message: crate::tr!(regions.not_asked, region = region),
                }),
            Err(e) => Outcome::from_error(e),
        }
    }

    /// The regions whose rows are missing.
    pub fn failed(&self) -> Vec<String> {
        self.regions
            .iter()
            .filter(|s| s.outcome.retryable())
            .map(|s| s.region.clone())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn aws(code: &str) -> AppError {
        AppError::Aws {
            code: code.into(),
            message: "m".into(),
            request_id: None,
        }
    }

    fn status(region: &str, outcome: Outcome) -> RegionStatus {
        RegionStatus {
            region: region.into(),
            outcome,
        }
    }

    #[test]
    fn errors_are_sorted_into_outcomes() {
        assert_eq!(Outcome::from_error(&aws("AccessDenied")).kind(), "denied");
        assert_eq!(
            Outcome::from_error(&aws("UnauthorizedOperation")).kind(),
            "denied"
        );
        assert_eq!(Outcome::from_error(&aws("OptInRequired")), Outcome::NotOptedIn);
        assert_eq!(
            Outcome::from_error(&aws("RequestLimitExceeded")).kind(),
            "throttled"
        );
        assert_eq!(Outcome::from_error(&aws("InternalError")).kind(), "failed");
        assert_eq!(
            Outcome::from_error(&AppError::Unreachable("refused".into())).kind(),
            "unreachable"
        );
        assert_eq!(
            Outcome::from_error(&aws("AccessDenied")).words(),
            "denied by policy (AccessDenied)"
        );
        assert!(
            Outcome::TimedOut.retryable() && !Outcome::Ok(3).retryable() && !Outcome::NotOptedIn.retryable()
        );
    }

    #[test]
    fn a_retry_replaces_its_region_only() {
        let mut across = Across {
            rows: vec![("us-east-1", 1), ("eu-west-1", 2)],
            regions: vec![
                status("eu-west-1", Outcome::Ok(1)),
                status("us-east-1", Outcome::Ok(1)),
                status("us-west-2", Outcome::TimedOut),
            ],
            note: None,
        };
        assert_eq!(across.failed(), ["us-west-2"]);
        across.retried(
            "us-west-2",
            Outcome::Ok(2),
            vec![("us-west-2", 3), ("us-west-2", 4), ("eu-west-1", 9)],
            |r| r.0.to_string(),
        );
        assert_eq!(
            across.rows.len(),
            4,
            "rows of other regions in the answer are not taken"
        );
        assert_eq!(across.regions[2].outcome, Outcome::Ok(2));
        assert!(across.failed().is_empty());
        across.retried(
            "eu-west-1",
            Outcome::from_error(&aws("AccessDenied")),
            vec![],
            |r| r.0.to_string(),
        );
        assert_eq!(across.rows.len(), 4, "a failed retry keeps the rows it had");
        assert_eq!(across.regions[0].outcome.kind(), "denied");
        across.retried("eu-west-1", Outcome::Ok(0), vec![], |r| r.0.to_string());
        assert_eq!(
            across.rows,
            vec![("us-east-1", 1), ("us-west-2", 3), ("us-west-2", 4)]
        );
    }

    #[test]
    fn a_retry_answer_names_its_region_outcome() {
        let statuses = [status("eu-west-1", Outcome::TimedOut)];
        assert_eq!(
            Across::<()>::outcome_in("eu-west-1", Ok(&statuses)),
            Outcome::TimedOut
        );
        assert_eq!(
            Across::<()>::outcome_in("us-east-1", Ok(&statuses)).kind(),
            "failed"
        );
        assert_eq!(
            Across::<()>::outcome_in("us-east-1", Err(&aws("Throttling"))).kind(),
            "throttled"
        );
    }
}
