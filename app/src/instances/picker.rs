//! Choosing one of the region's instances in another page's form (associate an address, image one).

use super::list_instances;
use crate::region::use_region_param;
use leptos::prelude::*;

/// A labelled select of the region's instances that are not terminated, each shown with its state;
/// `on_pick` hears the chosen instance ID (empty for none).
#[component]
pub fn InstancePicker(
    /// The select's element ID.
    id: &'static str,
    /// Told of each choice.
    on_pick: Callback<String>,
) -> impl IntoView {
    let region = use_region_param();
    let instances = LocalResource::new(move || list_instances(region.get(), None));
    view! {
        <div class="field">
            <label for=id>{crate::tr!(instances.picker_label)}</label>
            <select id=id on:change=move |ev| on_pick.run(event_target_value(&ev))>
                <option value="">{crate::tr!(instances.picker_choose)}</option>
                {move || instances.get().and_then(Result::ok).map(|l| l.instances).unwrap_or_default().into_iter()
                    .filter(|i| i.state != "terminated")
                    .map(|i| view! { <option value=i.id.clone()>{format!("{} · {}", i.display_name(), i.state)}</option> })
                    .collect_view()}
            </select>
        </div>
    }
}
