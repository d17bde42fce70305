//! An instance's CloudWatch alarms on its Monitoring tab: the list (state, metric, condition), a
//! simple CPU alarm to create, and a delete with confirmation.

use super::{check_alarm, create_cpu_alarm, delete_alarm, instance_alarms};
use crate::components::confirm::{ConfirmDialog, Confirmation};
use crate::components::feedback::{ErrorAlert, Loading, Notices};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The alarms of instance `id`, with the form to add one.
#[component]
pub fn Alarms(
    id: String,
    #[prop(into)] region: Signal<Option<String>>,
    writable: bool,
    notices: Notices,
) -> impl IntoView {
    let id = StoredValue::new(id);
    let version = RwSignal::new(0u32);
    let list = LocalResource::new(move || {
        version.get();
        instance_alarms(region.get(), id.get_value())
    });
    let threshold = RwSignal::new("80".to_string());
    let periods = RwSignal::new("3".to_string());
    let error = RwSignal::new(None::<AppError>);
    let busy = RwSignal::new(false);
    let deleting = RwSignal::new(None::<String>);
    let create = move |e: leptos::ev::SubmitEvent| {
        e.prevent_default();
        let parsed = (
            threshold.get_untracked().trim().parse::<f64>(),
            periods.get_untracked().trim().parse::<i32>(),
        );
        let (t, p) = match parsed {
            (Ok(t), Ok(p)) => (t, p),
            (Err(_), _) => return error.set(Some(AppError::validation("threshold", "a number, like 80"))),
            (_, Err(_)) => return error.set(Some(AppError::validation("periods", "a whole number, like 3"))),
        };
        if let Err(e) = check_alarm(t, p) {
            return error.set(Some(e));
        }
        busy.set(true);
        spawn_local(async move {
            match create_cpu_alarm(region.get_untracked(), id.get_value(), t, p).await {
                Ok(alarm) => {
                    error.set(None);
                    notices.report("Create alarm", Ok(format!("Created alarm {}", alarm.name)));
                    version.update(|v| *v += 1);
                }
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let answer = move |yes: bool| {
        let Some(name) = deleting.get_untracked() else {
            return;
        };
        deleting.set(None);
        if !yes {
            return;
        }
        busy.set(true);
        spawn_local(async move {
            let result = delete_alarm(region.get_untracked(), id.get_value(), name.clone()).await;
            notices.report(
                &format!("Delete alarm {name}"),
                result.map(|()| format!("Deleted alarm {name}")),
            );
            version.update(|v| *v += 1);
            busy.set(false);
        });
    };
    view! {
        <section class="alarms" aria-labelledby="alarms-h" data-testid="alarms">
            <h3 id="alarms-h">"Alarms"</h3>
            {move || match list.get() {
                None => view! { <Loading label="Loading alarms…"/> }.into_any(),
                Some(Err(error)) => view! { <ErrorAlert error retry=move || version.update(|v| *v += 1)/> }.into_any(),
                Some(Ok(alarms)) if alarms.is_empty() => view! { <p class="hint">"No alarms watch this instance."</p> }.into_any(),
                Some(Ok(alarms)) => view! {
                    <table class="data-table compact">
                        <caption class="visually-hidden">"Alarms on this instance"</caption>
                        <thead><tr><th scope="col">"Name"</th><th scope="col">"State"</th><th scope="col">"Metric"</th>
                            <th scope="col">"Condition"</th><th scope="col"><span class="visually-hidden">"Actions"</span></th></tr></thead>
                        <tbody>
                            {alarms.into_iter().map(|a| {
                                let name = a.name.clone();
                                view! {
                                    <tr data-alarm=a.name.clone()>
                                        <td>{a.name.clone()}</td><td>{a.state}</td><td>{a.metric}</td><td>{a.condition}</td>
                                        <td><button type="button" class="danger" disabled=move || !writable || busy.get()
                                            aria-label=format!("Delete alarm {}", a.name)
                                            on:click=move |_| deleting.set(Some(name.clone()))>"Delete"</button></td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any(),
            }}
            <form class="alarm-form" novalidate=true on:submit=create>
                <span>"Alarm when average CPU is at or above"</span>
                <label for="alarm-threshold" class="visually-hidden">"Threshold (%)"</label>
                <input id="alarm-threshold" type="number" min="1" max="100" step="any" required=true
                    prop:value=move || threshold.get() on:input=move |e| threshold.set(event_target_value(&e))/>
                <span>"% for"</span>
                <label for="alarm-periods" class="visually-hidden">"Periods of 5 minutes"</label>
                <input id="alarm-periods" type="number" min="1" max="288" step="1" required=true
                    prop:value=move || periods.get() on:input=move |e| periods.set(event_target_value(&e))/>
                <span>"periods of 5 minutes"</span>
                <button type="submit" disabled=move || !writable || busy.get()>"Create alarm"</button>
            </form>
            {move || error.get().map(|error| view! { <ErrorAlert error/> })}
            {move || deleting.get().map(|name| {
                let request = Confirmation::new(
                    format!("Delete alarm {name}?"),
                    "Delete",
                    vec![format!("The alarm {name} stops watching this instance; its history goes with it.")],
                );
                view! { <ConfirmDialog request on_answer=answer/> }
            })}
        </section>
    }
}
