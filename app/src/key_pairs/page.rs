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
        Column::link("name", "Name", |k| k.name.clone(), "name"),
        Column::text("type", "Type", |k| k.key_type.clone()),
        Column::code("fingerprint", "Fingerprint", |k| k.fingerprint.clone()),
        Column::text("created", "Created", |k| k.created.clone().unwrap_or_default()),
        Column::text("id", "ID", |k| k.id.clone()),
    ]
}

/// The key pair list as the kit shows it.
static LIST: ListSpec<KeyPairInfo> = ListSpec::new("Key pairs", columns, |k| k.name.clone())
    .texts("Loading key pairs…", "key pair(s)", "key", "key-pairs")
    .chosen(|k| format!("Key pair {}", k.name))
    .opened_by("name");

/// The delete confirmation, naming the instances launched with the key.
async fn confirm_delete(region: Option<String>, key: KeyPairInfo) -> Confirmation {
    let name = key.name;
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
    Confirmation::new(format!("Delete key pair {name}?"), "Delete", lines).typed("delete")
}

/// The details panel: the instances launched with the key.
#[component]
fn KeyDetails(list: ResourceList<KeyPairInfo>, name: String) -> impl IntoView {
    let region = list.page.region;
    let heading = format!("Key pair {name}");
    let users = LocalResource::new(move || key_pair_users(region.get(), name.clone()));
    view! {
        <h2>{heading}</h2>
        {move || match users.get() {
            Some(Ok(list)) if list.is_empty() => view! { <p>"No instance in this region uses this key pair."</p> }.into_any(),
            Some(Ok(list)) => view! {
                <p>"Instances launched with it:"</p>
                <ul>{list.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul>
            }.into_any(),
            Some(Err(error)) => view! { <ErrorAlert error/> }.into_any(),
            None => view! { <Loading label="Finding the instances that use it…"/> }.into_any(),
        }}
    }
}

/// The Key pairs page.
#[component]
pub fn KeyPairsPage() -> impl IntoView {
    let page = PageState::new();
    let list = ResourceList::load(page, &LIST, list_key_pairs);
    let delete = RowAction::call(
        "Delete",
        "Deleted key pair",
        |k: &KeyPairInfo| k.name.clone(),
        |region, k| delete_key_pair(region, k.name),
    )
    .confirm_after(confirm_delete)
    .forgets_row();
    let saved = Callback::new(move |info: KeyPairInfo| {
        list.chosen.set(Some(info.name));
        page.refresh();
    });
    view! {
        <ResourcePage list title="Key pairs" path="/key-pairs" filter_label="Filter key pairs"
            placeholder="name, type, fingerprint or ID" toolbar_label="Key pair actions" actions=vec![delete]
            details=Arc::new(move |k: KeyPairInfo| view! { <KeyDetails list name=k.name/> }.into_any())
            footer=move || view! {
                <section class="launch-section" aria-label="New key pairs">
                    <h2>"Add a key pair"</h2>
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
