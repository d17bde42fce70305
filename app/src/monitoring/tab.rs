//! The graphs of one resource over a range chosen in the URL (`?range=`), refreshed every minute
//! while shown; and the instance details' Monitoring tab (graphs, then alarms).

use super::{instance_metrics, volume_metrics, Alarms, Metrics, Range};
use crate::components::chart::Chart;
use crate::components::feedback::{ErrorAlert, Loading, Notices};
use crate::components::table::with_param;
use crate::error::AppError;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use std::time::Duration;

/// How often shown graphs are fetched again.
const REFRESH: Duration = Duration::from_secs(60);

/// What the graphs are of.
#[derive(Clone, PartialEq)]
pub enum Subject {
    /// An instance (`i-…`).
    Instance(String),
    /// A volume (`vol-…`).
    Volume(String),
}

async fn load(subject: Subject, region: Option<String>, range: Range) -> Result<Metrics, AppError> {
    match subject {
        Subject::Instance(id) => instance_metrics(region, id, range).await,
        Subject::Volume(id) => volume_metrics(region, id, range).await,
    }
}

/// The range buttons and one chart per metric with data (the first metric always, so an instance
/// without data says so).
#[component]
pub fn MetricsView(subject: Subject, #[prop(into)] region: Signal<Option<String>>) -> impl IntoView {
    let query = use_query_map();
    let range = Memo::new(move |_| Range::from_param(query.read().get("range").as_deref()));
    let tick = RwSignal::new(0u32);
    if let Ok(handle) = set_interval_with_handle(move || tick.update(|t| *t += 1), REFRESH) {
        on_cleanup(move || handle.clear());
    }
    let subject = StoredValue::new(subject);
    let metrics = LocalResource::new(move || {
        tick.get();
        load(subject.get_value(), region.get(), range.get())
    });
    let buttons = Range::ALL
        .into_iter()
        .map(|r| {
            view! {
                <A href=move || with_param("range", Some(r.param()))
                    attr:class=move || if range.get() == r { "range active" } else { "range" }
                    attr:aria-current=move || (range.get() == r).then_some("true")>{r.label()}</A>
            }
        })
        .collect_view();
    view! {
        <div class="metrics" data-testid="metrics">
            <nav class="ranges" aria-label=crate::tr!(monitoring.time_range)>{buttons}</nav>
            {move || match metrics.get() {
                None => view! { <Loading label=crate::tr!(monitoring.loading_graphs)/> }.into_any(),
                Some(Err(error)) => view! { <ErrorAlert error retry=move || tick.update(|t| *t += 1)/> }.into_any(),
                Some(Ok(m)) => view! {
                    <div class="charts" data-range=m.range.param()>
                        {m.series.into_iter().enumerate()
                            .filter(|(i, s)| *i == 0 || s.has_data())
                            .map(|(_, s)| view! { <Chart series=s/> })
                            .collect_view()}
                    </div>
                }.into_any(),
            }}
        </div>
    }
}

/// The instance details' Monitoring tab: its graphs and its CPU alarms.
#[component]
pub fn MonitoringTab(
    id: String,
    #[prop(into)] region: Signal<Option<String>>,
    writable: bool,
    notices: Notices,
) -> impl IntoView {
    view! {
        <MetricsView subject=Subject::Instance(id.clone()) region/>
        <Alarms id region writable notices/>
    }
}
