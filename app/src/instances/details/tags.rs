//! The Tags tab: the tag editor and the set/remove calls it turns the edits into.

use super::model::InstanceDetails;
use crate::components::feedback::{ErrorAlert, Notice, Notices};
use crate::error::AppError;
use crate::instances::update_instance_tags;
use crate::tags::Tag;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// One editable tag row: the key as it was (`None` for a new tag), the edited key and value, and removal.
#[derive(Clone)]
struct TagDraft {
    original: Option<String>,
    key: RwSignal<String>,
    value: RwSignal<String>,
    removed: RwSignal<bool>,
}

/// The tags to set and the keys to remove to go from `before` to the drafts.
fn tag_edit(
    before: &[(String, String)],
    drafts: &[(Option<String>, String, String, bool)],
) -> (Vec<Tag>, Vec<String>) {
    let mut set = Vec::new();
    let mut remove = Vec::new();
    for (original, key, value, removed) in drafts {
        let key = key.trim().to_string();
        match original {
            Some(orig) if *removed => remove.push(orig.clone()),
            Some(orig) => {
                if &key != orig {
                    remove.push(orig.clone());
                }
                let unchanged = &key == orig && before.iter().any(|(k, v)| k == orig && v == value);
                if !unchanged {
                    set.push(Tag {
                        key,
                        value: value.clone(),
                    });
                }
            }
            None if *removed || (key.is_empty() && value.is_empty()) => {}
            None => set.push(Tag {
                key,
                value: value.clone(),
            }),
        }
    }
    (set, remove)
}

#[component]
pub(super) fn TagsTab(
    d: InstanceDetails,
    region: Signal<Option<String>>,
    writable: bool,
    notices: Notices,
    on_change: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let before = d.row.tags.clone();
    let drafts = RwSignal::new(
        before
            .iter()
            .map(|(k, v)| TagDraft {
                original: Some(k.clone()),
                key: RwSignal::new(k.clone()),
                value: RwSignal::new(v.clone()),
                removed: RwSignal::new(false),
            })
            .collect::<Vec<_>>(),
    );
    let error = RwSignal::new(None::<AppError>);
    let id = d.row.id.clone();
    let add = move |_| {
        drafts.update(|d| {
            d.push(TagDraft {
                original: None,
                key: RwSignal::new(String::new()),
                value: RwSignal::new(String::new()),
                removed: RwSignal::new(false),
            })
        })
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let snapshot: Vec<_> = drafts
            .get_untracked()
            .iter()
            .map(|d| {
                (
                    d.original.clone(),
                    d.key.get_untracked(),
                    d.value.get_untracked(),
                    d.removed.get_untracked(),
                )
            })
            .collect();
        let (set, remove) = tag_edit(&before, &snapshot);
        let id = id.clone();
        spawn_local(async move {
            match update_instance_tags(region.get_untracked(), id.clone(), set, remove).await {
                Ok(tags) => {
                    error.set(None);
                    notices.push(Notice::ok(crate::tr!(
                        instances.tags_saved,
                        count = tags.len(),
                        id = id
                    )));
                    on_change();
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <form class="tag-editor" on:submit=save>
            {move || error.get().map(|error| view! { <ErrorAlert error/> })}
            <table class="data-table compact">
                <thead><tr>
                    <th scope="col">{crate::tr!(instances.tag_key)}</th>
                    <th scope="col">{crate::tr!(instances.tag_value)}</th>
                    <th scope="col">{crate::tr!(instances.tag_remove)}</th>
                </tr></thead>
                <tbody>
                    <For each=move || drafts.get().into_iter().enumerate() key=|(i, _)| *i let:item>
                        {
                            let (i, d) = item;
                            view! {
                                <tr data-tag-row=i>
                                    <td>
                                        <label class="visually-hidden" for=format!("tag-key-{i}")>{crate::tr!(instances.tag_key_of, n = i + 1)}</label>
                                        <input id=format!("tag-key-{i}") prop:value=move || d.key.get() disabled=!writable
                                            on:input=move |ev| d.key.set(event_target_value(&ev))/>
                                    </td>
                                    <td>
                                        <label class="visually-hidden" for=format!("tag-value-{i}")>{crate::tr!(instances.tag_value_of, n = i + 1)}</label>
                                        <input id=format!("tag-value-{i}") prop:value=move || d.value.get() disabled=!writable
                                            on:input=move |ev| d.value.set(event_target_value(&ev))/>
                                    </td>
                                    <td>
                                        <label class="visually-hidden" for=format!("tag-remove-{i}")>{crate::tr!(instances.tag_remove_of, n = i + 1)}</label>
                                        <input type="checkbox" id=format!("tag-remove-{i}") disabled=!writable
                                            prop:checked=move || d.removed.get()
                                            on:change=move |ev| d.removed.set(event_target_checked(&ev))/>
                                    </td>
                                </tr>
                            }
                        }
                    </For>
                </tbody>
            </table>
            {writable.then(|| view! {
                <p class="button-row">
                    <button type="button" on:click=add>{crate::tr!(instances.add_tag)}</button>
                    <button type="submit" class="primary">{crate::tr!(instances.save_tags)}</button>
                </p>
            })}
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn before() -> Vec<(String, String)> {
        vec![("Name".into(), "web".into()), ("Env".into(), "dev".into())]
    }

    #[test]
    fn tag_edits_send_only_changes() {
        let drafts = vec![
            (
                Some("Name".to_string()),
                "Name".to_string(),
                "web".to_string(),
                false,
            ),
            (
                Some("Env".to_string()),
                "Env".to_string(),
                "prod".to_string(),
                false,
            ),
            (None, "Team".to_string(), "data".to_string(), false),
            (None, String::new(), String::new(), false),
        ];
        let (set, remove) = tag_edit(&before(), &drafts);
        assert_eq!(
            set,
            vec![
                Tag {
                    key: "Env".into(),
                    value: "prod".into()
                },
                Tag {
                    key: "Team".into(),
                    value: "data".into()
                }
            ]
        );
        assert!(remove.is_empty());
    }

    #[test]
    fn renames_and_removals() {
        let drafts = vec![
            (
                Some("Name".to_string()),
                "Name".to_string(),
                "web".to_string(),
                true,
            ),
            (
                Some("Env".to_string()),
                "Stage".to_string(),
                "dev".to_string(),
                false,
            ),
        ];
        let (set, remove) = tag_edit(&before(), &drafts);
        assert_eq!(
            set,
            vec![Tag {
                key: "Stage".into(),
                value: "dev".into()
            }]
        );
        assert_eq!(remove, vec!["Name".to_string(), "Env".to_string()]);
    }
}
