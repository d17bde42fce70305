//! The Instances toolbar's action buttons, which know what the person may do: after the selection
//! settles, EC2 is asked with DryRun about each selected instance (only those not asked yet); a
//! button IAM refuses for every selected instance is off with AWS's reason, and a mixed selection
//! is told in the confirmation which instances will be refused.

use super::super::actions::Action;
use super::super::permissions::{instance_permissions, refused, Permission, Verdicts};
use super::super::InstanceRow;
use super::run::by_region;
use crate::components::confirm::Confirmation;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::HashMap;
use std::time::Duration;

/// How long a selection must stay the same before its permissions are asked.
pub const SETTLE: Duration = Duration::from_millis(350);

/// Asks the permissions of each newly selected instance once the selection settles.
pub fn watch_permissions(
    selection: RwSignal<Vec<String>>,
    placements: RwSignal<HashMap<String, String>>,
    region: Memo<Option<String>>,
    writable: Signal<bool>,
    verdicts: RwSignal<Verdicts>,
) {
    let round = StoredValue::new(0u32);
    Effect::new(move |_| {
        let ids = selection.get();
        if !writable.get() || ids.is_empty() {
            return;
        }
        round.update_value(|n| *n += 1);
        let mine = round.get_value();
        set_timeout(
            move || {
                if round.try_get_value() != Some(mine) {
                    return;
                }
                let probe = Permission::Act(Action::Start);
                let Some(missing) = verdicts.try_with_untracked(|v| {
                    ids.into_iter()
                        .filter(|id| !v.contains_key(&(probe, id.clone())))
                        .collect::<Vec<_>>()
                }) else {
                    return;
                };
                let region = region.get_untracked();
                let all = crate::regions::is_all(region.as_deref());
                let groups = placements.with_untracked(|p| by_region(&missing, p, region, all));
                for (region, ids) in groups {
                    for chunk in ids.chunks(super::super::actions::MAX_BATCH) {
                        let (region, chunk) = (region.clone(), chunk.to_vec());
                        spawn_local(async move {
                            if let Ok(checks) = instance_permissions(region, chunk).await {
                                verdicts.try_update(|v| {
                                    for c in checks {
                                        v.insert((c.permission, c.id), c.verdict);
                                    }
                                });
                            }
                        });
                    }
                }
            },
            SETTLE,
        );
    });
}

/// Why `action` is off for the whole of `chosen` by IAM, if it is.
fn denied_reason(verdicts: &Verdicts, action: Action, chosen: &[InstanceRow]) -> Option<String> {
    let ids: Vec<String> = chosen.iter().map(|r| r.id.clone()).collect();
    let refused = refused(verdicts, Permission::Act(action), &ids);
    (!chosen.is_empty() && refused.len() == chosen.len()).then(|| refused[0].1.clone())
}

/// The confirmation for `action` on `chosen`, or `None` when it goes ahead at once (an action that
/// asks nothing, with nothing refused).
pub fn confirmation(action: Action, chosen: &[InstanceRow], verdicts: &Verdicts) -> Option<Confirmation> {
    let ids: Vec<String> = chosen.iter().map(|r| r.id.clone()).collect();
    let refused = refused(verdicts, Permission::Act(action), &ids);
    if !action.needs_confirmation() && refused.is_empty() {
        return None;
    }
    let n = ids.len();
    let mut lines: Vec<String> = chosen.iter().map(|r| r.display_name()).collect();
    lines.extend(action.consequences(chosen));
    for (id, reason) in &refused {
        let name = chosen
            .iter()
            .find(|r| &r.id == id)
            .map(|r| r.display_name())
            .unwrap_or_else(|| id.clone());
        lines.push(crate::tr!(
            instances.will_be_refused,
            name = name,
            reason = reason
        ));
    }
    Some(Confirmation {
        title: if n == 1 {
            crate::tr!(instances.confirm_title_one, action = action.verb(), count = n)
        } else {
            crate::tr!(instances.confirm_title_many, action = action.verb(), count = n)
        },
        lines,
        confirm_label: action.label().to_string(),
        // The English word: the dialog shows it in the page's language and accepts either.
        typed_word: action.needs_typed_confirmation().then(|| action.id().to_string()),
    })
}

/// One button per action: off while busy, in read-only mode, when no selected instance could take
/// it, or when IAM refuses it for every selected instance (then AWS's reason is its description).
pub fn action_buttons(
    chosen: Memo<Vec<InstanceRow>>,
    verdicts: RwSignal<Verdicts>,
    writable: bool,
    busy: RwSignal<bool>,
    press: impl Fn(Action, Vec<InstanceRow>) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    Action::ALL
        .into_iter()
        .map(|action| {
            let reason = Memo::new(move |_| chosen.with(|c| verdicts.with(|v| denied_reason(v, action, c))));
            let why = format!("why-{}", action.id());
            view! {
                <button type="button" data-action=action.name()
                    class=if action == Action::Terminate { "danger" } else { "" }
                    title=move || reason.get()
                    aria-describedby=move || reason.with(Option::is_some).then(|| why.clone())
                    disabled=move || {
                        // Off when nothing selected could take the action (as the AWS console does).
                        !writable || busy.get() || reason.with(Option::is_some)
                            || chosen.with(|c| c.iter().all(|r| action.refusal(r).is_some()))
                    }
                    on:click=move |_| press(action, chosen.get_untracked())>{action.label()}</button>
                <span class="visually-hidden" id=format!("why-{}", action.id())>
                    {move || reason.get()}
                </span>
            }
        })
        .collect_view()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::instances::permissions::Verdict;

    fn row(id: &str) -> InstanceRow {
        InstanceRow {
            id: id.into(),
            state: "running".into(),
            ..InstanceRow::default()
        }
    }

    fn denied() -> Verdict {
        Verdict::Denied {
            code: "AccessDenied".into(),
            message: "no".into(),
        }
    }

    #[test]
    fn a_button_is_off_only_when_every_selected_instance_is_refused() {
        let term = Permission::Act(Action::Terminate);
        let mut v = Verdicts::new();
        v.insert((term, "i-1".into()), denied());
        assert_eq!(
            denied_reason(&v, Action::Terminate, &[row("i-1")]).as_deref(),
            Some("Not allowed: AccessDenied — no")
        );
        assert_eq!(
            denied_reason(&v, Action::Terminate, &[row("i-1"), row("i-2")]),
            None
        );
        assert_eq!(denied_reason(&v, Action::Terminate, &[]), None);
        assert_eq!(denied_reason(&v, Action::Stop, &[row("i-1")]), None);
    }

    #[test]
    fn a_mixed_selection_is_told_which_instances_will_be_refused() {
        let mut v = Verdicts::new();
        v.insert((Permission::Act(Action::Reboot), "i-2".into()), denied());
        assert!(
            confirmation(Action::Reboot, &[row("i-1")], &v).is_none(),
            "reboot asks nothing by itself"
        );
        let c = confirmation(Action::Reboot, &[row("i-1"), row("i-2")], &v).unwrap();
        assert_eq!(c.title, "Reboot 2 instances?");
        assert!(c
            .lines
            .iter()
            .any(|l| l == "Will be refused: i-2: Not allowed: AccessDenied — no"));
        let t = confirmation(Action::Terminate, &[row("i-1")], &v).unwrap();
        assert_eq!(t.typed_word.as_deref(), Some("terminate"));
        assert!(!t.lines.iter().any(|l| l.starts_with("Will be refused")));
    }
}
