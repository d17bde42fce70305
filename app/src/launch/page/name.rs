//! Name and tags: the Name tag and extra tag rows, each for instances and/or volumes.

use super::form::{field_error, Form, SectionBox, TagRow};
use crate::launch::{Problem, Section};
use leptos::prelude::*;

#[component]
pub(super) fn NameSection(
    form: Form,
    problems: Memo<Vec<Problem>>,
    attempted: RwSignal<bool>,
) -> impl IntoView {
    let add = move |_| form.tags.update(|t| t.push(TagRow::new()));
    view! {
        <SectionBox section=Section::NameAndTags>
            <div class="field">
                <label for="launch-name">{crate::tr!(launch.label_name)}</label>
                <input id="launch-name" type="text" placeholder=crate::tr!(launch.name_placeholder) prop:value=move || form.name.get()
                    aria-describedby="launch-name-error" on:input=move |ev| form.name.set(event_target_value(&ev))/>
            </div>
            {field_error(problems, attempted, "launch-name")}
            {move || form.tags.get().into_iter().enumerate().map(|(i, row)| view! {
                <fieldset class="tag-row">
                    <legend class="visually-hidden">{crate::tr!(launch.tag_legend, number = i + 1)}</legend>
                    <div class="field">
                        <label for=format!("tag-key-{i}")>{crate::tr!(launch.tag_key)}</label>
                        <input id=format!("tag-key-{i}") type="text" prop:value=move || row.key.get() aria-describedby=format!("tag-key-{i}-error")
                            on:input=move |ev| row.key.set(event_target_value(&ev))/>
                    </div>
                    <div class="field">
                        <label for=format!("tag-value-{i}")>{crate::tr!(launch.tag_value)}</label>
                        <input id=format!("tag-value-{i}") type="text" prop:value=move || row.value.get()
                            on:input=move |ev| row.value.set(event_target_value(&ev))/>
                    </div>
                    <div class="field checkbox">
                        <input type="checkbox" id=format!("tag-inst-{i}") prop:checked=move || row.on_instances.get()
                            on:change=move |ev| row.on_instances.set(event_target_checked(&ev))/>
                        <label for=format!("tag-inst-{i}")>{crate::tr!(launch.instances)}</label>
                    </div>
                    <div class="field checkbox">
                        <input type="checkbox" id=format!("tag-vol-{i}") prop:checked=move || row.on_volumes.get()
                            on:change=move |ev| row.on_volumes.set(event_target_checked(&ev))/>
                        <label for=format!("tag-vol-{i}")>{crate::tr!(launch.label_volumes)}</label>
                    </div>
                    <button type="button" on:click=move |_| form.tags.update(|t| t.retain(|r| r.id != row.id))
                        aria-label=crate::tr!(launch.remove_tag, number = i + 1)>{crate::tr!(launch.remove)}</button>
                    {field_error(problems, attempted, format!("tag-key-{i}"))}
                </fieldset>
            }).collect_view()}
            <button type="button" id="add-tag" on:click=add>{crate::tr!(launch.add_tag)}</button>
        </SectionBox>
    }
}
