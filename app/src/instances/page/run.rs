//! Running an action from the Instances page: the selection split by region (one call per region,
//! all at once), a notice per instance, and polling with back-off while instances change state.

use super::super::actions::Action;
use super::super::{instance_action, instance_states, is_transitional};
use crate::components::feedback::{Notice, Notices};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::HashMap;
use std::time::Duration;

/// First wait before re-reading states after an action.
pub const FIRST_POLL: Duration = Duration::from_secs(1);
/// Longest wait between two polls.
pub const MAX_POLL: Duration = Duration::from_secs(15);
/// Polls before giving up on an instance that never settles.
pub const MAX_POLLS: u32 = 30;

/// The wait after `previous`: doubled, at most [`MAX_POLL`].
pub fn next_poll(previous: Duration) -> Duration {
    (previous * 2).min(MAX_POLL)
}

/// State overrides from actions and polling, valid for one generation of the list.
#[derive(Clone, Default)]
pub struct Overrides {
    /// The list generation they belong to.
    pub generation: u32,
    /// New states by instance ID.
    pub states: HashMap<String, String>,
}

/// `ids` split by the region each runs in: with all regions, by the listed rows' regions (an ID
/// not listed is left out); otherwise one group in `region`. Regions in name order.
pub fn by_region(
    ids: &[String],
    placements: &HashMap<String, String>,
    region: Option<String>,
    all: bool,
) -> Vec<(Option<String>, Vec<String>)> {
    if !all {
        return if ids.is_empty() {
            Vec::new()
        } else {
            vec![(region, ids.to_vec())]
        };
    }
    let mut groups: Vec<(Option<String>, Vec<String>)> = Vec::new();
    for id in ids {
        let Some(r) = placements.get(id) else { continue };
        match groups.iter_mut().find(|(g, _)| g.as_deref() == Some(r.as_str())) {
            Some((_, members)) => members.push(id.clone()),
            None => groups.push((Some(r.clone()), vec![id.clone()])),
        }
    }
    groups.sort_by(|a, b| a.0.cmp(&b.0));
    groups
}

/// Re-reads the states of `ids` after `wait`, then again with back-off while any is still changing.
pub fn poll(
    region: Option<String>,
    ids: Vec<String>,
    wait: Duration,
    round: u32,
    overrides: RwSignal<Overrides>,
) {
    set_timeout(
        move || {
            spawn_local(async move {
                let moving = match instance_states(region.clone(), ids.clone()).await {
                    Ok(states) => {
                        overrides.try_update(|o| {
                            for (id, state) in &states {
                                o.states.insert(id.clone(), state.clone());
                            }
                        });
                        states
                            .into_iter()
                            .filter(|(_, s)| is_transitional(s))
                            .map(|(id, _)| id)
                            .collect()
                    }
                    Err(_) => ids,
                };
                if !moving.is_empty() && round < MAX_POLLS {
                    poll(region, moving, next_poll(wait), round + 1, overrides);
                }
            });
        },
        wait,
    );
}

/// What running an action needs from the page.
#[derive(Clone, Copy)]
pub struct Runner {
    /// The page's region (`all` or one).
    pub region: Memo<Option<String>>,
    /// Where each listed instance runs.
    pub placements: RwSignal<HashMap<String, String>>,
    /// The page's notices.
    pub notices: Notices,
    /// On while calls are out.
    pub busy: RwSignal<bool>,
    /// State overrides.
    pub overrides: RwSignal<Overrides>,
}

impl Runner {
    /// Runs `action` on `ids`: one call per region, all at once; a notice per instance; then polls
    /// the instances still changing.
    pub fn run(self, action: Action, ids: Vec<String>) {
        let region = self.region.get_untracked();
        let all = crate::regions::is_all(region.as_deref());
        let groups = self
            .placements
            .with_untracked(|p| by_region(&ids, p, region, all));
        if groups.is_empty() {
            return;
        }
        // A plain counter, not a signal: `run` is called from the confirmation dialog, whose
        // reactive owner is gone before the calls come back.
        let left = std::rc::Rc::new(std::cell::Cell::new(groups.len()));
        self.busy.set(true);
        for (region, ids) in groups {
            let left = left.clone();
            spawn_local(async move {
                self.report(action, region.clone(), instance_action(region, action, ids).await);
                left.set(left.get() - 1);
                if left.get() == 0 {
                    self.busy.set(false);
                }
            });
        }
    }

    fn report(
        self,
        action: Action,
        region: Option<String>,
        answer: Result<Vec<super::super::ActionOutcome>, crate::error::AppError>,
    ) {
        let notices = self.notices;
        let outcomes = match answer {
            Ok(outcomes) => outcomes,
            Err(e) => {
                let what = match &region {
                    Some(r) if crate::regions::is_all(self.region.get_untracked().as_deref()) => {
                        crate::tr!(instances.action_in_region, action = action.label(), region = r)
                    }
                    _ => action.label().to_string(),
                };
                notices.report(&what, Err(e));
                return;
            }
        };
        let mut moving = Vec::new();
        for outcome in outcomes {
            match outcome.result {
                Ok(state) => {
                    notices.push(Notice::ok(crate::tr!(
                        instances.action_done,
                        action = action.label(),
                        id = outcome.id,
                        state = state
                    )));
                    if is_transitional(&state) {
                        moving.push(outcome.id.clone());
                    }
                    self.overrides.update(|o| {
                        o.states.insert(outcome.id, state);
                    });
                }
                Err(e) => notices.report(
                    &crate::tr!(instances.action_on, action = action.label(), id = outcome.id),
                    Err(e),
                ),
            }
        }
        if !moving.is_empty() {
            poll(region, moving, FIRST_POLL, 1, self.overrides);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn polling_backs_off_to_a_ceiling() {
        let mut wait = FIRST_POLL;
        let mut waits = Vec::new();
        for _ in 0..6 {
            waits.push(wait.as_secs());
            wait = next_poll(wait);
        }
        assert_eq!(waits, vec![1, 2, 4, 8, 15, 15]);
    }

    #[test]
    fn a_selection_is_split_by_region() {
        let ids: Vec<String> = ["i-1", "i-2", "i-3", "i-4"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let placements: HashMap<String, String> =
            [("i-1", "us-west-2"), ("i-2", "eu-west-1"), ("i-3", "us-west-2")]
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect();
        let groups = by_region(&ids, &placements, Some("all".into()), true);
        assert_eq!(
            groups,
            vec![
                (Some("eu-west-1".to_string()), vec!["i-2".to_string()]),
                (
                    Some("us-west-2".to_string()),
                    vec!["i-1".to_string(), "i-3".to_string()]
                ),
            ],
            "an instance not listed (i-4) is left out"
        );
        let one = by_region(&ids, &placements, Some("eu-west-1".into()), false);
        assert_eq!(one, vec![(Some("eu-west-1".to_string()), ids.clone())]);
        assert!(by_region(&[], &placements, None, false).is_empty());
    }
}
