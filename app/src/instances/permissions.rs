//! Buttons that know what the person may do: for the selected instances, EC2's DryRun answer to
//! each action (allowed, denied by IAM with AWS's reason, or unknown, when the real call decides).

use super::actions::Action;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// What a DryRun is asked about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Permission {
    /// A toolbar action (hibernate shares stop's answer: both are `ec2:StopInstances`).
    Act(Action),
    /// `ModifyInstanceAttribute` (change type).
    ChangeType,
    /// `CreateImage`.
    CreateImage,
}

impl Permission {
    /// Every permission a selection is checked for.
    pub const ALL: [Permission; 7] = [
        Permission::Act(Action::Start),
        Permission::Act(Action::Stop),
        Permission::Act(Action::Hibernate),
        Permission::Act(Action::Reboot),
        Permission::Act(Action::Terminate),
        Permission::ChangeType,
        Permission::CreateImage,
    ];

    /// The API whose DryRun answers it.
    pub fn api(self) -> &'static str {
        match self {
            Permission::Act(action) => action.operation(),
            Permission::ChangeType => "ModifyInstanceAttribute",
            Permission::CreateImage => "CreateImage",
        }
    }
}

/// EC2's DryRun answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Verdict {
    /// `DryRunOperation`: the call would be allowed.
    Allowed,
    /// IAM refuses it (AWS: `UnauthorizedOperation`, moto: `AccessDenied`).
    Denied {
        /// AWS's code.
        code: String,
        /// AWS's message.
        message: String,
    },
    /// Anything else: the button stays on and the real call decides.
    Unknown,
}

impl Verdict {
    /// The verdict a DryRun's answer gives.
    pub fn of(answer: Result<(), AppError>) -> Self {
        match answer {
            Err(AppError::Aws { code, .. }) if code == "DryRunOperation" => Verdict::Allowed,
            Err(e) if e.is_not_permitted() => match e {
                AppError::Aws { code, message, .. } => Verdict::Denied { code, message },
                _ => Verdict::Unknown,
            },
            _ => Verdict::Unknown,
        }
    }

    /// Why the person may not, when they may not: `Not allowed: AccessDenied — …`.
    pub fn reason(&self) -> Option<String> {
        match self {
            Verdict::Denied { code, message } => {
                Some(crate::tr!(instances.not_allowed, code = code, message = message))
            }
            _ => None,
        }
    }
}

/// One instance's answer for one permission.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Check {
    /// What was asked.
    pub permission: Permission,
    /// The instance.
    pub id: String,
    /// EC2's answer.
    pub verdict: Verdict,
}

/// The answers known in the browser, by (permission, instance).
pub type Verdicts = HashMap<(Permission, String), Verdict>;

/// The instances of `ids` that IAM refuses `permission`, each with the reason.
pub fn refused(verdicts: &Verdicts, permission: Permission, ids: &[String]) -> Vec<(String, String)> {
    ids.iter()
        .filter_map(|id| {
            let reason = verdicts.get(&(permission, id.clone()))?.reason()?;
            Some((id.clone(), reason))
        })
        .collect()
}

/// Asks EC2 with DryRun whether the caller may run each action on each of `ids` (in `region`);
/// answers are cached on the server for five minutes per person, region, action and instance.
#[server(input = Json)]
pub async fn instance_permissions(region: Option<String>, ids: Vec<String>) -> Result<Vec<Check>, AppError> {
    let ids = super::actions::check_ids(&ids)?;
    let mut caller = crate::auth::ssr::Caller::current().await?;
    let region = caller.region(region.as_deref()).await?;
    let shared = crate::shared::Shared::current()?;
    Ok(super::ssr::permissions::check(&caller.ec2(&region)?, &shared, &caller.user.arn, &region, &ids).await)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn aws(code: &str) -> AppError {
        AppError::Aws {
            code: code.into(),
            message: "User bob is not authorized to perform: ec2:TerminateInstances".into(),
            request_id: None,
        }
    }

    #[test]
    fn dry_run_answers_become_verdicts() {
        assert_eq!(Verdict::of(Err(aws("DryRunOperation"))), Verdict::Allowed);
        assert_eq!(
            Verdict::of(Err(aws("AccessDenied"))).reason().unwrap(),
            "Not allowed: AccessDenied — User bob is not authorized to perform: ec2:TerminateInstances"
        );
        assert!(matches!(
            Verdict::of(Err(aws("UnauthorizedOperation"))),
            Verdict::Denied { .. }
        ));
        assert_eq!(
            Verdict::of(Err(aws("InvalidInstanceID.NotFound"))),
            Verdict::Unknown
        );
        assert_eq!(
            Verdict::of(Err(AppError::Unreachable("x".into()))),
            Verdict::Unknown
        );
        assert_eq!(
            Verdict::of(Ok(())),
            Verdict::Unknown,
            "a DryRun that ran is not an answer"
        );
    }

    #[test]
    fn refused_lists_only_denied_instances() {
        let term = Permission::Act(Action::Terminate);
        let mut v = Verdicts::new();
        v.insert((term, "i-1".into()), Verdict::of(Err(aws("AccessDenied"))));
        v.insert((term, "i-2".into()), Verdict::Allowed);
        v.insert((term, "i-3".into()), Verdict::Unknown);
        let ids: Vec<String> = ["i-1", "i-2", "i-3", "i-4"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let r = refused(&v, term, &ids);
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].0, "i-1");
        assert!(refused(&v, Permission::Act(Action::Stop), &ids).is_empty());
    }
}
