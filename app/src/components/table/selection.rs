//! Row selection: a labelled checkbox per row (many rows) or a radio button (one row), and the
//! header checkbox that selects the page on show.

use leptos::prelude::*;

/// The header cell that selects or clears every row of the page on show (`page_keys`).
pub(super) fn select_all_header(
    prefix: &'static str,
    selected: RwSignal<Vec<String>>,
    page_keys: impl Fn() -> Vec<String> + Copy + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <th scope="col" class="select-cell">
            <label class="visually-hidden" for=format!("{prefix}select-page")>{crate::tr!(common.select_all_on_page)}</label>
            <input type="checkbox" id=format!("{prefix}select-page")
                prop:checked=move || {
                    let page = page_keys();
                    !page.is_empty() && selected.with(|s| page.iter().all(|k| s.contains(k)))
                }
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    let keys = page_keys();
                    selected.update(|s| {
                        s.retain(|k| !keys.contains(k));
                        if on {
                            s.extend(keys);
                        }
                    });
                }/>
        </th>
    }
}

/// A row's checkbox, adding or removing `key` from `selected`.
pub(super) fn select_cell(
    prefix: &'static str,
    key: String,
    selected: RwSignal<Vec<String>>,
) -> impl IntoView {
    let id = format!("{prefix}select-{key}");
    let toggle_key = key.clone();
    view! {
        <td class="select-cell">
            <label class="visually-hidden" for=id.clone()>{crate::tr!(common.select_row, key = key)}</label>
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
}

/// A row's radio button, making `key` the one chosen row; off where `enabled` says so.
pub(super) fn choice_cell(
    prefix: &'static str,
    key: String,
    chosen: RwSignal<Option<String>>,
    enabled: impl Fn() -> bool + Send + Sync + 'static,
) -> impl IntoView {
    let id = format!("{prefix}choose-{key}");
    let pick = key.clone();
    view! {
        <td class="select-cell">
            <label class="visually-hidden" for=id.clone()>{crate::tr!(common.choose_row, key = key)}</label>
            <input type="radio" id=id name=format!("{prefix}choice") disabled=move || !enabled()
                prop:checked=move || chosen.with(|c| c.as_deref() == Some(key.as_str()))
                on:change=move |_| chosen.set(Some(pick.clone()))/>
        </td>
    }
}
