//! The kit's views: a list (loading, error with Retry, count, table, details panel) and the whole
//! resource page around it (title, filter form, notices, toolbar, forms, list, extra sections).

use super::actions::{action_bar, RowAction};
use super::{count_line, ResourceList};
use crate::audit::HistoryBox;
use crate::components::feedback::{ErrorAlert, Loading, NoticeArea};
use crate::components::table::{DataTable, TextFilter};
use crate::error::AppError;
use crate::regions::RegionStrip;
use crate::views::ViewBar;
use leptos::prelude::*;
use leptos_router::hooks::use_location;
use std::sync::Arc;

/// Renders a row in the details panel.
pub type RowView<T> = Arc<dyn Fn(T) -> AnyView + Send + Sync>;

/// Where a list's load stands (the rows themselves flow through the table's own signal).
#[derive(Clone, PartialEq)]
enum Status {
    Loading,
    Failed(AppError),
    Ready,
}

/// A list: the loading line, AWS's error with a Retry, or the count and the table; then the
/// chosen row's details (with `details`), and `note` after the count.
pub fn list_view<T>(
    list: ResourceList<T>,
    details: Option<RowView<T>>,
    note: Option<Signal<String>>,
) -> impl IntoView
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    let spec = list.spec;
    let status = Memo::new(move |_| {
        list.source.with(|s| match s {
            None => Status::Loading,
            Some(Err(e)) => Status::Failed(e.clone()),
            Some(Ok(_)) => Status::Ready,
        })
    });
    let count = move || {
        let note = note.map(|n| n.get()).unwrap_or_default();
        spec.noun
            .map(|noun| count_line(list.rows.with(Vec::len), noun(crate::locale::current()), &note))
            .unwrap_or_default()
    };
    let path = use_location().pathname;
    let details = details.map(|render| {
        move || {
            list.current.get().map(|row| {
                let label = (spec.details_label)(&row);
                let key = (spec.row_key)(&row);
                // With every region, the details (and the forms they hold) open in the row's region.
                let all = crate::regions::is_all(list.page.region.get().as_deref());
                let inner = match (all, list.region_for(&row), spec.open_param) {
                    (true, Some(region), Some(param)) => {
                        let href = format!("{}?region={region}&{param}={key}", path.get_untracked());
                        view! {
                            <p>{crate::tr!(common.row_in_region, key = key, region = region)}" "
                                <a href=href>{crate::tr!(common.open_in_region, region = region)}</a></p>
                        }
                        .into_any()
                    }
                    _ => render(row),
                };
                view! {
                    <section class="details-panel" aria-label=label
                        data-testid=format!("{}-details", spec.testid)>
                        {inner}
                        <HistoryBox resource=key/>
                    </section>
                }
            })
        }
    });
    let retrying = RwSignal::new(Vec::<String>::new());
    let strip = move || {
        list.regions.get().map(|(regions, note)| {
            let retry = Callback::new(move |region: String| {
                retrying.update(|r| r.push(region.clone()));
                list.retry(region);
            });
            view! { <RegionStrip regions=Signal::stored(regions) note=Signal::stored(note) retrying on_retry=retry/> }
        })
    };
    view! {
        {strip}
        {move || match status.get() {
            Status::Loading => view! { <Loading label=(spec.loading)(crate::locale::current())/> }.into_any(),
            Status::Failed(error) => view! { <ErrorAlert error retry=move || list.page.refresh()/> }.into_any(),
            Status::Ready => view! {
                {spec.noun.is_some().then(|| view! {
                    <p class="summary" data-testid=format!("{}-count", spec.testid)>{count}</p>
                })}
                {if spec.choose {
                    view! { <DataTable rows=list.rows columns=list.columns() row_key=spec.row_key caption=(spec.caption)(crate::locale::current())
                        choice=list.chosen param_prefix=spec.param_prefix/> }.into_any()
                } else {
                    view! { <DataTable rows=list.rows columns=list.columns() row_key=spec.row_key caption=(spec.caption)(crate::locale::current())
                        param_prefix=spec.param_prefix/> }.into_any()
                }}
            }.into_any(),
        }}
        {details}
    }
}

/// A resource page: the title, `header` (tabs), the saved views, the filter form, notices, the toolbar (`tools`,
/// then `actions`, Refresh, Export CSV), `panel` (the open form), the list with its details, and
/// `footer` (sections below the list). The one place where a change reaches every page.
#[component]
pub fn ResourcePage<T>(
    /// The page's main list.
    list: ResourceList<T>,
    /// The heading, e.g. "Volumes".
    title: &'static str,
    /// The page's path, e.g. `/volumes` (the filter form's action).
    path: &'static str,
    /// The filter's label, e.g. "Filter volumes".
    filter_label: &'static str,
    /// What can be typed in the filter.
    placeholder: &'static str,
    /// Query parameters the filter form keeps besides the region (e.g. `scope`).
    #[prop(optional)]
    keep: &'static [&'static str],
    /// The toolbar's accessible name, e.g. "Volume actions".
    toolbar_label: &'static str,
    /// Actions on the chosen row.
    #[prop(optional)]
    actions: Vec<RowAction<T>>,
    /// Buttons before the row actions (create and the like).
    #[prop(optional, into)]
    tools: Option<ViewFn>,
    /// Shown under the title (tabs).
    #[prop(optional, into)]
    header: Option<ViewFn>,
    /// Shown under the toolbar (the open form).
    #[prop(optional, into)]
    panel: Option<ViewFn>,
    /// The chosen row's details.
    #[prop(optional)]
    details: Option<RowView<T>>,
    /// Said after the count (e.g. that more matched).
    #[prop(optional, into)]
    note: Option<Signal<String>>,
    /// Sections below the list.
    #[prop(optional, into)]
    footer: Option<ViewFn>,
) -> impl IntoView
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    view! {
        <section class="page">
            <h1>{title}</h1>
            {header.map(|h| h.run())}
            <ViewBar path notices=list.page.notices/>
            <TextFilter action=path label=filter_label placeholder keep/>
            <NoticeArea notices=list.page.notices/>
            {action_bar(list, toolbar_label, actions, tools, false)}
            {panel.map(|p| p.run())}
            {list_view(list, details, note)}
            {footer.map(|f| f.run())}
        </section>
    }
}
