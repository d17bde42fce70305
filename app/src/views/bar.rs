//! The view selector above a list: the page's saved views, "(unsaved changes)" when the URL has
//! moved from the chosen one, Save as new / Update / Remove (owner only) / Copy link, and the
//! caller's default view, opened when the page is opened without a query.

use super::{
    delete_view, encode, list_views, problems, save_view, set_default_view, update_view, view_pairs,
};
use super::{SavedView, ViewDraft};
use crate::components::copy::CopyButton;
use crate::components::feedback::Notices;
use crate::components::table::TablePrefs;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

/// `query`'s pairs (percent-decoded).
fn decode(query: &str) -> Vec<(String, String)> {
    fn part(s: &str) -> String {
        let bytes = s.replace('+', " ").into_bytes();
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            let hex = |b: u8| (b as char).to_digit(16);
            match (
                bytes[i],
                bytes.get(i + 1).and_then(|b| hex(*b)),
                bytes.get(i + 2).and_then(|b| hex(*b)),
            ) {
                (b'%', Some(h), Some(l)) => {
                    out.push((h * 16 + l) as u8);
                    i += 3;
                }
                (b, _, _) => {
                    out.push(b);
                    i += 1;
                }
            }
        }
        String::from_utf8_lossy(&out).into_owned()
    }
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (part(k), part(v)),
            None => (part(p), String::new()),
        })
        .collect()
}

/// A table's preferences as view pairs (`size`, `hide`).
fn prefs_pairs(prefs: &TablePrefs) -> Vec<(String, String)> {
    let mut pairs = vec![("size".to_string(), prefs.page_size.to_string())];
    if !prefs.hidden.is_empty() {
        pairs.push(("hide".to_string(), prefs.hidden.join(",")));
    }
    pairs
}

/// The URL part of a view's pairs (what is not a table preference) and the preferences it sets.
fn split_prefs(pairs: Vec<(String, String)>) -> (Vec<(String, String)>, Option<TablePrefs>) {
    let (prefs, url): (Vec<_>, Vec<_>) = pairs.into_iter().partition(|(k, _)| k == "size" || k == "hide");
    let stored = prefs
        .iter()
        .map(|(k, v)| format!("{}={v}", if k == "size" { "page" } else { "hidden" }))
        .collect::<Vec<_>>()
        .join(";");
    (url, (!prefs.is_empty()).then(|| TablePrefs::decode(&stored)))
}

/// The URL that opens `view` on `path`.
fn open_href(path: &str, view: &SavedView) -> String {
    let (url, _) = split_prefs(decode(&view.query));
    let mut pairs = url;
    pairs.push(("view".into(), view.id.clone()));
    format!("{path}?{}", encode(&pairs))
}

/// The saved views of `path`; with `prefs`, a view also keeps the table's page size and columns.
#[component]
pub fn ViewBar(
    /// The page, e.g. `/instances`.
    path: &'static str,
    /// Where the outcome of a save, update or delete is said.
    notices: Notices,
    /// The table's preferences, when the page has them.
    #[prop(optional)]
    prefs: Option<RwSignal<TablePrefs>>,
) -> impl IntoView {
    let query = use_query_map();
    let version = RwSignal::new(0u32);
    let views = LocalResource::new(move || {
        version.get();
        list_views(path.to_string())
    });
    let loaded = Memo::new(move |_| views.get().and_then(Result::ok).unwrap_or_default());
    let chosen = Memo::new(move |_| {
        let id = query.read().get("view")?;
        loaded.with(|l| l.iter().find(|v| v.id == id).cloned())
    });
    let current = Memo::new(move |_| {
        let mut pairs: Vec<(String, String)> = query.with(|q| {
            q.into_iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        });
        if let Some(p) = prefs {
            pairs.retain(|(k, _)| k != "size" && k != "hide");
            pairs.extend(prefs_pairs(&p.get()));
        }
        encode(&view_pairs(pairs))
    });
    let unsaved = move || chosen.with(|c| c.as_ref().is_some_and(|v| v.query != current.get()));
    let view_problems = move || {
        chosen
            .get()
            .map(|v| problems(path, &view_pairs(decode(&v.query))))
            .unwrap_or_default()
    };
    let busy = RwSignal::new(false);
    let saving = RwSignal::new(false);
    let deleting = RwSignal::new(false);
    let name = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let shared = RwSignal::new(false);

    let go = move |href: String| {
        let navigate = use_navigate();
        navigate(&href, NavigateOptions::default());
    };
    let open = move |view: &SavedView| {
        if let (Some(p), (_, Some(set))) = (prefs, split_prefs(decode(&view.query))) {
            p.set(set);
        }
        go(open_href(path, view));
    };
    // The default view opens when the page is opened with no query at all (once, on arrival).
    let arrived_bare = query.with_untracked(|q| q.into_iter().next().is_none());
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) || !arrived_bare {
            return true;
        }
        match views.get() {
            Some(Ok(list)) => {
                if let Some(default) = list.iter().find(|v| v.is_default) {
                    open(default);
                }
                true
            }
            _ => false,
        }
    });
    let finish = move |attempt: &'static str, result: Result<String, crate::error::AppError>| {
        let ok = result.is_ok();
        notices.report(attempt, result);
        version.update(|v| *v += 1);
        busy.set(false);
        ok
    };
    let draft = move |name: String, description: String, shared: bool| ViewDraft {
        page: path.to_string(),
        name,
        description,
        query: current.get_untracked(),
        shared,
    };
    let save_new = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        busy.set(true);
        let d = draft(
            name.get_untracked(),
            description.get_untracked(),
            shared.get_untracked(),
        );
        spawn_local(async move {
            let result = save_view(d).await;
            let opened = result.as_ref().ok().cloned();
            if finish(
                crate::tr!(views.save_view),
                result.map(|v| crate::tr!(views.saved, name = v.name)),
            ) {
                saving.set(false);
                name.set(String::new());
                description.set(String::new());
                if let Some(v) = opened {
                    go(open_href(path, &v));
                }
            }
        });
    };
    let update = move |_| {
        let Some(v) = chosen.get_untracked() else { return };
        busy.set(true);
        let d = draft(v.name.clone(), v.description.clone(), v.shared);
        spawn_local(async move {
            let result = update_view(v.id.clone(), d).await;
            finish(
                crate::tr!(views.update_view),
                result.map(|v| crate::tr!(views.updated, name = v.name)),
            );
        });
    };
    let delete = move |_| {
        let Some(v) = chosen.get_untracked() else { return };
        busy.set(true);
        spawn_local(async move {
            let result = delete_view(v.id.clone()).await;
            if finish(
                crate::tr!(views.remove_view),
                result.map(|()| crate::tr!(views.removed, name = v.name)),
            ) {
                deleting.set(false);
                let pairs: Vec<(String, String)> = decode(&current.get_untracked());
                go(format!("{path}?{}", encode(&pairs)));
            }
        });
    };
    let toggle_default = move |_| {
        let Some(v) = chosen.get_untracked() else { return };
        busy.set(true);
        let make = !v.is_default;
        spawn_local(async move {
            let result = set_default_view(path.to_string(), make.then(|| v.id.clone())).await;
            let done = if make {
                crate::tr!(views.opens_by_default, name = v.name)
            } else {
                crate::tr!(views.no_default).to_string()
            };
            finish(crate::tr!(views.set_default_attempt), result.map(|()| done));
        });
    };
    let link = Signal::derive(move || {
        let origin = window().location().origin().unwrap_or_default();
        chosen
            .get()
            .map(|v| format!("{origin}{}", open_href(path, &v)))
            .unwrap_or_default()
    });
    let mine = move || chosen.with(|c| c.as_ref().is_some_and(|v| v.mine));
    view! {
        <div class="view-bar" role="group" aria-label=crate::tr!(views.bar_label) data-testid="view-bar">
            <label for="saved-view">{crate::tr!(views.saved_view)}</label>
            <select id="saved-view" on:change=move |ev| {
                let id = event_target_value(&ev);
                match loaded.get_untracked().into_iter().find(|v| v.id == id) {
                    Some(v) => open(&v),
                    None => go(format!("{path}?{}", current.get_untracked())),
                }
            }>
                <option value="" selected=move || chosen.get().is_none()>{crate::tr!(views.none)}</option>
                <For each=move || loaded.get() key=|v| (v.id.clone(), v.name.clone(), v.shared) let:v>
                    {
                        let id = v.id.clone();
                        let label = match (v.mine, v.shared) {
                            (true, true) => crate::tr!(views.shared_mine, name = v.name),
                            (true, false) => v.name.clone(),
                            (false, _) => crate::tr!(views.shared_by, name = v.name, owner = crate::audit::page::short_principal(&v.owner)),
                        };
                        view! { <option value=v.id.clone() selected=move || chosen.with(|c| c.as_ref().is_some_and(|c| c.id == id))>{label}</option> }
                    }
                </For>
            </select>
            {move || unsaved().then(|| view! { <span class="unsaved" data-testid="unsaved">{crate::tr!(views.unsaved)}</span> })}
            {move || match views.get() {
                Some(Err(error)) => Some(view! { <span class="alert alert-error" role="alert">{crate::tr!(views.unavailable, error = error.describe())}</span> }),
                _ => None,
            }}
            <button type="button" on:click=move |_| saving.update(|s| *s = !*s) disabled=move || busy.get()>{crate::tr!(views.save_as_new)}</button>
            <button type="button" on:click=update disabled=move || busy.get() || !mine() || !unsaved()>{crate::tr!(views.update_view)}</button>
            <button type="button" on:click=move |_| deleting.set(true) disabled=move || busy.get() || !mine()>{crate::tr!(views.remove_view)}</button>
            {move || chosen.get().map(|v| view! {
                <CopyButton value=link label=crate::tr!(views.copy_link)/>
                <button type="button" on:click=toggle_default disabled=move || busy.get()>
                    {if v.is_default { crate::tr!(views.stop_default) } else { crate::tr!(views.open_default) }}
                </button>
                {(!v.description.is_empty()).then(|| view! { <p class="hint">{v.description.clone()}</p> })}
            })}
            {move || {
                let found = view_problems();
                (!found.is_empty()).then(|| view! {
                    <div class="alert alert-error" role="alert" data-testid="view-problems">
                        <p>{crate::tr!(views.problems_intro)}</p>
                        <ul>{found.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                    </div>
                })
            }}
            {move || deleting.get().then(|| view! {
                <div class="inline-confirm" role="alertdialog" aria-label=crate::tr!(views.remove_confirm_label)>
                    <span>{move || crate::tr!(views.remove_confirm, name = chosen.get().map(|v| v.name).unwrap_or_default())}</span>
                    <button type="button" class="danger" on:click=delete disabled=move || busy.get()>{crate::tr!(views.remove_it)}</button>
                    <button type="button" on:click=move |_| deleting.set(false)>{crate::tr!(views.cancel)}</button>
                </div>
            })}
            {move || saving.get().then(|| view! {
                <form class="view-form" on:submit=save_new aria-label=crate::tr!(views.form_label)>
                    <span class="field">
                        <label for="view-name">{crate::tr!(views.view_name)}</label>
                        <input id="view-name" required maxlength="100" prop:value=move || name.get()
                            on:input=move |ev| name.set(event_target_value(&ev))/>
                    </span>
                    <span class="field">
                        <label for="view-description">{crate::tr!(views.description)}</label>
                        <input id="view-description" maxlength="500" prop:value=move || description.get()
                            on:input=move |ev| description.set(event_target_value(&ev))/>
                    </span>
                    <span class="field">
                        <input id="view-shared" type="checkbox" prop:checked=move || shared.get()
                            on:change=move |ev| shared.set(event_target_checked(&ev))/>
                        <label for="view-shared">{crate::tr!(views.share)}</label>
                    </span>
                    <button type="submit" disabled=move || busy.get()>{crate::tr!(views.save_view)}</button>
                    <button type="button" on:click=move |_| saving.set(false)>{crate::tr!(views.cancel)}</button>
                </form>
            })}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_decode_and_table_preferences_split_off() {
        let pairs = decode("q=state%20%3D%20running&region=us-east-1&size=100&hide=type,zone&x");
        assert_eq!(pairs[0], ("q".to_string(), "state = running".to_string()));
        assert_eq!(encode(&pairs[..2]), "q=state%20%3D%20running&region=us-east-1");
        let (url, prefs) = split_prefs(pairs);
        assert_eq!(url.len(), 3);
        let prefs = prefs.unwrap();
        assert_eq!(
            (prefs.page_size, prefs.hidden.clone()),
            (100, vec!["type".to_string(), "zone".to_string()])
        );
        assert_eq!(split_prefs(prefs_pairs(&prefs)).1, Some(prefs));
        assert_eq!(split_prefs(decode("region=eu-west-1")).1, None);
        assert_eq!(decode("a=b+c%zz"), [("a".to_string(), "b c%zz".to_string())]);
    }
}
