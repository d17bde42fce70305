//! Creating and importing key pairs: the forms the launch page and the Key pairs page share.

use super::{create_key_pair, import_key_pair, KeyAlgorithm, KeyPairInfo, NewKeyPair};
use crate::components::feedback::{ErrorAlert, Notice, Notices};
use crate::components::table::download;
use crate::error::AppError;
use crate::region::use_region_param;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// "Create new key pair" and "Import a public key" panels. A created key's private half is offered
/// for download once, then dropped from the page; `on_saved` hears of every new key pair.
#[component]
pub fn KeyPairForms(
    /// Told of each key pair created or imported.
    on_saved: Callback<KeyPairInfo>,
    /// Where successes are announced.
    notices: Notices,
    /// Whether changes are allowed (not read-only).
    #[prop(into)]
    writable: Signal<bool>,
) -> impl IntoView {
    let region = use_region_param();
    let new_name = RwSignal::new(String::new());
    let algorithm = RwSignal::new(KeyAlgorithm::Ed25519);
    let created = RwSignal::new(None::<NewKeyPair>);
    let downloaded = RwSignal::new(None::<String>);
    let import_name = RwSignal::new(String::new());
    let public_key = RwSignal::new(String::new());
    let error = RwSignal::new(None::<AppError>);
    let busy = RwSignal::new(false);
    let create = move |_| {
        error.set(None);
        let (name, alg, region) = (
            new_name.get_untracked(),
            algorithm.get_untracked(),
            region.get_untracked(),
        );
        if let Err(e) = super::check_name(&name) {
            error.set(Some(e));
            return;
        }
        busy.set(true);
        spawn_local(async move {
            match create_key_pair(region, name, alg).await {
                Ok(key) => {
                    on_saved.run(key.info.clone());
                    downloaded.set(None);
                    created.set(Some(key));
                    new_name.set(String::new());
                }
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let import = move |_| {
        error.set(None);
        let (name, key, region) = (
            import_name.get_untracked(),
            public_key.get_untracked(),
            region.get_untracked(),
        );
        if let Err(e) = super::check_name(&name).and_then(|_| super::check_public_key(&key)) {
            error.set(Some(e));
            return;
        }
        busy.set(true);
        spawn_local(async move {
            match import_key_pair(region, name, key).await {
                Ok(info) => {
                    notices.push(Notice::ok(crate::tr!(key_pairs.imported, name = info.name)));
                    on_saved.run(info);
                    import_name.set(String::new());
                    public_key.set(String::new());
                }
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let take_download = move |_| {
        if let Some(key) = created.get_untracked() {
            let file = format!("{}.pem", key.info.name);
            download(&file, "application/x-pem-file", &key.private_key);
            downloaded.set(Some(file));
            created.set(None);
        }
    };
    let disabled = move || busy.get() || !writable.get();
    view! {
        {move || created.get().map(|key| view! {
            <div class="alert alert-success" role="alert" data-testid="new-key">
                <strong>{crate::tr!(key_pairs.created, name = key.info.name)}</strong>
                <p>{crate::tr!(key_pairs.download_now)}</p>
                <button type="button" class="primary" id="download-key" on:click=take_download>{crate::tr!(key_pairs.download_pem, name = key.info.name)}</button>
            </div>
        })}
        {move || downloaded.get().map(|file| view! { <p class="hint" role="status">{crate::tr!(key_pairs.downloaded, file = file)}</p> })}
        {move || error.get().map(|error| view! { <ErrorAlert error/> })}
        <details class="key-create">
            <summary>{crate::tr!(key_pairs.create_new_key_pair)}</summary>
            <div class="field">
                <label for="new-key-name">{crate::tr!(key_pairs.name)}</label>
                <input id="new-key-name" type="text" prop:value=move || new_name.get() on:input=move |ev| new_name.set(event_target_value(&ev))/>
            </div>
            <fieldset>
                <legend>{crate::tr!(key_pairs.key_pair_type)}</legend>
                {[(KeyAlgorithm::Ed25519, "ED25519"), (KeyAlgorithm::Rsa, "RSA")].into_iter().map(|(alg, label)| {
                    let id = format!("key-alg-{}", alg.as_str());
                    view! {
                        <div class="field checkbox">
                            <input type="radio" name="key-alg" id=id.clone() prop:checked=move || algorithm.get() == alg on:change=move |_| algorithm.set(alg)/>
                            <label for=id>{label}</label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            <p class="hint">{crate::tr!(key_pairs.format_pem)}</p>
            <button type="button" id="create-key" on:click=create disabled=disabled>{crate::tr!(key_pairs.create_key_pair)}</button>
        </details>
        <details class="key-import">
            <summary>{crate::tr!(key_pairs.import_public_key)}</summary>
            <div class="field">
                <label for="import-key-name">{crate::tr!(key_pairs.name)}</label>
                <input id="import-key-name" type="text" prop:value=move || import_name.get() on:input=move |ev| import_name.set(event_target_value(&ev))/>
            </div>
            <div class="field">
                <label for="import-key-material">{crate::tr!(key_pairs.public_key_label)}</label>
                <textarea id="import-key-material" rows="3" prop:value=move || public_key.get() on:input=move |ev| public_key.set(event_target_value(&ev))></textarea>
            </div>
            <button type="button" id="import-key" on:click=import disabled=disabled>{crate::tr!(key_pairs.import_key_pair)}</button>
        </details>
    }
}
