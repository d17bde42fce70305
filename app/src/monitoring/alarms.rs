//! An instance's CloudWatch alarms on its Monitoring tab: the list (state, metric, condition), a
//! simple CPU alarm to create, and a delete with confirmation.

use super::{check_alarm, create_cpu_alarm, delete_alarm, instance_alarms};
use crate::components::confirm::{ConfirmDialog, Confirmation};
use crate::components::feedback::{ErrorAlert, Loading, Notices};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// An alarm's state (AWS's `OK`, `ALARM`, `INSUFFICIENT_DATA`) in the page's language; any other
/// state as AWS wrote it.
fn state_label(state: &str) -> String {
    match state {
        "OK" => crate::tr!(monitoring.state_ok).to_string(),
        "ALARM" => crate::tr!(monitoring.state_alarm).to_string(),
        "INSUFFICIENT_DATA" => crate::tr!(monitoring.state_insufficient_data).to_string(),
        other => other.to_string(),
    }
}

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
            (Err(_), _) => {
                return error.set(Some(AppError::validation(
                    "threshold",
                    crate::tr!(monitoring.threshold_number),
                )))
            }
            (_, Err(_)) => {
                return error.set(Some(AppError::validation(
                    "periods",
                    crate::tr!(monitoring.periods_number),
                )))
            }
        };
        if let Err(e) = check_alarm(t, p) {
            return error.set(Some(e));
        }
        busy.set(true);
        spawn_local(async move {
            match create_cpu_alarm(region.get_untracked(), id.get_value(), t, p).await {
                Ok(alarm) => {
                    error.set(None);
                    notices.report(
                        crate::tr!(monitoring.create_alarm),
                        Ok(crate::tr!(monitoring.created_alarm, name = alarm.name)),
                    );
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
                &crate::tr!(monitoring.delete_alarm, name = name),
                result.map(|()| crate::tr!(monitoring.deleted_alarm, name = name)),
            );
            version.update(|v| *v += 1);
            busy.set(false);
        });
    };
    view! {
        <section class="alarms" aria-labelledby="alarms-h" data-testid="alarms">
            <h3 id="alarms-h">{crate::tr!(monitoring.alarms_heading)}</h3>
            {move || match list.get() {
                None => view! { <Loading label=crate::tr!(monitoring.loading_alarms)/> }.into_any(),
                Some(Err(error)) => view! { <ErrorAlert error retry=move || version.update(|v| *v += 1)/> }.into_any(),
                Some(Ok(alarms)) if alarms.is_empty() => view! { <p class="hint">{crate::tr!(monitoring.no_alarms)}</p> }.into_any(),
                Some(Ok(alarms)) => view! {
                    <table class="data-table compact">
                        <caption class="visually-hidden">{crate::tr!(monitoring.alarms_caption)}</caption>
                        <thead><tr><th scope="col">{crate::tr!(monitoring.col_name)}</th><th scope="col">{crate::tr!(monitoring.col_state)}</th>
                            <th scope="col">{crate::tr!(monitoring.col_metric)}</th><th scope="col">{crate::tr!(monitoring.col_condition)}</th>
                            <th scope="col"><span class="visually-hidden">{crate::tr!(monitoring.col_actions)}</span></th></tr></thead>
                        <tbody>
                            {alarms.into_iter().map(|a| {
                                let name = a.name.clone();
                                view! {
                                    <tr data-alarm=a.name.clone()>
                                        <td>{a.name.clone()}</td><td>{state_label(&a.state)}</td><td>{a.metric}</td><td>{a.condition}</td>
                                        <td><button type="button" class="danger" disabled=move || !writable || busy.get()
                                            aria-label=crate::tr!(monitoring.delete_alarm, name = a.name)
                                            on:click=move |_| deleting.set(Some(name.clone()))>{crate::tr!(monitoring.delete)}</button></td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any(),
            }}
            <form class="alarm-form" novalidate=true on:submit=create>
                <span>{crate::tr!(monitoring.form_before_threshold)}</span>
                <label for="alarm-threshold" class="visually-hidden">{crate::tr!(monitoring.threshold_label)}</label>
                <input id="alarm-threshold" type="number" min="1" max="100" step="any" required=true
                    prop:value=move || threshold.get() on:input=move |e| threshold.set(event_target_value(&e))/>
                <span>{crate::tr!(monitoring.form_before_periods)}</span>
                <label for="alarm-periods" class="visually-hidden">{crate::tr!(monitoring.periods_label)}</label>
                <input id="alarm-periods" type="number" min="1" max="288" step="1" required=true
                    prop:value=move || periods.get() on:input=move |e| periods.set(event_target_value(&e))/>
                <span>{crate::tr!(monitoring.form_after_periods)}</span>
                <button type="submit" disabled=move || !writable || busy.get()>{crate::tr!(monitoring.create_alarm)}</button>
            </form>
            {move || error.get().map(|error| view! { <ErrorAlert error/> })}
            {move || deleting.get().map(|name| {
                let request = Confirmation::new(
                    crate::tr!(monitoring.delete_confirm_title, name = name),
                    crate::tr!(monitoring.delete),
                    vec![crate::tr!(monitoring.delete_confirm_body, name = name)],
                );
                view! { <ConfirmDialog request on_answer=answer/> }
            })}
        </section>
    }
}
