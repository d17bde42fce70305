//! The audit scope of one server-function request: who calls, in which region, what the function
//! declared it does ([`acting`]), the state-changing AWS calls it made ([`ApiCall`], pushed by the
//! SDK interceptor) and per-resource outcomes of bulk actions ([`item`]). The server's middleware
//! opens the scope and turns it into one record ([`Scope::record`]) before the response leaves.

use crate::audit::{outcome_code, outcome_message, AuditRecord, ItemOutcome};
use crate::error::AppError;
use std::sync::{Arc, Mutex};

tokio::task_local! {
    static SCOPE: Arc<Scope>;
}

/// One state-changing AWS call, as the interceptor saw it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ApiCall {
    /// The API, e.g. `StopInstances`.
    pub api: String,
    /// The resources it named or created.
    pub resources: Vec<String>,
    /// Its parameters, summarised.
    pub parameters: String,
    /// Its ClientToken.
    pub client_token: Option<String>,
    /// AWS's request ID.
    pub request_id: Option<String>,
    /// `ok` or AWS's error code.
    pub outcome: String,
    /// AWS's message on failure.
    pub message: String,
}

/// Who is calling (from the session).
#[derive(Clone, Debug, Default)]
struct Actor {
    principal: String,
    account: String,
    access_key_id: String,
}

#[derive(Debug, Default)]
struct Pending {
    actor: Actor,
    region: String,
    action: Option<String>,
    calls: Vec<ApiCall>,
    items: Vec<ItemOutcome>,
}

/// One request's audit scope.
#[derive(Debug)]
pub struct Scope {
    request_id: String,
    source_ip: String,
    user_agent: String,
    pending: Mutex<Pending>,
}

impl Scope {
    /// A scope for the request `request_id` from `source_ip` with `user_agent`.
    pub fn new(request_id: String, source_ip: String, user_agent: String) -> Arc<Self> {
        Arc::new(Self {
            request_id,
            source_ip,
            user_agent,
            pending: Mutex::default(),
        })
    }

    /// Runs `work` inside this scope.
    pub async fn run<F: std::future::Future>(self: &Arc<Self>, work: F) -> F::Output {
        SCOPE.scope(self.clone(), work).await
    }

    fn pending(&self) -> std::sync::MutexGuard<'_, Pending> {
        self.pending.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Whether the request changed (or tried to change) anything.
    pub fn acted(&self) -> bool {
        let p = self.pending();
        p.action.is_some() || !p.calls.is_empty()
    }

    /// The record of this request, whose response was `result` (the server function's error, if
    /// it failed); time, sequence and hash are the store's to fill in.
    pub fn record(&self, result: Result<(), &AppError>) -> AuditRecord {
        let p = self.pending();
        let mut record = AuditRecord {
            request_id: self.request_id.clone(),
            principal: p.actor.principal.clone(),
            account: p.actor.account.clone(),
            access_key_id: p.actor.access_key_id.clone(),
            source_ip: self.source_ip.clone(),
            user_agent: self.user_agent.clone(),
            region: p.region.clone(),
            ..AuditRecord::default()
        };
        fill(&mut record, p.action.as_deref(), &p.calls, &p.items, result);
        record
    }
}

/// Fills in what was done and how it went from the declared action, the calls and the items.
pub fn fill(
    record: &mut AuditRecord,
    action: Option<&str>,
    calls: &[ApiCall],
    explicit: &[ItemOutcome],
    result: Result<(), &AppError>,
) {
    let mut apis: Vec<String> = Vec::new();
    // The function's own per-resource outcomes come in its order; concurrent calls finish in any.
    let mut resources: Vec<String> = Vec::new();
    for i in explicit {
        if !resources.contains(&i.resource) {
            resources.push(i.resource.clone());
        }
    }
    let mut parameters = Vec::new();
    for call in calls {
        if !apis.contains(&call.api) {
            apis.push(call.api.clone());
        }
        for r in &call.resources {
            if !resources.contains(r) {
                resources.push(r.clone());
            }
        }
        if !call.parameters.is_empty() {
            parameters.push(format!("{}: {}", call.api, call.parameters));
        }
    }
    record.event = action
        .map(str::to_string)
        .or_else(|| apis.first().cloned())
        .unwrap_or_default();
    record.parameters = truncate(&parameters.join("; "), 2000);
    record.aws_request_ids = calls.iter().filter_map(|c| c.request_id.clone()).collect();
    record.client_token = calls.iter().find_map(|c| c.client_token.clone());
    record.items = if explicit.is_empty() {
        // Each resource's outcome is that of the last call that named it.
        resources
            .iter()
            .map(|r| {
                let last = calls.iter().rev().find(|c| c.resources.contains(r));
                ItemOutcome {
                    resource: r.clone(),
                    outcome: last.map(|c| c.outcome.clone()).unwrap_or_else(|| "ok".into()),
                    message: last.map(|c| c.message.clone()).unwrap_or_default(),
                    aws_request_id: last.and_then(|c| c.request_id.clone()),
                }
            })
            .collect()
    } else {
        explicit
            .iter()
            .map(|i| ItemOutcome {
                aws_request_id: i.aws_request_id.clone().or_else(|| {
                    calls
                        .iter()
                        .rev()
                        .find(|c| c.resources.contains(&i.resource))
                        .and_then(|c| c.request_id.clone())
                }),
                ..i.clone()
            })
            .collect()
    };
    record.resources = resources;
    record.apis = apis;
    let failed: Vec<&ItemOutcome> = record.items.iter().filter(|i| i.outcome != "ok").collect();
    (record.outcome, record.message) = match result {
        Err(error) => (outcome_code(error), outcome_message(error)),
        Ok(()) if failed.is_empty() => ("ok".into(), String::new()),
        Ok(())
            if failed.len() == record.items.len()
                && failed.iter().all(|i| i.outcome == failed[0].outcome) =>
        {
            (failed[0].outcome.clone(), failed[0].message.clone())
        }
        Ok(()) => (
            "partial".into(),
            format!("{} of {} failed", failed.len(), record.items.len()),
        ),
    };
}

fn truncate(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

fn with(f: impl FnOnce(&mut Pending)) {
    let _ = SCOPE.try_with(|s| f(&mut s.pending()));
}

/// Notes the signed-in caller (every server function does, through `Caller::current`).
pub fn caller(principal: &str, account: &str, access_key_id: &str) {
    with(|p| {
        p.actor = Actor {
            principal: principal.into(),
            account: account.into(),
            access_key_id: access_key_id.into(),
        }
    });
}

/// Notes the region the request acts in.
pub fn region(region: &str) {
    with(|p| p.region = region.into());
}

/// Declares that this request changes state with `action` (recorded even if it is then refused).
pub fn acting(action: &str) {
    with(|p| {
        p.action.get_or_insert_with(|| action.to_string());
    });
}

/// Whether the current task is inside an audit scope.
pub fn active() -> bool {
    SCOPE.try_with(|_| ()).is_ok()
}

/// Adds a state-changing AWS call (from the SDK interceptor).
pub fn call(call: ApiCall) {
    with(|p| p.calls.push(call));
}

/// Records one resource's outcome in a bulk action.
pub fn item<T>(resource: &str, result: &Result<T, AppError>) {
    let (outcome, message, aws_request_id) = match result {
        Ok(_) => ("ok".into(), String::new(), None),
        Err(e) => (
            outcome_code(e),
            outcome_message(e),
            match e {
                AppError::Aws { request_id, .. } => request_id.clone(),
                _ => None,
            },
        ),
    };
    with(|p| {
        p.items.push(ItemOutcome {
            resource: resource.into(),
            outcome,
            message,
            aws_request_id,
        })
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stop(id: &str, outcome: &str) -> ApiCall {
        ApiCall {
            api: "StopInstances".into(),
            resources: vec![id.into()],
            parameters: format!("InstanceId.1={id}"),
            request_id: Some(format!("req-{id}")),
            outcome: outcome.into(),
            message: if outcome == "ok" {
                String::new()
            } else {
                "no".into()
            },
            ..ApiCall::default()
        }
    }

    #[tokio::test]
    async fn a_bulk_action_is_one_record_with_an_outcome_per_resource() {
        let scope = Scope::new("r1".into(), "127.0.0.1".into(), "test".into());
        assert!(!active());
        scope
            .run(async {
                assert!(active());
                caller("arn:aws:iam::123456789012:user/alice", "123456789012", "AKIA1");
                region("us-west-2");
                acting("StopInstances");
                call(stop("i-1", "ok"));
                item::<()>("i-1", &Ok(()));
                item::<()>(
                    "i-2",
                    &Err(AppError::validation("i-2", "Stop: the instance is stopped")),
                );
            })
            .await;
        assert!(scope.acted());
        let r = scope.record(Ok(()));
        assert_eq!(r.event, "StopInstances");
        assert_eq!(
            (r.principal.as_str(), r.account.as_str(), r.region.as_str()),
            (
                "arn:aws:iam::123456789012:user/alice",
                "123456789012",
                "us-west-2"
            )
        );
        assert_eq!(r.resources, ["i-1", "i-2"]);
        assert_eq!(r.outcome, "partial");
        assert_eq!(r.message, "1 of 2 failed");
        assert_eq!(r.items[0].aws_request_id.as_deref(), Some("req-i-1"));
        assert_eq!(r.items[1].outcome, "ValidationError");
        assert_eq!(r.aws_request_ids, ["req-i-1"]);
    }

    #[test]
    fn a_bulk_record_lists_its_resources_in_the_functions_order_whatever_order_calls_finish() {
        let mut r = AuditRecord::default();
        let items = [("i-1", Ok(())), ("i-2", Ok(()))].map(|(id, result): (&str, Result<(), AppError>)| {
            ItemOutcome {
                resource: id.into(),
                outcome: if result.is_ok() {
                    "ok".into()
                } else {
                    String::new()
                },
                ..ItemOutcome::default()
            }
        });
        fill(
            &mut r,
            Some("StopInstances"),
            &[stop("i-2", "ok"), stop("i-1", "ok")],
            &items,
            Ok(()),
        );
        assert_eq!(r.resources, ["i-1", "i-2"]);
        assert_eq!(r.items[0].aws_request_id.as_deref(), Some("req-i-1"));
    }

    #[test]
    fn outcomes_come_from_the_error_the_calls_or_the_items() {
        let mut r = AuditRecord::default();
        fill(&mut r, None, &[stop("i-1", "ok")], &[], Ok(()));
        assert_eq!((r.event.as_str(), r.outcome.as_str()), ("StopInstances", "ok"));
        fill(
            &mut r,
            None,
            &[stop("i-1", "Denied"), stop("i-2", "Denied")],
            &[],
            Ok(()),
        );
        assert_eq!((r.outcome.as_str(), r.message.as_str()), ("Denied", "no"));
        let denied = AppError::Aws {
            code: "UnauthorizedOperation".into(),
            message: "not allowed".into(),
            request_id: None,
        };
        fill(&mut r, Some("TerminateInstances"), &[], &[], Err(&denied));
        assert_eq!(
            (r.event.as_str(), r.outcome.as_str(), r.message.as_str()),
            ("TerminateInstances", "UnauthorizedOperation", "not allowed")
        );
        assert!(r.items.is_empty());
        fill(
            &mut r,
            Some("CreateVolume"),
            &[],
            &[],
            Err(&AppError::validation("size", "1–16384 GiB")),
        );
        assert_eq!(
            (r.outcome.as_str(), r.message.as_str()),
            ("ValidationError", "size: 1–16384 GiB")
        );
        assert_eq!(truncate("abcdef", 3), "abc…");
    }

    #[test]
    fn outside_a_scope_nothing_is_kept_and_nothing_fails() {
        acting("StopInstances");
        call(stop("i-1", "ok"));
        assert!(!active());
    }
}
