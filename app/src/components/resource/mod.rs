//! The resource-page kit: a page declares its rows (a [`ListSpec`]: columns, key, texts), how to
//! load them and its [`RowAction`]s; the kit does the rest — filter form, table, paging, CSV, the
//! details panel bound to `?id=`, and the confirm → call → notice → refresh cycle.
//!
//! - [`PageState`]: what every page shares (region, writable, notices, busy, refresh).
//! - [`ResourceList`]: one list's rows, filter, chosen row and export; with `?region=all`, every
//!   region's rows, a chip per region and a retry per failed region ([`ResourceList::load_across`]).
//! - [`ResourcePage`], [`list_view`], [`action_bar`]: the views (`view.rs`, `actions.rs`).

mod actions;
mod spec;
mod view;

pub use actions::{action_bar, RowAction};
pub use spec::ListSpec;
pub use view::{list_view, ResourcePage, RowView};

use super::feedback::Notices;
use super::table::{download, matches_text, to_csv, Column};
use crate::auth::use_writable;
use crate::error::AppError;
use crate::region::use_region_param;
use crate::regions::{is_all, Across, Outcome, RegionStatus};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;
use std::future::Future;

/// What a page shares between its lists and actions; copy it freely.
#[derive(Clone, Copy)]
pub struct PageState {
    /// The region in the URL (`?region=`), `None` for the session's.
    pub region: Memo<Option<String>>,
    /// Whether the person may make changes.
    pub writable: Signal<bool>,
    /// The page's notifications.
    pub notices: Notices,
    /// True while an action runs; the action buttons are off meanwhile.
    pub busy: RwSignal<bool>,
    /// Bumped to reload every list of the page.
    pub version: RwSignal<u32>,
}

impl PageState {
    /// The state of the page being built.
    pub fn new() -> Self {
        Self {
            region: use_region_param(),
            writable: use_writable(),
            notices: Notices::new(),
            busy: RwSignal::new(false),
            version: RwSignal::new(0),
        }
    }

    /// Whether the page shows every region at once.
    pub fn all(self) -> bool {
        is_all(self.region.get_untracked().as_deref())
    }

    /// Reloads the page's lists.
    pub fn refresh(self) {
        self.version.update(|v| *v += 1);
    }

    /// Runs `task` (an AWS call whose success is described by the text it returns): the buttons are
    /// off meanwhile, a notice reports the outcome (`attempt: AWS's reason` when it fails), then
    /// `after(succeeded)` runs and the lists reload.
    pub fn perform(
        self,
        attempt: String,
        task: impl Future<Output = Result<String, AppError>> + 'static,
        after: impl FnOnce(bool) + 'static,
    ) {
        self.busy.set(true);
        spawn_local(async move {
            let result = task.await;
            after(result.is_ok());
            self.notices.report(&attempt, result);
            self.refresh();
            self.busy.set(false);
        });
    }
}

impl Default for PageState {
    fn default() -> Self {
        Self::new()
    }
}

/// The rows as loaded: nothing yet, AWS's (or the console's) refusal, or the list.
pub type Loaded<T> = Option<Result<Vec<T>, AppError>>;

/// Every region's outcome and the note above them, for a list of every region.
pub type RegionsShown = Option<(Vec<RegionStatus>, Option<String>)>;

/// Asks one region again (a list of every region).
type Retry = StoredValue<Option<std::sync::Arc<dyn Fn(String) + Send + Sync>>>;

/// One list on a page: its rows (filtered by `?q=`), the chosen row (bound to the URL's open
/// parameter) and the CSV export. Copy it freely.
pub struct ResourceList<T: Send + Sync + 'static> {
    /// The page this list belongs to.
    pub page: PageState,
    /// What the list declares.
    pub spec: &'static ListSpec<T>,
    /// The rows as loaded.
    pub source: Signal<Loaded<T>>,
    /// Every loaded row (empty while loading or failed).
    pub all: Memo<Vec<T>>,
    /// The rows the filter lets through.
    pub rows: Memo<Vec<T>>,
    /// The chosen row's key.
    pub chosen: RwSignal<Option<String>>,
    /// The chosen row, when it is loaded.
    pub current: Memo<Option<T>>,
    /// With `?region=all`: how each region answered.
    pub regions: Signal<RegionsShown>,
    retry: Retry,
}

impl<T: Send + Sync + 'static> Clone for ResourceList<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for ResourceList<T> {}

impl<T> ResourceList<T>
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    /// A list loaded by `load(region)` in the browser, reloaded with the page's version. Signals
    /// `load` reads (a scope, a search text) reload it too.
    pub fn load<Fut>(
        page: PageState,
        spec: &'static ListSpec<T>,
        load: impl Fn(Option<String>) -> Fut + 'static,
    ) -> Self
    where
        Fut: Future<Output = Result<Vec<T>, AppError>> + 'static,
    {
        let resource = LocalResource::new(move || {
            page.version.get();
            load(page.region.get())
        });
        Self::from_source(page, spec, Signal::derive(move || resource.get()))
    }

    /// A list that can show every region: `load(region)` answers for one region or, with `all`,
    /// for each (the server fans out). A failed region is asked again with `load(Some(region))`.
    pub fn load_across<Fut>(
        page: PageState,
        spec: &'static ListSpec<T>,
        load: impl Fn(Option<String>) -> Fut + Send + Sync + 'static,
    ) -> Self
    where
        Fut: Future<Output = Result<Across<T>, AppError>> + 'static,
    {
        let load = std::sync::Arc::new(load);
        let fetch = load.clone();
        let resource = LocalResource::new(move || {
            page.version.get();
            fetch(page.region.get())
        });
        let state = RwSignal::new(None::<Result<Across<T>, AppError>>);
        Effect::new(move |_| state.set(resource.get()));
        let source = Signal::derive(move || {
            state.with(|s| {
                s.as_ref()
                    .map(|r| r.as_ref().map(|a| a.rows.clone()).map_err(Clone::clone))
            })
        });
        let mut list = Self::from_source(page, spec, source);
        list.regions = Signal::derive(move || {
            state.with(|s| match s {
                Some(Ok(a)) if is_all(page.region.get().as_deref()) => {
                    Some((a.regions.clone(), a.note.clone()))
                }
                _ => None,
            })
        });
        let region_of = spec.region_of.unwrap_or(|_| String::new());
        let retry: std::sync::Arc<dyn Fn(String) + Send + Sync> =
            std::sync::Arc::new(move |region: String| {
                let call = load(Some(region.clone()));
                spawn_local(async move {
                    let answer = call.await;
                    let outcome = match &answer {
                        Ok(a) => Outcome::Ok(a.rows.len()),
                        Err(e) => Outcome::from_error(e),
                    };
                    let rows = answer.map(|a| a.rows).unwrap_or_default();
                    state.try_update(|s| {
                        if let Some(Ok(a)) = s {
                            a.retried(&region, outcome, rows, region_of);
                        }
                    });
                });
            });
        list.retry = StoredValue::new(Some(retry));
        list
    }

    /// A list over rows loaded elsewhere (several lists from one call, say).
    pub fn from_source(page: PageState, spec: &'static ListSpec<T>, source: Signal<Loaded<T>>) -> Self {
        let query = use_query_map();
        let all = Memo::new(move |_| source.get().and_then(Result::ok).unwrap_or_default());
        let rows = Memo::new(move |_| {
            let text = if spec.filter_here {
                query.read().get("q").unwrap_or_default()
            } else {
                String::new()
            };
            let columns = columns_of(spec, is_all(page.region.get().as_deref()));
            all.with(|a| {
                a.iter()
                    .filter(|r| matches_text(*r, &columns, &text))
                    .cloned()
                    .collect::<Vec<_>>()
            })
        });
        let chosen = RwSignal::new(None::<String>);
        if let Some(param) = spec.open_param {
            let open = Memo::new(move |_| query.read().get(param).filter(|v| !v.is_empty()));
            Effect::new(move |_| chosen.set(open.get()));
        }
        let current = Memo::new(move |_| {
            let key = chosen.get()?;
            all.with(|a| a.iter().find(|r| (spec.row_key)(r) == key).cloned())
        });
        Self {
            page,
            spec,
            source,
            all,
            rows,
            chosen,
            current,
            regions: Signal::derive(|| None),
            retry: StoredValue::new(None),
        }
    }

    /// The columns as shown: with every region, a Region column after the first.
    pub fn columns(self) -> Vec<Column<T>> {
        columns_of(self.spec, self.page.all())
    }

    /// The region a row's actions go to: its own with every region, else the page's.
    pub fn region_for(self, row: &T) -> Option<String> {
        match self.spec.region_of {
            Some(region_of) if self.page.all() => Some(region_of(row)),
            _ => self.page.region.get_untracked(),
        }
    }

    /// Asks `region` again.
    pub fn retry(self, region: String) {
        self.retry.with_value(|r| {
            if let Some(retry) = r {
                retry(region);
            }
        });
    }

    /// Offers the filtered rows as `{csv}-{region}.csv`.
    pub fn export(self) {
        let region = self.page.region.get_untracked().unwrap_or_default();
        download(
            &format!("{}-{region}.csv", self.spec.csv),
            "text/csv",
            &to_csv(&self.rows.get_untracked(), &self.columns()),
        );
    }
}

/// A spec's columns, with a Region column after the first when every region is shown.
fn columns_of<T>(spec: &'static ListSpec<T>, all: bool) -> Vec<Column<T>> {
    let mut columns = (spec.columns)();
    if let (true, Some(region_of)) = (all, spec.region_of) {
        columns.insert(
            1.min(columns.len()),
            Column::text("region", crate::label!(common.col_region), region_of),
        );
    }
    columns
}

/// The count line: `template` with `{count}` filled in (`3 volume(s)`), and an optional note after it.
pub fn count_line(count: usize, template: &str, note: &str) -> String {
    crate::locale::fill(template, &[("count", &crate::number::whole(count as u64))]) + note
}

#[cfg(test)]
mod tests {
    use super::count_line;

    #[test]
    fn the_count_line_names_the_noun_and_the_note() {
        assert_eq!(count_line(3, "{count} volume(s)", ""), "3 volume(s)");
        assert_eq!(count_line(3, "볼륨 {count}개", ""), "볼륨 3개");
        assert_eq!(count_line(5000, "{count} instance(s)", ""), "5,000 instance(s)");
        assert_eq!(
            count_line(0, "{count} image(s)", " — more matched; refine the search"),
            "0 image(s) — more matched; refine the search"
        );
    }
}
