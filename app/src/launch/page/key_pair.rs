//! Key pair (login): choose an existing key pair or create or import one in place.

use super::form::{field_error, Form, SectionBox};
use crate::components::feedback::{ErrorAlert, Notices};
use crate::error::AppError;
use crate::key_pairs::forms::KeyPairForms;
use crate::launch::{Problem, Section};
use leptos::prelude::*;

#[component]
pub(super) fn KeySection(
    form: Form,
    keys: LocalResource<Result<Vec<crate::key_pairs::KeyPairInfo>, AppError>>,
    keys_version: RwSignal<u32>,
    notices: Notices,
    problems: Memo<Vec<Problem>>,
    attempted: RwSignal<bool>,
    #[prop(into)] writable: Signal<bool>,
) -> impl IntoView {
    let saved = Callback::new(move |info: crate::key_pairs::KeyPairInfo| {
        form.key_name.set(info.name);
        keys_version.update(|v| *v += 1);
    });
    view! {
        <SectionBox section=Section::KeyPair>
            <div class="field">
                <label for="key-name">{crate::tr!(launch.key_pair_name)}</label>
                <select id="key-name" aria-describedby="key-name-error" disabled=move || keys.with(Option::is_none) on:change=move |ev| form.key_name.set(event_target_value(&ev))>
                    <option value="" selected=move || form.key_name.with(String::is_empty)>{crate::tr!(launch.no_key_option)}</option>
                    {move || keys.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|k| {
                        let name = k.name.clone();
                        let selected = name.clone();
                        view! { <option value=name.clone() selected=move || form.key_name.get() == selected>{format!("{name} ({})", k.key_type)}</option> }
                    }).collect_view()}
                </select>
            </div>
            {move || keys.get().and_then(Result::err).map(|error| view! { <ErrorAlert error/> })}
            {field_error(problems, attempted, "key-name")}
            {move || form.key_name.with(String::is_empty).then(|| view! {
                <p class="warning" role="note">{crate::tr!(launch.no_key_warning)}</p>
            })}
            <KeyPairForms on_saved=saved notices writable/>
        </SectionBox>
    }
}
