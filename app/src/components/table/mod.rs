//! The one data table: columns described once, sorting and paging in the URL, selection,
//! preferences and CSV export, each in its own file.

mod columns;
mod csv;
mod filter;
mod paging;
mod prefs;
mod selection;

pub use columns::{
    matches_text, natural_cmp, or_empty, sort_rows, sort_table, CellKind, Column, Head, SortSpec, TableRow,
};
pub use csv::{download, to_csv};
pub use filter::{href, with_param, TextFilter};
pub use paging::page_window;
pub use prefs::{TablePrefs, TableSettings, PAGE_SIZES};

use crate::components::status::StatusIndicator;
use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_query_map};
use paging::ShownPage;

/// A sortable, paged table over `rows`; clicking a header changes `?sort=`, the pager `?page=`,
/// without reloading the page. With `selection`, each row gets a labelled checkbox; with `choice`,
/// a radio button. The rows become [`TableRow`]s here, so the table itself ([`Table`]) is compiled
/// once for every row type.
#[component]
pub fn DataTable<T>(
    /// The rows, in source order.
    #[prop(into)]
    rows: Signal<Vec<T>>,
    /// The columns, left to right.
    columns: Vec<Column<T>>,
    /// A stable key per row (the resource ID).
    row_key: fn(&T) -> String,
    /// The table's caption, read by screen readers.
    #[prop(into)]
    caption: String,
    /// Selected row keys, when rows can be selected.
    #[prop(optional)]
    selection: Option<RwSignal<Vec<String>>>,
    /// Hidden columns and page size; all columns and one page of 50 when absent.
    #[prop(optional)]
    prefs: Option<RwSignal<TablePrefs>>,
    /// The one chosen row's key, when exactly one row is picked (a radio button per row).
    #[prop(optional)]
    choice: Option<RwSignal<Option<String>>>,
    /// Whether a row can be chosen; rows it refuses show a disabled radio button.
    #[prop(optional)]
    choosable: Option<Callback<T, bool>>,
    /// Prefix of this table's URL parameters (`{prefix}sort`, `{prefix}page`) and element IDs, so
    /// that several tables can share a page.
    #[prop(optional)]
    param_prefix: &'static str,
) -> impl IntoView
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    let heads: Vec<Head> = columns.iter().map(Column::head).collect();
    let table_rows = Memo::new(move |_| {
        rows.with(|rows| {
            rows.iter()
                .map(|r| {
                    let enabled = choosable.is_none_or(|f| f.run(r.clone()));
                    TableRow::of(r, &columns, row_key, enabled)
                })
                .collect::<Vec<_>>()
        })
    });
    view! { <Table rows=table_rows heads caption selection prefs choice param_prefix/> }
}

/// One cell as its column's kind renders it.
fn cell_view(kind: CellKind, key: &str, text: String) -> AnyView {
    match kind {
        CellKind::Text if text.is_empty() => "–".into_any(),
        CellKind::Text => text.into_any(),
        CellKind::Code => view! { <code>{text}</code> }.into_any(),
        CellKind::State => view! { <StatusIndicator state=text/> }.into_any(),
        CellKind::Time => view! { <crate::time::Time iso=text/> }.into_any(),
        CellKind::Number => match text.parse::<u64>() {
            Ok(n) => crate::number::whole(n).into_any(),
            Err(_) if text.is_empty() => "–".into_any(),
            Err(_) => text.into_any(),
        },
        CellKind::Link(param) => {
            let target = key.to_string();
            view! { <a href=move || with_param(param, Some(&target)) class="id-link"><code>{text}</code></a> }
                .into_any()
        }
    }
}

/// The table over rows already made [`TableRow`]s (see [`DataTable`]).
#[component]
pub fn Table(
    /// The rows, in source order.
    #[prop(into)]
    rows: Signal<Vec<TableRow>>,
    /// The columns, left to right.
    heads: Vec<Head>,
    /// The table's caption, read by screen readers.
    caption: String,
    /// Selected row keys, when rows can be selected.
    selection: Option<RwSignal<Vec<String>>>,
    /// Hidden columns and page size; all columns and one page of 50 when absent.
    prefs: Option<RwSignal<TablePrefs>>,
    /// The one chosen row's key, when exactly one row is picked.
    choice: Option<RwSignal<Option<String>>>,
    /// Prefix of this table's URL parameters and element IDs.
    param_prefix: &'static str,
) -> impl IntoView {
    let query = use_query_map();
    let sort_param = format!("{param_prefix}sort");
    let page_param = format!("{param_prefix}page");
    let sort = {
        let sort_param = sort_param.clone();
        Memo::new(move |_| query.read().get(&sort_param).and_then(|s| SortSpec::parse(&s)))
    };
    let requested_page = {
        let page_param = page_param.clone();
        Memo::new(move |_| {
            query
                .read()
                .get(&page_param)
                .and_then(|p| p.parse::<usize>().ok())
                .unwrap_or(1)
        })
    };
    let prefs = prefs.unwrap_or_else(|| RwSignal::new(TablePrefs::default()));
    let head_list = StoredValue::new(heads);
    let sorted = Memo::new(move |_| {
        let mut rows = rows.get();
        if let Some(spec) = sort.get() {
            if let Some(index) = head_list.with_value(|h| h.iter().position(|c| c.key == spec.key)) {
                sort_table(&mut rows, index, spec.descending);
            }
        }
        rows
    });
    // One memo for the page on show: effects read it alone, never it and `sorted` together (an effect
    // reading a memo and another memo derived from it can miss an update once the first is pulled).
    let shown = Memo::new(move |_| {
        sorted.with(|all| {
            let (page, pages, range) =
                page_window(all.len(), prefs.with(|p| p.page_size), requested_page.get());
            ShownPage {
                page,
                pages,
                total: all.len(),
                first: range.start + 1,
                last: range.end,
                rows: all[range].to_vec(),
            }
        })
    });
    let visible_rows = move || shown.with(|s| s.rows.clone());
    // Which columns show: their index in `heads`, left to right.
    let visible = Memo::new(move |_| {
        let hidden = prefs.with(|p| p.hidden.clone());
        head_list.with_value(|all| {
            all.iter()
                .enumerate()
                .filter(|(_, c)| !hidden.iter().any(|h| h == c.key))
                .map(|(i, _)| i)
                .collect::<Vec<_>>()
        })
    });
    let page_param = StoredValue::new(page_param);
    let page_href = move |page: usize| page_param.with_value(|p| with_param(p, Some(&page.to_string())));

    let header_cells = move || {
        let shown_columns = visible.get();
        let heads = head_list.get_value();
        shown_columns
            .into_iter()
            .map(|i| {
                let Head { key, label, .. } = heads[i];
                let aria_sort = move || match sort.get() {
                    Some(s) if s.key == key && s.descending => "descending",
                    Some(s) if s.key == key => "ascending",
                    _ => "none",
                };
                let arrow = move || match aria_sort() {
                    "descending" => "▼",
                    "ascending" => "▲",
                    _ => "",
                };
                let sort_param = sort_param.clone();
                let href = move || {
                    let next = SortSpec::after_click(sort.get().as_ref(), key);
                    with_param(&sort_param, Some(&next.to_param()))
                };
                view! {
                    <th scope="col" aria-sort=aria_sort data-column=key>
                        <A href=href attr:class="sort-link">{label}</A>
                        <span class="sort-arrow" aria-hidden="true">{arrow}</span>
                    </th>
                }
            })
            .collect_view()
    };
    let choice_header = choice.map(
        |_| view! { <th scope="col" class="select-cell"><span class="visually-hidden">{crate::tr!(common.choose)}</span></th> },
    );
    let select_all = selection.map(|selected| {
        let page_keys = move || visible_rows().into_iter().map(|r| r.key).collect::<Vec<_>>();
        selection::select_all_header(param_prefix, selected, page_keys)
    });

    let pager_label = crate::tr!(common.pager_label, caption = caption);
    view! {
        <div class="table-scroll">
            <table class="data-table">
                <caption class="visually-hidden">{caption}</caption>
                <thead><tr>{choice_header}{select_all}{header_cells}</tr></thead>
                <tbody>
                    // A plain reactive closure rather than <For>: a keyed <For> hydrated inside a
                    // <Transition> stopped following its signals; one page of rows re-renders cheaply.
                    {move || {
                        let shown_columns = visible.get();
                        let heads = head_list.get_value();
                        visible_rows()
                            .into_iter()
                            .map(|row| {
                                let TableRow { key, enabled, mut cells } = row;
                                let radio = choice.map(|chosen| {
                                    selection::choice_cell(param_prefix, key.clone(), chosen, move || enabled)
                                });
                                let check =
                                    selection.map(|selected| selection::select_cell(param_prefix, key.clone(), selected));
                                let tds = shown_columns
                                    .iter()
                                    .map(|&i| {
                                        let text = cells.get_mut(i).map(std::mem::take).unwrap_or_default();
                                        let head = heads[i];
                                        view! { <td data-column=head.key>{cell_view(head.kind, &key, text)}</td> }
                                    })
                                    .collect_view();
                                let chosen_row = {
                                    let key = key.clone();
                                    move || choice.is_some_and(|c| c.with(|c| c.as_deref() == Some(key.as_str())))
                                };
                                view! { <tr data-key=key class:chosen=chosen_row>{radio}{check}{tds}</tr> }
                            })
                            .collect_view()
                    }}
                </tbody>
            </table>
        </div>
        {move || {
            let ShownPage { page, pages, total, first, last, .. } = shown.get();
            (pages > 1).then(|| view! {
                <nav class="pager" aria-label=pager_label.clone()>
                    {(page > 1).then(|| view! { <A href=move || page_href(page - 1)>{crate::tr!(common.previous_page)}</A> })}
                    <span data-testid="page-status">{{
                        let n = |v: usize| crate::number::whole(v as u64);
                        crate::tr!(common.page_status, page = n(page), pages = n(pages), first = n(first), last = n(last), total = n(total))
                    }}</span>
                    {(page < pages).then(|| view! { <A href=move || page_href(page + 1)>{crate::tr!(common.next_page)}</A> })}
                </nav>
            })
        }}
    }
}
