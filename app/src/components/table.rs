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

/// A sortable table over `rows`; clicking a header changes `?sort=` without reloading the page.
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
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
{
    let query = use_query_map();
    let location = use_location();
    let sort = Memo::new(move |_| query.read().get("sort").and_then(|s| SortSpec::parse(&s)));
    let sort_columns = columns.clone();
    let sorted = Signal::derive(move || {
        let rows = rows.get();
        match sort.get() {
            Some(spec) => sort_rows(rows, &sort_columns, &spec),
            None => rows,
        }
    });

    let headers = columns
        .iter()
        .map(|&column| {
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
            let href = move || {
                let mut params = query.get();
                let next = SortSpec::after_click(sort.get().as_ref(), key);
                params.replace("sort", next.to_param());
                format!("{}{}", location.pathname.get(), params.to_query_string())
            };
            view! {
                <th scope="col" aria-sort=aria_sort data-column=key>
                    <A href=href attr:class="sort-link">{label}</A>
                    <span class="sort-arrow" aria-hidden="true">{arrow}</span>
                </th>
            }
        })
        .collect_view();

    let row_columns = columns;
    view! {
        <table class="data-table">
            <caption class="visually-hidden">{caption}</caption>
            <thead><tr>{headers}</tr></thead>
            <tbody>
                <For
                    each=move || sorted.get()
                    key=move |row| row_key(row)
                    children=move |row| {
                        let cells = row_columns
                            .iter()
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
                        view! { <tr data-key=row_key(&row)>{cells}</tr> }
                    }
                />
            </tbody>
        </table>
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
