//! The Key pairs page: list with filter, sort, paging and CSV export; details with the instances
//! using the chosen key; create, import and delete.

use super::forms::KeyPairForms;
use super::{delete_key_pair, key_pair_users, list_key_pairs, KeyPairInfo};
use crate::auth::{is_writable, use_identity};
use crate::components::confirm::{ConfirmDialog, Confirmation};
use crate::components::feedback::{ErrorAlert, Loading, Notice, NoticeArea, Notices};
use crate::components::table::{download, matches_text, to_csv, with_param, Column, DataTable, TextFilter};
use crate::region::use_region_param;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;

/// The key pair list's columns.
pub fn columns() -> Vec<Column<KeyPairInfo>> {
    vec![
        Column::custom(
            "name",
            "Name",
            |k| k.name.clone(),
            |k| {
                let name = k.name.clone();
                let shown = name.clone();
                view! { <a href=move || with_param("name", Some(&name)) class="id-link">{shown}</a> }
                    .into_any()
            },
        ),
        Column::text("type", "Type", |k| k.key_type.clone()),
        Column::custom(
            "fingerprint",
            "Fingerprint",
            |k| k.fingerprint.clone(),
            |k| view! { <code>{k.fingerprint.clone()}</code> }.into_any(),
        ),
        Column::text("created", "Created", |k| k.created.clone().unwrap_or_default()),
        Column::text("id", "ID", |k| k.id.clone()),
    ]
}

/// Whether `key` matches the free-text filter (name, type, fingerprint or ID, any case).
pub fn matches(key: &KeyPairInfo, text: &str) -> bool {
    matches_text(key, &columns(), text)
}

/// The Key pairs page.
#[component]
pub fn KeyPairsPage() -> impl IntoView {
    let region = use_region_param();
    let query = use_query_map();
    let filter = Memo::new(move |_| query.read().get("q").unwrap_or_default());
    let open = Memo::new(move |_| query.read().get("name").filter(|n| !n.is_empty()));
    let identity = use_identity();
    let writable = Signal::derive(move || identity.get().is_some_and(|id| is_writable(&id)));
    let notices = Notices::new();
    let version = RwSignal::new(0u32);
    let keys = LocalResource::new(move || {
        version.get();
        list_key_pairs(region.get())
    });
    let rows = Memo::new(move |_| {
        let text = filter.get();
        keys.get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .filter(|k| matches(k, &text))
            .collect::<Vec<_>>()
    });
    let chosen = RwSignal::new(None::<String>);
    Effect::new(move |_| chosen.set(open.get()));
    let users = LocalResource::new(move || {
        let name = chosen.get();
        let region = region.get();
        async move {
            match name {
                Some(name) => Some(key_pair_users(region, name).await),
                None => None,
            }
        }
    });
    let pending = RwSignal::new(None::<(String, Confirmation)>);
    let ask_delete = move |_| {
        let Some(name) = chosen.get_untracked() else {
            return;
        };
        let region = region.get_untracked();
        spawn_local(async move {
            let used_by = key_pair_users(region, name.clone()).await.unwrap_or_default();
            let mut lines = vec![
                format!("The key pair {name} is deleted from the region; its private key cannot be used to launch new instances."),
                "Instances launched with it keep the public key and keep running.".to_string(),
            ];
            lines.push(if used_by.is_empty() {
                "No instance in this region uses it.".to_string()
            } else {
                format!("Used by: {}", used_by.join(", "))
            });
            pending.set(Some((
                name.clone(),
                Confirmation {
                    title: format!("Delete key pair {name}?"),
                    lines,
                    confirm_label: "Delete".into(),
                    typed_word: Some("delete".into()),
                },
            )));
        });
    };
    let answer = move |yes: bool| {
        let Some((name, _)) = pending.get_untracked() else {
            return;
        };
        pending.set(None);
        if !yes {
            return;
        }
        let region = region.get_untracked();
        spawn_local(async move {
            match delete_key_pair(region, name.clone()).await {
                Ok(()) => {
                    notices.push(Notice::ok(format!("Deleted key pair {name}")));
                    chosen.set(None);
                    version.update(|v| *v += 1);
                }
                Err(e) => notices.push(Notice::error(
                    format!("Delete {name}: {}", e.title()),
                    e.to_string(),
                )),
            }
        });
    };
    let export = move |_| {
        let region = region.get_untracked().unwrap_or_default();
        download(
            &format!("key-pairs-{region}.csv"),
            "text/csv",
            &to_csv(&rows.get_untracked(), &columns()),
        );
    };
    let saved = Callback::new(move |info: KeyPairInfo| {
        chosen.set(Some(info.name));
        version.update(|v| *v += 1);
    });

    view! {
        <section class="page">
            <h1>"Key pairs"</h1>
            <TextFilter action="/key-pairs" label="Filter key pairs" placeholder="name, type, fingerprint or ID"/>
            <NoticeArea notices/>
            <div class="toolbar" role="toolbar" aria-label="Key pair actions">
                <button type="button" on:click=ask_delete disabled=move || chosen.get().is_none() || !writable.get()>"Delete"</button>
                <button type="button" on:click=move |_| version.update(|v| *v += 1)>"Refresh"</button>
                <button type="button" on:click=export>"Export CSV"</button>
                {move || (!writable.get()).then(|| view! { <span class="hint">"Read-only mode: changes are disabled."</span> })}
            </div>
            {move || match keys.get() {
                None => view! { <Loading label="Loading key pairs…"/> }.into_any(),
                Some(Err(error)) => view! { <ErrorAlert error retry=move || version.update(|v| *v += 1)/> }.into_any(),
                Some(Ok(_)) => view! {
                    <p class="summary" data-testid="key-count">{move || format!("{} key pair(s)", rows.with(Vec::len))}</p>
                    <DataTable rows=rows columns=columns() row_key=|k: &KeyPairInfo| k.name.clone() caption="Key pairs" choice=chosen/>
                }.into_any(),
            }}
            {move || chosen.get().map(|name| view! {
                <section class="details-panel" aria-label=format!("Key pair {name}") data-testid="key-details">
                    <h2>{format!("Key pair {name}")}</h2>
                    {move || match users.get() {
                        Some(Some(Ok(list))) if list.is_empty() => view! { <p>"No instance in this region uses this key pair."</p> }.into_any(),
                        Some(Some(Ok(list))) => view! {
                            <p>"Instances launched with it:"</p>
                            <ul>{list.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul>
                        }.into_any(),
                        Some(Some(Err(error))) => view! { <ErrorAlert error/> }.into_any(),
                        _ => view! { <Loading label="Finding the instances that use it…"/> }.into_any(),
                    }}
                </section>
            })}
            <section class="launch-section" aria-label="New key pairs">
                <h2>"Add a key pair"</h2>
                <KeyPairForms on_saved=saved notices writable/>
            </section>
            {move || pending.get().map(|(_, request)| view! { <ConfirmDialog request on_answer=answer/> })}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_filter_matches_any_field_in_any_case() {
        let key = KeyPairInfo {
            name: "Deploy".into(),
            key_type: "ed25519".into(),
            fingerprint: "ab:cd".into(),
            id: "key-0123".into(),
            created: None,
        };
        for text in ["", "dep", "ED25519", "ab:c", "key-01", "  deploy "] {
            assert!(matches(&key, text), "{text}");
        }
        assert!(!matches(&key, "rsa"));
    }
}
