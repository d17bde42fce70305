//! Instance actions: what each one needs, what it warns about, and the console's own state checks
//! (moto changes state instantly and is lenient, so the console refuses impossible actions itself).

use super::InstanceRow;
use serde::{Deserialize, Serialize};

/// Most instances one action may name.
pub const MAX_BATCH: usize = 50;

/// An action on one or many instances.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Action {
    /// `StartInstances`.
    Start,
    /// `StopInstances`.
    Stop,
    /// `StopInstances` with `Hibernate`.
    Hibernate,
    /// `RebootInstances`.
    Reboot,
    /// `TerminateInstances`.
    Terminate,
}

impl Action {
    /// Every action, in toolbar order.
    pub const ALL: [Action; 5] = [
        Action::Start,
        Action::Stop,
        Action::Hibernate,
        Action::Reboot,
        Action::Terminate,
    ];

    /// The button label, in the page's language.
    pub fn label(self) -> &'static str {
        match self {
            Action::Start => crate::tr!(instances.action_start),
            Action::Stop => crate::tr!(instances.action_stop),
            Action::Hibernate => crate::tr!(instances.action_hibernate),
            Action::Reboot => crate::tr!(instances.action_reboot),
            Action::Terminate => crate::tr!(instances.action_terminate),
        }
    }

    /// The action's English name (`Start`, `Stop`, …): the buttons' `data-action`, which tests and
    /// the palette select by; never translated.
    pub fn name(self) -> &'static str {
        match self {
            Action::Start => "Start",
            Action::Stop => "Stop",
            Action::Hibernate => "Hibernate",
            Action::Reboot => "Reboot",
            Action::Terminate => "Terminate",
        }
    }

    /// The action's ASCII identifier (`start`, `stop`, …), for element IDs and the word typed to
    /// confirm (the dialog shows it in the page's language); never translated.
    pub fn id(self) -> &'static str {
        match self {
            Action::Start => "start",
            Action::Stop => "stop",
            Action::Hibernate => "hibernate",
            Action::Reboot => "reboot",
            Action::Terminate => "terminate",
        }
    }

    /// The verb of the confirmation's question, in the page's language ("Stop 2 instances?").
    pub fn verb(self) -> &'static str {
        match self {
            Action::Start => crate::tr!(instances.verb_start),
            Action::Stop => crate::tr!(instances.verb_stop),
            Action::Hibernate => crate::tr!(instances.verb_hibernate),
            Action::Reboot => crate::tr!(instances.verb_reboot),
            Action::Terminate => crate::tr!(instances.verb_terminate),
        }
    }

    /// The API operation, as read-only mode and the log name it.
    pub fn operation(self) -> &'static str {
        match self {
            Action::Start => "StartInstances",
            Action::Stop | Action::Hibernate => "StopInstances",
            Action::Reboot => "RebootInstances",
            Action::Terminate => "TerminateInstances",
        }
    }

    /// Whether the dialog must be confirmed by typing the action's word.
    pub fn needs_typed_confirmation(self) -> bool {
        self == Action::Terminate
    }

    /// Whether the action asks for a confirmation at all.
    pub fn needs_confirmation(self) -> bool {
        matches!(self, Action::Stop | Action::Hibernate | Action::Terminate)
    }

    /// Why the console refuses this action on `row`, or `None` when it may go ahead.
    pub fn refusal(self, row: &InstanceRow) -> Option<String> {
        let state = row.state.as_str();
        let gone = matches!(state, "shutting-down" | "terminated");
        match self {
            Action::Start => match state {
                "stopped" => None,
                "running" | "pending" => Some(crate::tr!(instances.already_running).into()),
                _ => Some(crate::tr!(instances.cannot_start, state = state)),
            },
            Action::Stop | Action::Hibernate => match state {
                "running" if self == Action::Hibernate && !row.hibernation => {
                    Some(crate::tr!(instances.hibernation_not_enabled).into())
                }
                "running" => None,
                "stopped" | "stopping" => Some(crate::tr!(instances.already_stopped).into()),
                _ => Some(crate::tr!(instances.cannot_stop, state = state)),
            },
            Action::Reboot => {
                (state != "running").then(|| crate::tr!(instances.reboot_only_running, state = state))
            }
            Action::Terminate if gone => Some(crate::tr!(instances.already_terminated).into()),
            Action::Terminate => None,
        }
    }

    /// What will be lost, for the confirmation dialog: one line per consequence, per instance.
    pub fn consequences(self, rows: &[InstanceRow]) -> Vec<String> {
        let mut lines = Vec::new();
        for row in rows {
            let who = row.display_name();
            if self == Action::Terminate {
                for volume in &row.deleted_on_termination {
                    lines.push(crate::tr!(instances.volume_deleted, who = who, volume = volume));
                }
            }
            if matches!(self, Action::Terminate | Action::Stop | Action::Hibernate) {
                if let Some(store) = &row.instance_store {
                    lines.push(crate::tr!(instances.store_lost, who = who, store = store));
                }
            }
        }
        if self == Action::Terminate {
            lines.push(crate::tr!(instances.terminated_final).into());
        }
        lines
    }
}

/// Whether `id` has the shape of an instance ID (`i-` and 8 or 17 hex digits).
pub fn is_instance_id(id: &str) -> bool {
    id.strip_prefix("i-").is_some_and(|hex| {
        (hex.len() == 8 || hex.len() == 17)
            && hex
                .bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
    })
}

/// Checks one instance ID, naming it (shortened and escaped) when it is malformed.
pub fn check_id(id: &str) -> Result<(), crate::error::AppError> {
    if is_instance_id(id) {
        return Ok(());
    }
    let shown: String = id.chars().take(40).collect();
    Err(crate::error::AppError::validation(
        "instance ID",
        crate::tr!(instances.not_instance_id, id = shown.escape_debug()),
    ))
}

/// Checks a list of instance IDs for an action: not empty, not too many, well formed; duplicates removed.
pub fn check_ids(ids: &[String]) -> Result<Vec<String>, crate::error::AppError> {
    use crate::error::AppError;
    if ids.is_empty() {
        return Err(AppError::validation(
            "instances",
            crate::tr!(instances.select_one),
        ));
    }
    if ids.len() > MAX_BATCH {
        return Err(AppError::validation(
            "instances",
            crate::tr!(instances.too_many, max = MAX_BATCH),
        ));
    }
    let mut out: Vec<String> = Vec::new();
    for id in ids {
        check_id(id)?;
        if !out.contains(id) {
            out.push(id.clone());
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(state: &str) -> InstanceRow {
        InstanceRow {
            id: "i-0123456789abcdef0".into(),
            state: state.into(),
            ..InstanceRow::default()
        }
    }

    #[test]
    fn refuses_actions_that_would_change_nothing() {
        assert_eq!(Action::Start.refusal(&row("stopped")), None);
        assert!(Action::Start
            .refusal(&row("running"))
            .unwrap()
            .contains("already running"));
        assert_eq!(Action::Stop.refusal(&row("running")), None);
        assert!(Action::Stop
            .refusal(&row("stopped"))
            .unwrap()
            .contains("already stopped"));
        assert!(Action::Reboot.refusal(&row("stopped")).is_some());
        assert_eq!(Action::Reboot.refusal(&row("running")), None);
        assert!(Action::Terminate
            .refusal(&row("terminated"))
            .unwrap()
            .contains("already terminated"));
        assert_eq!(Action::Terminate.refusal(&row("stopped")), None);
        assert!(Action::Start.refusal(&row("stopping")).is_some());
    }

    #[test]
    fn hibernate_needs_hibernation_enabled() {
        let mut r = row("running");
        assert!(Action::Hibernate.refusal(&r).unwrap().contains("not enabled"));
        r.hibernation = true;
        assert_eq!(Action::Hibernate.refusal(&r), None);
    }

    #[test]
    fn terminate_names_what_is_lost() {
        let mut r = row("running");
        r.name = Some("web-1".into());
        r.deleted_on_termination = vec!["vol-1".into()];
        r.instance_store = Some("1 × 75 GB ssd".into());
        let lines = Action::Terminate.consequences(std::slice::from_ref(&r));
        assert!(lines[0].contains("web-1") && lines[0].contains("vol-1"));
        assert!(lines[1].contains("instance store"));
        let stop = Action::Stop.consequences(&[r]);
        assert_eq!(stop.len(), 1);
        assert!(stop[0].contains("instance store"));
    }

    #[test]
    fn instance_ids_are_checked() {
        assert!(is_instance_id("i-0123456789abcdef0"));
        assert!(is_instance_id("i-1234abcd"));
        for bad in [
            "i-123",
            "i-0123456789ABCDEF0",
            "vol-1234abcd",
            "i-1234abcg",
            "",
            "i-",
        ] {
            assert!(!is_instance_id(bad), "{bad}");
        }
        assert!(check_ids(&[]).is_err());
        assert!(check_ids(&["x".into()]).is_err());
        assert_eq!(
            check_ids(&["i-1234abcd".into(), "i-1234abcd".into()]).unwrap(),
            vec!["i-1234abcd".to_string()]
        );
        assert!(check_ids(&vec!["i-1234abcd".to_string(); MAX_BATCH + 1]).is_err());
    }
}
