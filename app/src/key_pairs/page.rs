//! The Key pairs page: list with filter, sort, paging and CSV export; details with the instances
//! using the chosen key; create, import and delete.

use super::forms::KeyPairForms;
use super::{delete_key_pair, key_pair_users, list_key_pairs, KeyPairInfo};
use crate::components::confirm::Confirmation;
use crate::components::feedback::{ErrorAlert, Loading};
use crate::components::resource::{ListSpec, PageState, ResourceList, ResourcePage, RowAction};
use crate::components::table::Column;
use leptos::prelude::*;
use std::sync::Arc;

/// The key pair list's columns.
pub fn columns() -> Vec<Column<KeyPairInfo>> {
    vec![
        Column::link("name", crate::label!(key_pairs.name), |k| k.name.clone(), "name"),
        Column::text("type", crate::label!(key_pairs.type_label), |k| {
            k.key_type.clone()
        }),
        Column::code("fingerprint", crate::label!(key_pairs.fingerprint), |k| {
            k.fingerprint.clone()
        }),
        Column::time("created", crate::label!(key_pairs.created_at), |k| {
            k.created.clone().unwrap_or_default()
        }),
        Column::text("id", crate::label!(key_pairs.id), |k| k.id.clone()),
    ]
}

/// The key pair list as the kit shows it.
static LIST: ListSpec<KeyPairInfo> =
    ListSpec::new(crate::label!(key_pairs.caption), columns, |k| k.name.clone())
        .texts(
            crate::label!(key_pairs.loading),
            Some(crate::label!(key_pairs.count)),
            "key",
            "key-pairs",
        )
        .chosen(|k| crate::tr!(key_pairs.key_pair_named, name = k.name))
        .opened_by("name");

/// The delete confirmation, naming the instances launched with the key.
async fn confirm_delete(region: Option<String>, key: KeyPairInfo) -> Confirmation {
    let name = key.name;
    let used_by = key_pair_users(region, name.clone()).await.unwrap_or_default();
    let mut lines = vec![
        crate::tr!(key_pairs.delete_consequence, name = name),
        crate::tr!(key_pairs.delete_instances_keep_running).to_string(),
    ];
    lines.push(if used_by.is_empty() {
        crate::tr!(key_pairs.no_instance_uses_it).to_string()
    } else {
        crate::tr!(key_pairs.used_by_list, users = used_by.join(", "))
    });
    Confirmation::new(
        crate::tr!(key_pairs.delete_title, name = name),
        crate::tr!(key_pairs.delete),
        lines,
    )
    .typed("delete")
}

/// The details panel: the instances launched with the key.
#[component]
fn KeyDetails(list: ResourceList<KeyPairInfo>, name: String) -> impl IntoView {
    let region = list.page.region;
    let heading = crate::tr!(key_pairs.key_pair_named, name = name);
    let users = LocalResource::new(move || key_pair_users(region.get(), name.clone()));
    view! {
        <h2>{heading}</h2>
        {move || match users.get() {
            Some(Ok(list)) if list.is_empty() => view! { <p>{crate::tr!(key_pairs.no_instance_uses_key)}</p> }.into_any(),
            Some(Ok(list)) => view! {
                <p>{crate::tr!(key_pairs.instances_launched_with_it)}</p>
                <ul>{list.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul>
            }.into_any(),
            Some(Err(error)) => view! { <ErrorAlert error/> }.into_any(),
            None => view! { <Loading label=crate::tr!(key_pairs.finding_users)/> }.into_any(),
        }}
    }
}

/// The Key pairs page.
#[component]
pub fn KeyPairsPage() -> impl IntoView {
    let page = PageState::new();
    let list = ResourceList::load(page, &LIST, list_key_pairs);
    let delete = RowAction::reporting(
        crate::tr!(key_pairs.delete),
        |k: &KeyPairInfo| k.name.clone(),
        |region, k: KeyPairInfo| {
            let done = crate::tr!(key_pairs.deleted, name = k.name);
            let call = delete_key_pair(region, k.name);
            async move { call.await.map(|()| done) }
        },
    )
    .confirm_after(confirm_delete)
    .forgets_row();
    let saved = Callback::new(move |info: KeyPairInfo| {
        list.chosen.set(Some(info.name));
        page.refresh();
    });
    view! {
        <ResourcePage list title=crate::tr!(key_pairs.title) path="/key-pairs" filter_label=crate::tr!(key_pairs.filter_label)
            placeholder=crate::tr!(key_pairs.filter_placeholder) toolbar_label=crate::tr!(key_pairs.toolbar_label) actions=vec![delete]
            details=Arc::new(move |k: KeyPairInfo| view! { <KeyDetails list name=k.name/> }.into_any())
            footer=move || view! {
                <section class="launch-section" aria-label=crate::tr!(key_pairs.new_key_pairs)>
                    <h2>{crate::tr!(key_pairs.add_key_pair)}</h2>
                    <KeyPairForms on_saved=saved notices=page.notices writable=page.writable/>
                </section>
            }/>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::table::matches_text;

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
            assert!(matches_text(&key, &columns(), text), "{text}");
        }
        assert!(!matches_text(&key, &columns(), "rsa"));
    }
}
