//! After Launch: waiting between state polls and the progress of the instances just launched.

use crate::components::status::StatusIndicator;
use crate::components::table::href;
use crate::launch::LaunchResult;
use leptos::prelude::*;

pub(super) async fn gloo_sleep(ms: i32) {
    let promise = js_sys_promise_timeout(ms);
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

fn js_sys_promise_timeout(ms: i32) -> web_sys::js_sys::Promise {
    web_sys::js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    })
}

#[component]
pub(super) fn LaunchProgress(result: LaunchResult, states: RwSignal<Vec<(String, String)>>) -> impl IntoView {
    let region = result.region.clone();
    let filter = result
        .instance_ids
        .iter()
        .map(|id| format!("id = {id}"))
        .collect::<Vec<_>>()
        .join(" ");
    let all = href("/instances", &[("region", &region), ("q", &filter)]);
    // One sentence with the group's ID in it: the text around `{id}`, in the page's language.
    let (created_before, created_after) = crate::tr!(launch.created_group)
        .split_once("{id}")
        .unwrap_or((crate::tr!(launch.created_group), ""));
    view! {
        <div class="launch-result" role="status" aria-live="polite" data-testid="launch-result">
            <h3>{if result.replayed { crate::tr!(launch.already_launched) } else { crate::tr!(launch.launch_started) }}</h3>
            <ul>
                {move || states.get().into_iter().map(|(id, state)| {
                    let link = href("/instances", &[("region", &region), ("id", &id)]);
                    view! { <li><a href=link><code>{id.clone()}</code></a>" " <StatusIndicator state/></li> }
                }).collect_view()}
            </ul>
            {result.created_group.map(|g| view! { <p>{created_before}<code>{g}</code>{created_after}</p> })}
            {result.notes.into_iter().map(|n| view! { <p class="hint">{n}</p> }).collect_view()}
            <p><a href=all class="button">{crate::tr!(launch.view_instances)}</a></p>
        </div>
    }
}
