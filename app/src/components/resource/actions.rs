//! Row actions and the toolbar that runs them: a button per action, on only when the chosen row
//! can take it; confirmation first where the action asks for one; then the call, its notice and
//! the refresh.

use super::ResourceList;
use crate::components::confirm::{ConfirmDialog, Confirmation};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

/// A future that runs in the browser (server functions' futures are not `Send` there).
type LocalTask<R> = Pin<Box<dyn Future<Output = R>>>;
/// Builds the confirmation for a row, fetching what it must name first if need be.
type AskFn<T> = Arc<dyn Fn(Option<String>, T) -> LocalTask<Confirmation> + Send + Sync>;
/// Calls AWS for a row in a region; `Ok` carries the success notice.
type CallFn<T> = Arc<dyn Fn(Option<String>, T) -> LocalTask<Result<String, AppError>> + Send + Sync>;
/// Renders extra choices for the confirmation dialog.
type ChoicesFn<T> = Arc<dyn Fn(&T) -> AnyView + Send + Sync>;
/// What running a calling action takes: the row's name, the call, whether it forgets the row.
type CallParts<T> = (fn(&T) -> String, CallFn<T>, bool);

/// What pressing an action's button does.
enum Press<T> {
    /// Opens a form of the page's own for the row.
    Open(Arc<dyn Fn(T) + Send + Sync>),
    /// Asks first (when `ask` is set), then calls AWS and reports the outcome.
    Call {
        ask: Option<AskFn<T>>,
        name: fn(&T) -> String,
        call: CallFn<T>,
        forget: bool,
    },
}

/// One action on the chosen row: its button, which rows it applies to and what it does.
pub struct RowAction<T> {
    label: &'static str,
    class: &'static str,
    applies: Arc<dyn Fn(&T) -> bool + Send + Sync>,
    press: Press<T>,
    choices: Option<ChoicesFn<T>>,
}

impl<T: 'static> RowAction<T> {
    fn new(label: &'static str, press: Press<T>) -> Self {
        Self {
            label,
            class: "",
            applies: Arc::new(|_| true),
            press,
            choices: None,
        }
    }

    /// An action that calls AWS. Its notice says `done` with `{name}` filled in by `name(row)`
    /// (`Deleted {name}` → `Deleted vol-1`; a `done` without `{name}` is followed by the name), or
    /// when AWS refuses, the label's verb, the name and AWS's reason (`Delete vol-1: …`).
    pub fn call<Fut>(
        label: &'static str,
        done: &'static str,
        name: fn(&T) -> String,
        call: impl Fn(Option<String>, T) -> Fut + Send + Sync + 'static,
    ) -> Self
    where
        Fut: Future<Output = Result<(), AppError>> + 'static,
    {
        Self::reporting(label, name, move |region, row| {
            let done = done_text(done, &name(&row));
            let call = call(region, row);
            async move { call.await.map(|()| done) }
        })
    }

    /// Like [`RowAction::call`], with the success notice made by `call` itself.
    pub fn reporting<Fut>(
        label: &'static str,
        name: fn(&T) -> String,
        call: impl Fn(Option<String>, T) -> Fut + Send + Sync + 'static,
    ) -> Self
    where
        Fut: Future<Output = Result<String, AppError>> + 'static,
    {
        let call: CallFn<T> = Arc::new(move |region, row| Box::pin(call(region, row)));
        Self::new(
            label,
            Press::Call {
                ask: None,
                name,
                call,
                forget: false,
            },
        )
    }

    /// An action that opens a form of the page's own for the row.
    pub fn open(label: &'static str, open: impl Fn(T) + Send + Sync + 'static) -> Self {
        Self::new(label, Press::Open(Arc::new(open)))
    }

    /// Asks `confirm(row)` before calling.
    pub fn confirm(self, confirm: fn(&T) -> Confirmation) -> Self {
        self.confirm_after(move |_, row| std::future::ready(confirm(&row)))
    }

    /// Asks before calling, with a confirmation that needs a look-up first (what uses the row).
    pub fn confirm_after<Fut>(
        mut self,
        confirm: impl Fn(Option<String>, T) -> Fut + Send + Sync + 'static,
    ) -> Self
    where
        Fut: Future<Output = Confirmation> + 'static,
    {
        if let Press::Call { ask, .. } = &mut self.press {
            *ask = Some(Arc::new(move |region, row| Box::pin(confirm(region, row))));
        }
        self
    }

    /// Extra choices in the confirmation dialog (e.g. "also delete its snapshots").
    pub fn choices(mut self, choices: impl Fn(&T) -> AnyView + Send + Sync + 'static) -> Self {
        self.choices = Some(Arc::new(choices));
        self
    }

    /// The row is gone after the call succeeds: nothing stays chosen.
    pub fn forgets_row(mut self) -> Self {
        if let Press::Call { forget, .. } = &mut self.press {
            *forget = true;
        }
        self
    }

    /// Only rows for which `applies` holds can take the action (it may read signals).
    pub fn when(mut self, applies: impl Fn(&T) -> bool + Send + Sync + 'static) -> Self {
        self.applies = Arc::new(applies);
        self
    }

    /// What a calling action needs to run.
    fn call_parts(&self) -> Option<CallParts<T>> {
        match &self.press {
            Press::Call {
                name, call, forget, ..
            } => Some((*name, call.clone(), *forget)),
            Press::Open(_) => None,
        }
    }

    /// The label's verb, naming the attempt in a failure notice: its first word in English
    /// (`Delete` of "Delete snapshot"), its last in Korean (`삭제` of "스냅샷 삭제").
    fn verb(&self) -> &'static str {
        let label = self.label;
        let word = match crate::locale::current() {
            crate::i18n::Locale::en => label.split(' ').next(),
            crate::i18n::Locale::ko => label.split(' ').next_back(),
        };
        word.unwrap_or(label)
    }

    /// Shown as dangerous.
    pub fn danger(mut self) -> Self {
        self.class = "danger";
        self
    }
}

/// A success notice: `done` with `{name}` filled in, or followed by the name when it has none.
fn done_text(done: &str, name: &str) -> String {
    if done.contains("{name}") {
        crate::locale::fill(done, &[("name", &name)])
    } else {
        format!("{done} {name}")
    }
}

/// A confirmation waiting for an answer: which action, on which row.
#[derive(Clone)]
struct Pending<T> {
    action: usize,
    row: T,
    request: Confirmation,
}

/// The toolbar: `tools` first (create buttons and the like), a button per row action, then
/// Refresh, Export CSV and the read-only hint (unless `plain`, for a second toolbar on a page);
/// and the confirmation dialog.
pub fn action_bar<T>(
    list: ResourceList<T>,
    label: &'static str,
    actions: Vec<RowAction<T>>,
    tools: Option<ViewFn>,
    plain: bool,
) -> impl IntoView
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    let page = list.page;
    let actions = StoredValue::new(actions);
    let pending = RwSignal::new(None::<Pending<T>>);
    let run = move |index: usize, row: T| {
        let Some((verb, (name, call, forget))) =
            actions.with_value(|all| Some((all[index].verb(), all[index].call_parts()?)))
        else {
            return;
        };
        let chosen = list.chosen;
        let attempt = crate::tr!(common.action_attempt, verb = verb, name = name(&row));
        page.perform(attempt, call(list.region_for(&row), row), move |ok| {
            if ok && forget {
                chosen.set(None);
            }
        });
    };
    let press = move |index: usize| {
        let Some(row) = list.current.get_untracked() else {
            return;
        };
        let (open, ask) = actions.with_value(|all| match &all[index].press {
            Press::Open(open) => (Some(open.clone()), None),
            Press::Call { ask, .. } => (None, ask.clone()),
        });
        match (open, ask) {
            (Some(open), _) => open(row),
            (None, None) => run(index, row),
            (None, Some(ask)) => {
                let request = ask(list.region_for(&row), row.clone());
                spawn_local(async move {
                    let request = request.await;
                    pending.set(Some(Pending {
                        action: index,
                        row,
                        request,
                    }));
                });
            }
        }
    };
    let answer = move |yes: bool| {
        let Some(Pending { action, row, .. }) = pending.get_untracked() else {
            return;
        };
        pending.set(None);
        if yes {
            run(action, row);
        }
    };
    let buttons = actions.with_value(|all| {
        all.iter()
            .enumerate()
            .map(|(index, action)| {
                let applies = action.applies.clone();
                // A form works in the page's region: with every region shown, open the row's first.
                let form = matches!(action.press, Press::Open(_));
                let off = move || {
                    !page.writable.get()
                        || page.busy.get()
                        || (form && crate::regions::is_all(page.region.get().as_deref()))
                        || list.current.with(|c| c.as_ref().is_none_or(|row| !applies(row)))
                };
                view! {
                    <button type="button" class=action.class on:click=move |_| press(index) disabled=off>{action.label}</button>
                }
            })
            .collect_view()
    });
    view! {
        <div class="toolbar" role="toolbar" aria-label=label>
            {move || match (crate::regions::is_all(page.region.get().as_deref()), tools.clone()) {
                (false, Some(t)) => Some(t.run().into_any()),
                (true, Some(_)) => Some(view! { <span class="hint">{crate::tr!(common.choose_region_to_create)}</span> }.into_any()),
                _ => None,
            }}
            {buttons}
            {(!plain).then(|| view! {
                <button type="button" data-command="refresh" on:click=move |_| page.refresh()>{crate::tr!(common.refresh)}</button>
                <button type="button" data-command="export" on:click=move |_| list.export()>{crate::tr!(common.export_csv)}</button>
                {move || (!page.writable.get()).then(|| view! { <span class="hint">{crate::tr!(common.read_only_hint)}</span> })}
            })}
        </div>
        {move || pending.with(|p| p.as_ref().map(|p| {
            let extra = actions.with_value(|all| all[p.action].choices.as_ref().map(|c| c(&p.row)));
            view! { <ConfirmDialog request=p.request.clone() on_answer=answer>{extra}</ConfirmDialog> }
        }))}
    }
}
