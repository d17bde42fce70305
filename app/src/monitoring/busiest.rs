//! The dashboard's busiest instances: the five with the highest average CPU over the last hour,
//! each with a sparkline, linked to its Monitoring tab.

use super::busiest_instances;
use super::Unit;
use crate::components::chart::Chart;
use crate::components::feedback::{ErrorAlert, Loading};
use crate::components::table::or_empty;
use leptos::prelude::*;

/// The section, for the dashboard's region (or every region).
#[component]
pub fn Busiest(region: Memo<Option<String>>) -> impl IntoView {
    let busy = LocalResource::new(move || busiest_instances(region.get()));
    view! {
        <section class="busiest" aria-labelledby="busiest-h" data-testid="busiest">
            <h2 id="busiest-h">{crate::tr!(monitoring.busiest_heading)}</h2>
            {move || match busy.get() {
                None => view! { <Loading label=crate::tr!(monitoring.loading_cpu)/> }.into_any(),
                Some(Err(error)) => view! { <ErrorAlert error retry=move || busy.refetch()/> }.into_any(),
                Some(Ok(list)) if list.rows.is_empty() => view! {
                    <p class="hint">{crate::tr!(monitoring.busiest_empty)}</p>
                }.into_any(),
                Some(Ok(list)) => view! {
                    <ol class="busy-list">
                        {list.rows.into_iter().map(|b| {
                            let href = format!("/instances?region={}&id={}&tab=monitoring", b.region, b.id);
                            let average = b.cpu.average().map(|a| Unit::Percent.format(a)).unwrap_or_default();
                            let name = or_empty(&b.name);
                            view! {
                                <li data-instance=b.id.clone()>
                                    <a href=href translate="no">{if name.is_empty() { b.id.clone() } else { format!("{name} ({})", b.id) }}</a>
                                    <span class="muted">{b.region.clone()}</span>
                                    <span class="busy-average">{average}</span>
                                    <Chart series=b.cpu compact=true/>
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                }.into_any(),
            }}
        </section>
    }
}
