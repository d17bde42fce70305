//! What a list declares about its rows: columns, key, texts and how the URL reaches it; built once,
//! as a `static`, with const builder steps.

use crate::components::table::Column;
use crate::locale::Label;

/// What a list declares about its rows: everything the kit needs that does not change.
pub struct ListSpec<T: 'static> {
    /// The columns, left to right (also the CSV's, and what the text filter searches).
    pub columns: fn() -> Vec<Column<T>>,
    /// A stable key per row (the resource ID).
    pub row_key: fn(&T) -> String,
    /// The table's caption, e.g. "Volumes".
    pub caption: Label,
    /// The loading line, e.g. "Loading volumes…".
    pub loading: Label,
    /// The count line, `{count}` filled in, e.g. "{count} volume(s)"; none shows no count.
    pub noun: Option<Label>,
    /// Test ID stem: `{stem}-count` for the count, `{stem}-details` for the details panel.
    pub testid: &'static str,
    /// CSV file name stem: `{csv}-{region}.csv`.
    pub csv: &'static str,
    /// The query parameter naming the open row (`id`, `name`), if the URL opens one.
    pub open_param: Option<&'static str>,
    /// Whether a row can be chosen (a radio button per row).
    pub choose: bool,
    /// Whether `?q=` filters the rows here (false where the server searches with it).
    pub filter_here: bool,
    /// Prefix of the table's URL parameters and element IDs, for a second table on a page.
    pub param_prefix: &'static str,
    /// The details panel's accessible name for a row.
    pub details_label: fn(&T) -> String,
    /// The row's region, for lists that can show every region (`?region=all`).
    pub region_of: Option<fn(&T) -> String>,
}

impl<T: 'static> ListSpec<T> {
    /// A list captioned `caption`, rows keyed by `row_key`: no count, not chosen, not in the URL,
    /// filtered here by `?q=`, exported as `rows-{region}.csv`.
    pub const fn new(caption: Label, columns: fn() -> Vec<Column<T>>, row_key: fn(&T) -> String) -> Self {
        Self {
            columns,
            row_key,
            caption,
            loading: crate::label!(common.loading),
            noun: None,
            testid: "",
            csv: "rows",
            open_param: None,
            choose: false,
            filter_here: true,
            param_prefix: "",
            details_label: row_key,
            region_of: None,
        }
    }

    /// The list can show every region at once: `region(row)` names a row's region (a Region
    /// column, and the region its actions are sent to).
    pub const fn regional(mut self, region: fn(&T) -> String) -> Self {
        self.region_of = Some(region);
        self
    }

    /// Its texts: the loading line, the count line (`{count}` filled in; none for no count), the test ID stem and the
    /// CSV file name stem.
    pub const fn texts(
        mut self,
        loading: Label,
        noun: Option<Label>,
        testid: &'static str,
        csv: &'static str,
    ) -> Self {
        self.loading = loading;
        self.noun = noun;
        self.testid = testid;
        self.csv = csv;
        self
    }

    /// Rows can be chosen (a radio button each); the details panel is named `label(row)`.
    pub const fn chosen(mut self, label: fn(&T) -> String) -> Self {
        self.choose = true;
        self.details_label = label;
        self
    }

    /// The URL's `?{param}=` opens (chooses) a row.
    pub const fn opened_by(mut self, param: &'static str) -> Self {
        self.open_param = Some(param);
        self
    }

    /// `?q=` does not filter these rows here (the server searches with it, or it is another list's).
    pub const fn unfiltered(mut self) -> Self {
        self.filter_here = false;
        self
    }

    /// A second table on a page: its URL parameters and element IDs start with `prefix`.
    pub const fn prefixed(mut self, prefix: &'static str) -> Self {
        self.param_prefix = prefix;
        self
    }
}
