//! Columns and their order: what a column shows, natural sorting kept in the URL (`?sort=key` /
//! `?sort=-key`), and the free-text match the filter forms use.

use crate::locale::Label;
use std::cmp::Ordering;

/// How a column's cells render: the text (a dash when empty), as code, as a state with its icon,
/// as a time or a number in the page's language, or as a link opening the row's details
/// (`?{param}=` the row's key).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CellKind {
    /// The value as text.
    Text,
    /// The value as code (IDs, fingerprints).
    Code,
    /// The value as a state with its icon.
    State,
    /// The value (RFC 3339) as a time in the page's zone and language.
    Time,
    /// The value (digits) as a number in the page's language.
    Number,
    /// The value as code in a link that sets the query parameter to the row's key.
    Link(&'static str),
}

/// A column: its URL key, header label, the text value (used to sort, show and export) and how
/// its cells render.
pub struct Column<T> {
    /// Stable key used in the URL's `sort` parameter.
    pub key: &'static str,
    /// Header text, in a given language (the page's; English in CSV headers).
    pub label: Label,
    /// The cell's value as text.
    pub value: fn(&T) -> String,
    /// How the cell renders.
    pub kind: CellKind,
}

impl<T> Clone for Column<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Column<T> {}

impl<T> Column<T> {
    const fn of(key: &'static str, label: Label, value: fn(&T) -> String, kind: CellKind) -> Self {
        Self {
            key,
            label,
            value,
            kind,
        }
    }

    /// A plain text column.
    pub const fn text(key: &'static str, label: Label, value: fn(&T) -> String) -> Self {
        Self::of(key, label, value, CellKind::Text)
    }

    /// A column of code (IDs, fingerprints).
    pub const fn code(key: &'static str, label: Label, value: fn(&T) -> String) -> Self {
        Self::of(key, label, value, CellKind::Code)
    }

    /// A column of states, each with its icon.
    pub const fn state(key: &'static str, label: Label, value: fn(&T) -> String) -> Self {
        Self::of(key, label, value, CellKind::State)
    }

    /// A column of times: the value is RFC 3339 (so it sorts and exports as such), shown in the
    /// page's zone and language.
    pub const fn time(key: &'static str, label: Label, value: fn(&T) -> String) -> Self {
        Self::of(key, label, value, CellKind::Time)
    }

    /// A column of whole numbers: the value is digits (sorted by value), shown grouped.
    pub const fn number(key: &'static str, label: Label, value: fn(&T) -> String) -> Self {
        Self::of(key, label, value, CellKind::Number)
    }

    /// A column whose cell links to the row's details: `?{param}=` the row's key, `value` shown as code.
    pub const fn link(key: &'static str, label: Label, value: fn(&T) -> String, param: &'static str) -> Self {
        Self::of(key, label, value, CellKind::Link(param))
    }

    /// What the table needs of the column, without the row type.
    pub fn head(&self) -> Head {
        Head {
            key: self.key,
            label: (self.label)(crate::locale::current()),
            kind: self.kind,
        }
    }
}

/// A column as the table renders it: key, label and cell kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Head {
    /// Stable key used in the URL's `sort` parameter.
    pub key: &'static str,
    /// Header text, in the page's language.
    pub label: &'static str,
    /// How the cells render.
    pub kind: CellKind,
}

/// A row as the table holds it: its key, whether it can be chosen, and one text per column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableRow {
    /// The row's key (the resource ID).
    pub key: String,
    /// Whether its radio button is on (when rows are chosen one at a time).
    pub enabled: bool,
    /// The columns' values, left to right.
    pub cells: Vec<String>,
}

impl TableRow {
    /// The value of column `index` (empty past the last).
    pub fn cell(&self, index: usize) -> &str {
        self.cells.get(index).map_or("", String::as_str)
    }

    /// `row` as the table holds it.
    pub fn of<T>(row: &T, columns: &[Column<T>], key: fn(&T) -> String, enabled: bool) -> Self {
        Self {
            key: key(row),
            enabled,
            cells: columns.iter().map(|c| (c.value)(row)).collect(),
        }
    }
}

/// Sorts table rows by the cells of column `index`, like [`sort_rows`].
pub fn sort_table(rows: &mut [TableRow], index: usize, descending: bool) {
    rows.sort_by(|a, b| ordered(a.cell(index), b.cell(index), descending));
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
    keyed.sort_by(|a, b| ordered(&a.0, &b.0, sort.descending));
    keyed.into_iter().map(|(_, r)| r).collect()
}

/// [`natural_cmp`], reversed when `descending`.
fn ordered(a: &str, b: &str, descending: bool) -> Ordering {
    let ord = natural_cmp(a, b);
    if descending {
        ord.reverse()
    } else {
        ord
    }
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
    fn text_matches_any_column_in_any_case() {
        let columns = [
            Column::<(&str, &str)>::text("a", |_| "A", |r| r.0.to_string()),
            Column::<(&str, &str)>::text("b", |_| "B", |r| r.1.to_string()),
        ];
        for text in ["", "web", "PROD", " prod ", "eb-1"] {
            assert!(matches_text(&("web-1", "prod"), &columns, text), "{text}");
        }
        assert!(!matches_text(&("web-1", "prod"), &columns, "dev"));
        assert_eq!(or_empty(&None), "");
        assert_eq!(or_empty(&Some("x".into())), "x");
    }

    #[test]
    fn table_rows_hold_each_value_and_sort_by_one_cell() {
        let columns = [
            Column::<(&str, u32)>::text("n", |_| "Name", |r| r.0.to_string()),
            Column::<(&str, u32)>::code("v", |_| "Value", |r| r.1.to_string()),
        ];
        let mut rows: Vec<TableRow> = [("a", 10), ("b", 9), ("c", 100)]
            .iter()
            .map(|r| TableRow::of(r, &columns, |r| r.0.to_uppercase(), r.1 > 9))
            .collect();
        assert_eq!(
            rows[0],
            TableRow {
                key: "A".into(),
                enabled: true,
                cells: vec!["a".into(), "10".into()]
            }
        );
        assert!(!rows[1].enabled);
        sort_table(&mut rows, 1, false);
        assert_eq!(
            rows.iter().map(|r| r.key.as_str()).collect::<Vec<_>>(),
            ["B", "A", "C"]
        );
        sort_table(&mut rows, 1, true);
        assert_eq!(
            rows.iter().map(|r| r.key.as_str()).collect::<Vec<_>>(),
            ["C", "A", "B"]
        );
        assert_eq!(
            columns[1].head(),
            Head {
                key: "v",
                label: "Value",
                kind: CellKind::Code
            }
        );
    }

    #[test]
    fn sorts_by_the_named_column_in_both_directions() {
        let columns = [Column::<(&str, u32)>::text("n", |_| "N", |r| r.1.to_string())];
        let rows = vec![("a", 10), ("b", 9), ("c", 100)];
        let asc = sort_rows(rows.clone(), &columns, &SortSpec::parse("n").unwrap());
        assert_eq!(asc, vec![("b", 9), ("a", 10), ("c", 100)]);
        let desc = sort_rows(rows.clone(), &columns, &SortSpec::parse("-n").unwrap());
        assert_eq!(desc, vec![("c", 100), ("a", 10), ("b", 9)]);
        let unknown = sort_rows(rows.clone(), &columns, &SortSpec::parse("zzz").unwrap());
        assert_eq!(unknown, rows);
    }
}
