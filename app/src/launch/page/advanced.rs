//! Advanced details: user data (typed or loaded from a file), IMDSv2, shutdown behaviour,
//! termination protection and detailed monitoring.

use super::form::{field_error, Form, SectionBox};
use crate::launch::{Problem, Section, Shutdown, MAX_USER_DATA};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub(super) fn AdvancedSection(
    form: Form,
    problems: Memo<Vec<Problem>>,
    attempted: RwSignal<bool>,
) -> impl IntoView {
    let file_error = RwSignal::new(None::<String>);
    let load_file = move |ev: leptos::ev::Event| {
        let Some(input) = wasm_bindgen::JsCast::dyn_ref::<web_sys::HtmlInputElement>(&event_target::<
            web_sys::EventTarget,
        >(&ev))
        .cloned() else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        if file.size() > MAX_USER_DATA as f64 {
            file_error.set(Some(crate::tr!(
                launch.file_too_big,
                file = file.name(),
                size = file.size(),
                max = MAX_USER_DATA
            )));
            input.set_value("");
            return;
        }
        file_error.set(None);
        spawn_local(async move {
            match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                Ok(text) => form.user_data.set(text.as_string().unwrap_or_default()),
                Err(_) => file_error.set(Some(crate::tr!(launch.file_unreadable).into())),
            }
        });
    };
    view! {
        <SectionBox section=Section::Advanced>
            <div class="field">
                <label for="user-data">{crate::tr!(launch.user_data_label)}</label>
                <textarea id="user-data" rows="5" aria-describedby="user-data-error user-data-size" prop:value=move || form.user_data.get()
                    on:input=move |ev| form.user_data.set(event_target_value(&ev))></textarea>
                <p id="user-data-size" class="hint">{move || crate::tr!(launch.user_data_size, size = form.user_data.with(String::len), max = MAX_USER_DATA)}</p>
            </div>
            <div class="field">
                <label for="user-data-file">{crate::tr!(launch.user_data_file)}</label>
                <input id="user-data-file" type="file" on:change=load_file/>
            </div>
            {move || file_error.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
            {field_error(problems, attempted, "user-data")}
            <div class="field checkbox">
                <input type="checkbox" id="imdsv2" prop:checked=move || form.imdsv2.get() on:change=move |ev| form.imdsv2.set(event_target_checked(&ev))/>
                <label for="imdsv2">{crate::tr!(launch.imdsv2)}</label>
            </div>
            <div class="field">
                <label for="shutdown">{crate::tr!(launch.shutdown_behaviour)}</label>
                <select id="shutdown" on:change=move |ev| form.shutdown.set(if event_target_value(&ev) == "terminate" { Shutdown::Terminate } else { Shutdown::Stop })>
                    <option value="stop" selected=move || form.shutdown.get() == Shutdown::Stop>{crate::tr!(launch.shutdown_stop)}</option>
                    <option value="terminate" selected=move || form.shutdown.get() == Shutdown::Terminate>{crate::tr!(launch.shutdown_terminate)}</option>
                </select>
            </div>
            <div class="field checkbox">
                <input type="checkbox" id="termination-protection" prop:checked=move || form.protection.get() on:change=move |ev| form.protection.set(event_target_checked(&ev))/>
                <label for="termination-protection">{crate::tr!(launch.termination_protection)}</label>
            </div>
            <div class="field checkbox">
                <input type="checkbox" id="monitoring" prop:checked=move || form.monitoring.get() on:change=move |ev| form.monitoring.set(event_target_checked(&ev))/>
                <label for="monitoring">{crate::tr!(launch.detailed_monitoring)}</label>
            </div>
        </SectionBox>
    }
}
