//! The free-text filter form and the URL helpers that keep a list's view in its query string.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_query_map};

/// The current URL with query parameter `key` set to `value` (or removed for `None`).
///
/// Reads the router's own query memo: every row's link calls this, and `use_query_map` would make a
/// new memo each time.
pub fn with_param(key: &str, value: Option<&str>) -> String {
    let location = use_location();
    let mut params = location.query.get();
    match value {
        Some(v) => params.replace(key.to_string(), v.to_string()),
        None => {
            params.remove(key);
        }
    }
    format!("{}{}", location.pathname.get(), params.to_query_string())
}

/// A GET form that puts a free-text filter in `?q=` (keeping the region, the saved view and `keep`
/// parameters), so the filtered view has a URL; works before and after hydration.
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
        ["region", "view"]
            .into_iter()
            .chain(keep.iter().copied())
            .filter_map(|k| query.read().get(k).filter(|v| !v.is_empty()).map(|v| (k, v)))
            .map(|(k, v)| view! { <input type="hidden" name=k value=v/> })
            .collect_view()
    };
    let id = format!("{}-filter", action.trim_start_matches('/'));
    view! {
        <form method="GET" action=action class="filter-form" role="search"
            on:submit=crate::components::get_form::submit_in_page()>
            {kept}
            <label for=id.clone()>{label}</label>
            <input id=id name="q" type="search" prop:value=value autocomplete="off" placeholder=placeholder/>
            <button type="submit">{crate::tr!(common.apply)}</button>
            {children.map(|c| c())}
        </form>
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
