//! A table's preferences (visible columns, page size), remembered in the browser, and their controls.

use super::columns::Column;
use leptos::prelude::*;

/// Page sizes offered by the preferences.
pub const PAGE_SIZES: [usize; 4] = [25, 50, 100, 500];

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
                    <label for=id>{(c.label)(crate::locale::current())}</label>
                </li>
            }
        })
        .collect_view();
    view! {
        <details class="table-settings">
            <summary>{crate::tr!(common.preferences)}</summary>
            <fieldset>
                <legend>{crate::tr!(common.columns)}</legend>
                <ul class="column-choices">{boxes}</ul>
            </fieldset>
            <label for="page-size">{crate::tr!(common.rows_per_page)}</label>
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
