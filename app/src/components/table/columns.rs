//! Columns and their order: what a column shows, natural sorting kept in the URL (`?sort=key` /
//! `?sort=-key`), and the free-text match the filter forms use.

use leptos::prelude::*;
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
    /// The query parameter a link in the cell sets to the row's key, opening its details.
    pub opens: Option<&'static str>,
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
            opens: None,
        }
    }

    /// A column whose cell links to the row's details: `?{param}=` the row's key, `value` shown as code.
    pub const fn link(
        key: &'static str,
        label: &'static str,
        value: fn(&T) -> String,
        param: &'static str,
    ) -> Self {
        Self {
            key,
            label,
            value,
            view: None,
            opens: Some(param),
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
            opens: None,
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
