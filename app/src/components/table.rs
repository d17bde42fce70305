//! The one data table: columns described once, sorting kept in the URL (`?sort=key` / `?sort=-key`).

use leptos::prelude::*;
use leptos_router::{
    components::A,
    hooks::{use_location, use_query_map},
};
use std::cmp::Ordering;

/// A column: its URL key, header label, the text value (used to sort and export) and an optional custom cell view.
pub struct Column<T> {
    /// Stable key used in the URL's `sort` parameter.
    pub key: &'static str,
    /// Header text.
    pub label: &'static str,
    /// The cell's value as text.
    pub value: fn(&T) -> String,
    /// Renders the cell; `None` shows `value` (or a dash when empty).
    pub view: Option<fn(&T) -> AnyView>,
}

impl<T> Clone for Column<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Column<T> {}

impl<T> Column<T> {
    /// A plain text column.
    pub const fn text(key: &'static str, label: &'static str, value: fn(&T) -> String) -> Self {
        Self {
            key,
            label,
            value,
            view: None,
        }
    }

    /// A column with a custom cell view.
    pub const fn custom(
        key: &'static str,
        label: &'static str,
        value: fn(&T) -> String,
        view: fn(&T) -> AnyView,
    ) -> Self {
        Self {
            key,
            label,
            value,
            view: Some(view),
        }
    }
}

/// Sort order as stored in the URL: a column key, optionally prefixed with `-` for descending.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SortSpec {
    /// The column key.
    pub key: String,
    /// Whether the order is descending.
    pub descending: bool,
}

impl SortSpec {
    /// Parses `name` or `-name`; `None` for an empty key.
    pub fn parse(param: &str) -> Option<Self> {
        let (descending, key) = match param.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, param),
        };
        (!key.is_empty()).then(|| Self {
            key: key.to_string(),
            descending,
        })
    }

    /// The URL form of this order.
    pub fn to_param(&self) -> String {
        if self.descending {
            format!("-{}", self.key)
        } else {
            self.key.clone()
        }
    }

    /// The order after clicking `key`'s header: flips the direction of the current column, else ascending.
    pub fn after_click(current: Option<&SortSpec>, key: &str) -> SortSpec {
        match current {
            Some(s) if s.key == key => SortSpec {
                key: key.to_string(),
                descending: !s.descending,
            },
            _ => SortSpec {
                key: key.to_string(),
                descending: false,
            },
        }
    }
}

/// Compares like a person reads: digit runs by value (`web-2` < `web-10`, `10.0.0.9` < `10.0.0.10`), letters ignoring case.
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (mut x, mut y) = (a.as_bytes(), b.as_bytes());
    while let (Some(&cx), Some(&cy)) = (x.first(), y.first()) {
        if cx.is_ascii_digit() && cy.is_ascii_digit() {
            let run = |s: &[u8]| s.iter().take_while(|c| c.is_ascii_digit()).count();
            let (nx, ny) = (run(x), run(y));
            let trim = |s: &[u8]| {
                let zeros = s.iter().take_while(|&&c| c == b'0').count();
                s[zeros..].to_vec()
            };
            let (dx, dy) = (trim(&x[..nx]), trim(&y[..ny]));
            let ord = dx.len().cmp(&dy.len()).then_with(|| dx.cmp(&dy));
            if ord != Ordering::Equal {
                return ord;
            }
            x = &x[nx..];
            y = &y[ny..];
        } else {
            let ord = cx.to_ascii_lowercase().cmp(&cy.to_ascii_lowercase());
            if ord != Ordering::Equal {
                return ord;
            }
            x = &x[1..];
            y = &y[1..];
        }
    }
    x.len().cmp(&y.len()).then_with(|| a.cmp(b))
}

/// Sorts `rows` by the column `sort` names; rows are returned unchanged when no column has that key.
pub fn sort_rows<T>(rows: Vec<T>, columns: &[Column<T>], sort: &SortSpec) -> Vec<T> {
    let Some(column) = columns.iter().find(|c| c.key == sort.key) else {
        return rows;
    };
    let mut keyed: Vec<(String, T)> = rows.into_iter().map(|r| ((column.value)(&r), r)).collect();
    keyed.sort_by(|a, b| {
        let ord = natural_cmp(&a.0, &b.0);
        if sort.descending {
            ord.reverse()
        } else {
            ord
        }
    });
    keyed.into_iter().map(|(_, r)| r).collect()
}

/// The current URL with query parameter `key` set to `value` (or removed for `None`).
pub fn with_param(key: &str, value: Option<&str>) -> String {
    let location = use_location();
    let mut params = use_query_map().get();
    match value {
        Some(v) => params.replace(key.to_string(), v.to_string()),
        None => {
            params.remove(key);
        }
    }
    format!("{}{}", location.pathname.get(), params.to_query_string())
}

/// An optional text as a cell value: the text, or empty.
pub fn or_empty(value: &Option<String>) -> String {
    value.clone().unwrap_or_default()
}

/// Whether any of `columns`' values of `row` contains `text` (trimmed, any case; empty matches all).
pub fn matches_text<T>(row: &T, columns: &[Column<T>], text: &str) -> bool {
    let text = text.trim().to_lowercase();
    text.is_empty()
        || columns
            .iter()
            .any(|c| (c.value)(row).to_lowercase().contains(&text))
}

/// A GET form that puts a free-text filter in `?q=` (keeping the region and `keep` parameters), so
/// the filtered view has a URL; works before and after hydration.
#[component]
pub fn TextFilter(
    /// The page's path, e.g. `/volumes`.
    action: &'static str,
    /// The label, e.g. "Filter volumes".
    label: &'static str,
    /// What can be typed.
    placeholder: &'static str,
    /// Other query parameters to keep (e.g. `tab`).
    #[prop(optional)]
    keep: &'static [&'static str],
    /// Extra controls at the end of the form.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let query = use_query_map();
    let value = move || query.read().get("q").unwrap_or_default();
    let kept = move || {
        std::iter::once("region")
            .chain(keep.iter().copied())
            .filter_map(|k| query.read().get(k).filter(|v| !v.is_empty()).map(|v| (k, v)))
            .map(|(k, v)| view! { <input type="hidden" name=k value=v/> })
            .collect_view()
    };
    let id = format!("{}-filter", action.trim_start_matches('/'));
    view! {
        <leptos_router::components::Form method="GET" action=action attr:class="filter-form" attr:role="search">
            {kept}
            <label for=id.clone()>{label}</label>
            <input id=id name="q" type="search" prop:value=value autocomplete="off" placeholder=placeholder/>
            <button type="submit">"Apply"</button>
            {children.map(|c| c())}
        </leptos_router::components::Form>
    }
}

/// `path` with the query parameters `pairs`, encoded.
pub fn href(path: &str, pairs: &[(&str, &str)]) -> String {
    let mut params = leptos_router::params::ParamsMap::new();
    for (key, value) in pairs {
        params.replace(key.to_string(), value.to_string());
    }
    format!("{path}{}", params.to_query_string())
}

/// The rows of the page on show, with where they sit in the whole list.
#[derive(Clone, Debug, PartialEq)]
struct ShownPage<T> {
    page: usize,
    pages: usize,
    total: usize,
    first: usize,
    last: usize,
    rows: Vec<T>,
}

/// Page sizes offered by the preferences.
pub const PAGE_SIZES: [usize; 4] = [25, 50, 100, 500];

/// Which page of `total` rows to show: the 1-based page, clamped to the last page, and the row range.
pub fn page_window(
    total: usize,
    page_size: usize,
    requested: usize,
) -> (usize, usize, std::ops::Range<usize>) {
    let size = page_size.max(1);
    let pages = total.div_ceil(size).max(1);
    let page = requested.clamp(1, pages);
    let start = (page - 1) * size;
    (page, pages, start..(start + size).min(total))
}

/// A table's remembered preferences: hidden columns and page size.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TablePrefs {
    /// Keys of hidden columns.
    pub hidden: Vec<String>,
    /// Rows per page.
    pub page_size: usize,
}

impl Default for TablePrefs {
    fn default() -> Self {
        Self {
            hidden: Vec::new(),
            page_size: PAGE_SIZES[1],
        }
    }
}

impl TablePrefs {
    /// The stored form: `page=50;hidden=a,b`.
    pub fn encode(&self) -> String {
        format!("page={};hidden={}", self.page_size, self.hidden.join(","))
    }

    /// Reads the stored form; anything unreadable falls back to the defaults.
    pub fn decode(stored: &str) -> Self {
        let mut prefs = Self::default();
        for part in stored.split(';') {
            match part.split_once('=') {
                Some(("page", n)) => {
                    if let Some(n) = n.parse().ok().filter(|n| PAGE_SIZES.contains(n)) {
                        prefs.page_size = n;
                    }
                }
                Some(("hidden", keys)) => {
                    prefs.hidden = keys
                        .split(',')
                        .filter(|k| !k.is_empty())
                        .map(str::to_string)
                        .collect();
                }
                _ => {}
            }
        }
        prefs
    }

    /// Loads the preferences stored in this browser under `key` (in the browser only).
    pub fn load(key: &str) -> Option<Self> {
        let storage = window().local_storage().ok()??;
        storage.get_item(key).ok()?.map(|s| Self::decode(&s))
    }

    /// Stores the preferences in this browser under `key`.
    pub fn save(&self, key: &str) {
        if let Ok(Some(storage)) = window().local_storage() {
            if storage.set_item(key, &self.encode()).is_err() {
                leptos::logging::warn!("could not store table preferences");
            }
        }
    }
}

/// A CSV cell: quoted when needed, and defused when a spreadsheet would read it as a formula.
fn csv_cell(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

/// The rows as CSV (RFC 4180, CRLF line ends) with a header of the columns' labels.
pub fn to_csv<T>(rows: &[T], columns: &[Column<T>]) -> String {
    let mut out = columns
        .iter()
        .map(|c| csv_cell(c.label))
        .collect::<Vec<_>>()
        .join(",");
    out.push_str("\r\n");
    for row in rows {
        out.push_str(
            &columns
                .iter()
                .map(|c| csv_cell(&(c.value)(row)))
                .collect::<Vec<_>>()
                .join(","),
        );
        out.push_str("\r\n");
    }
    out
}

/// Offers `text` as a file download named `filename` (in the browser only).
pub fn download(filename: &str, mime: &str, text: &str) {
    use wasm_bindgen::JsCast;
    let encoded: String = text
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect();
    let Ok(element) = document().create_element("a") else {
        return;
    };
    let Ok(anchor) = element.dyn_into::<web_sys::HtmlAnchorElement>() else {
        return;
    };
    anchor.set_href(&format!("data:{mime};charset=utf-8,{encoded}"));
    anchor.set_download(filename);
    anchor.click();
}

/// The table's preference controls: visible columns and page size.
#[component]
pub fn TableSettings<T: 'static>(columns: Vec<Column<T>>, prefs: RwSignal<TablePrefs>) -> impl IntoView {
    let boxes = columns
        .iter()
        .map(|c| {
            let key = c.key;
            let id = format!("col-{key}");
            view! {
                <li>
                    <input type="checkbox" id=id.clone()
                        prop:checked=move || !prefs.with(|p| p.hidden.iter().any(|h| h == key))
                        on:change=move |ev| {
                            let show = event_target_checked(&ev);
                            prefs.update(|p| {
                                p.hidden.retain(|h| h != key);
                                if !show {
                                    p.hidden.push(key.to_string());
                                }
                            });
                        }/>
                    <label for=id>{c.label}</label>
                </li>
            }
        })
        .collect_view();
    view! {
        <details class="table-settings">
            <summary>"Preferences"</summary>
            <fieldset>
                <legend>"Columns"</legend>
                <ul class="column-choices">{boxes}</ul>
            </fieldset>
            <label for="page-size">"Rows per page"</label>
            <select id="page-size" on:change=move |ev| {
                if let Ok(n) = event_target_value(&ev).parse() {
                    prefs.update(|p| p.page_size = n);
                }
            }>
                {PAGE_SIZES.iter().map(|&n| view! {
                    <option value=n.to_string() selected=move || prefs.with(|p| p.page_size == n)>{n}</option>
                }).collect_view()}
            </select>
        </details>
    }
}

/// A sortable, paged table over `rows`; clicking a header changes `?sort=`, the pager `?page=`,
/// without reloading the page. With `selection`, each row gets a labelled checkbox.
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
    let sort_columns = columns.clone();
    let sorted = Memo::new(move |_| {
        let rows = rows.get();
        match sort.get() {
            Some(spec) => sort_rows(rows, &sort_columns, &spec),
            None => rows,
        }
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
    let column_list = StoredValue::new(columns);
    let visible = Memo::new(move |_| {
        let hidden = prefs.with(|p| p.hidden.clone());
        column_list.with_value(|all| {
            all.iter()
                .filter(|c| !hidden.iter().any(|h| h == c.key))
                .map(|c| c.key)
                .collect::<Vec<_>>()
        })
    });
    let page_param = StoredValue::new(page_param);
    let page_href = move |page: usize| page_param.with_value(|p| with_param(p, Some(&page.to_string())));

    let header_cells = move || {
        let keys = visible.get();
        column_list
            .get_value()
            .into_iter()
            .filter(|c| keys.contains(&c.key))
            .map(|column| {
                let key = column.key;
                let label = column.label;
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
        |_| view! { <th scope="col" class="select-cell"><span class="visually-hidden">"Choose"</span></th> },
    );
    let select_all = selection.map(|selected| {
        view! {
            <th scope="col" class="select-cell">
                <label class="visually-hidden" for=format!("{param_prefix}select-page")>"Select all rows on this page"</label>
                <input type="checkbox" id=format!("{param_prefix}select-page")
                    prop:checked=move || {
                        let page = visible_rows();
                        !page.is_empty() && selected.with(|s| page.iter().all(|r| s.contains(&row_key(r))))
                    }
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        let keys: Vec<String> = visible_rows().iter().map(row_key).collect();
                        selected.update(|s| {
                            s.retain(|k| !keys.contains(k));
                            if on {
                                s.extend(keys);
                            }
                        });
                    }/>
            </th>
        }
    });

    let pager_label = format!("{caption} pages");
    view! {
        <div class="table-scroll">
            <table class="data-table">
                <caption class="visually-hidden">{caption}</caption>
                <thead><tr>{choice_header}{select_all}{header_cells}</tr></thead>
                <tbody>
                    // A plain reactive closure rather than <For>: a keyed <For> hydrated inside a
                    // <Transition> stopped following its signals; one page of rows re-renders cheaply.
                    {move || {
                        let keys = visible.get();
                        visible_rows()
                            .into_iter()
                            .map(|row| {
                            let key = row_key(&row);
                            let radio = choice.map(|chosen| {
                                let id = format!("{param_prefix}choose-{key}");
                                let enabled = {
                                    let row = row.clone();
                                    move || choosable.is_none_or(|f| f.run(row.clone()))
                                };
                                let key = key.clone();
                                let pick = key.clone();
                                view! {
                                    <td class="select-cell">
                                        <label class="visually-hidden" for=id.clone()>{format!("Choose {key}")}</label>
                                        <input type="radio" id=id name=format!("{param_prefix}choice") disabled=move || !enabled()
                                            prop:checked=move || chosen.with(|c| c.as_deref() == Some(key.as_str()))
                                            on:change=move |_| chosen.set(Some(pick.clone()))/>
                                    </td>
                                }
                            });
                            let check = selection.map(|selected| {
                                let id = format!("{param_prefix}select-{key}");
                                let key = key.clone();
                                let toggle_key = key.clone();
                                view! {
                                    <td class="select-cell">
                                        <label class="visually-hidden" for=id.clone()>{format!("Select {key}")}</label>
                                        <input type="checkbox" id=id
                                            prop:checked=move || selected.with(|s| s.contains(&key))
                                            on:change=move |ev| {
                                                let on = event_target_checked(&ev);
                                                let k = toggle_key.clone();
                                                selected.update(|s| {
                                                    s.retain(|x| x != &k);
                                                    if on {
                                                        s.push(k);
                                                    }
                                                });
                                            }/>
                                    </td>
                                }
                            });
                            let cells = column_list
                                .get_value()
                                .into_iter()
                                .filter(|c| keys.contains(&c.key))
                                .map(|column| {
                                    let cell = match column.view {
                                        Some(render) => render(&row),
                                        None => {
                                            let text = (column.value)(&row);
                                            if text.is_empty() { "–".into_any() } else { text.into_any() }
                                        }
                                    };
                                    view! { <td data-column=column.key>{cell}</td> }
                                })
                                .collect_view();
                            let chosen_row = {
                                let key = key.clone();
                                move || choice.is_some_and(|c| c.with(|c| c.as_deref() == Some(key.as_str())))
                            };
                            view! { <tr data-key=key class:chosen=chosen_row>{radio}{check}{cells}</tr> }
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
                    {(page > 1).then(|| view! { <A href=move || page_href(page - 1)>"Previous page"</A> })}
                    <span data-testid="page-status">{format!("Page {page} of {pages} (rows {first}–{last} of {total})")}</span>
                    {(page < pages).then(|| view! { <A href=move || page_href(page + 1)>"Next page"</A> })}
                </nav>
            })
        }}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn natural_order_compares_numbers_by_value() {
        assert_eq!(natural_cmp("web-2", "web-10"), Ordering::Less);
        assert_eq!(natural_cmp("10.0.0.10", "10.0.0.9"), Ordering::Greater);
        assert_eq!(natural_cmp("Alpha", "alpha2"), Ordering::Less);
        assert_eq!(natural_cmp("b", "A"), Ordering::Greater);
        assert_eq!(natural_cmp("007", "7"), Ordering::Equal.then("007".cmp("7")));
        assert_eq!(natural_cmp("", "a"), Ordering::Less);
    }

    #[test]
    fn sort_spec_round_trips_and_flips() {
        let asc = SortSpec::parse("name").unwrap();
        assert!(!asc.descending);
        assert_eq!(asc.to_param(), "name");
        let desc = SortSpec::after_click(Some(&asc), "name");
        assert_eq!(desc.to_param(), "-name");
        assert_eq!(SortSpec::after_click(Some(&desc), "name").to_param(), "name");
        assert_eq!(SortSpec::after_click(Some(&desc), "type").to_param(), "type");
        assert_eq!(SortSpec::parse("-"), None);
        assert_eq!(SortSpec::parse(""), None);
    }

    #[test]
    fn pages_clamp_to_what_exists() {
        assert_eq!(page_window(120, 50, 1), (1, 3, 0..50));
        assert_eq!(page_window(120, 50, 3), (3, 3, 100..120));
        assert_eq!(page_window(120, 50, 9), (3, 3, 100..120));
        assert_eq!(page_window(0, 50, 2), (1, 1, 0..0));
        assert_eq!(page_window(10, 0, 0), (1, 10, 0..1));
    }

    #[test]
    fn prefs_round_trip_and_ignore_junk() {
        let prefs = TablePrefs {
            hidden: vec!["az".into(), "key".into()],
            page_size: 100,
        };
        assert_eq!(TablePrefs::decode(&prefs.encode()), prefs);
        assert_eq!(TablePrefs::decode("page=7;hidden="), TablePrefs::default());
        assert_eq!(TablePrefs::decode("garbage"), TablePrefs::default());
    }

    #[test]
    fn text_matches_any_column_in_any_case() {
        let columns = [
            Column::<(&str, &str)>::text("a", "A", |r| r.0.to_string()),
            Column::<(&str, &str)>::text("b", "B", |r| r.1.to_string()),
        ];
        for text in ["", "web", "PROD", " prod ", "eb-1"] {
            assert!(matches_text(&("web-1", "prod"), &columns, text), "{text}");
        }
        assert!(!matches_text(&("web-1", "prod"), &columns, "dev"));
        assert_eq!(or_empty(&None), "");
        assert_eq!(or_empty(&Some("x".into())), "x");
    }

    #[test]
    fn csv_quotes_and_defuses_formulas() {
        let columns = [
            Column::<(&str, &str)>::text("a", "Name", |r| r.0.to_string()),
            Column::<(&str, &str)>::text("b", "Note", |r| r.1.to_string()),
        ];
        let csv = to_csv(&[("web, 1", "say \"hi\""), ("=SUM(A1)", "ok")], &columns);
        assert_eq!(
            csv,
            "Name,Note\r\n\"web, 1\",\"say \"\"hi\"\"\"\r\n'=SUM(A1),ok\r\n"
        );
    }

    #[test]
    fn sorts_by_the_named_column_in_both_directions() {
        let columns = [Column::<(&str, u32)>::text("n", "N", |r| r.1.to_string())];
        let rows = vec![("a", 10), ("b", 9), ("c", 100)];
        let asc = sort_rows(rows.clone(), &columns, &SortSpec::parse("n").unwrap());
        assert_eq!(asc, vec![("b", 9), ("a", 10), ("c", 100)]);
        let desc = sort_rows(rows.clone(), &columns, &SortSpec::parse("-n").unwrap());
        assert_eq!(desc, vec![("c", 100), ("a", 10), ("b", 9)]);
        let unknown = sort_rows(rows.clone(), &columns, &SortSpec::parse("zzz").unwrap());
        assert_eq!(unknown, rows);
    }
}
