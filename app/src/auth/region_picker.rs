//! The top bar's region picker and the regions it offers, asked of EC2 as the signed-in person.

use crate::error::AppError;
use crate::region::use_region_param;
use leptos::prelude::*;
use leptos_router::hooks::use_location;
use serde::{Deserialize, Serialize};

/// The regions the caller can choose from, and the one in effect.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Regions {
    /// The region this request resolved to (`all` for every region).
    pub current: String,
    /// Enabled region names, sorted.
    pub available: Vec<String>,
}

/// Lists the regions enabled for the caller's account (the configured list when the caller may
/// not ask), and the one in effect: `region`, the session's, or `all`.
#[server]
pub async fn list_regions(region: Option<String>) -> Result<Regions, AppError> {
    let mut caller = super::ssr::Caller::current().await?;
    let home = caller.region(region.as_deref()).await?;
    let mut available = crate::regions::ssr::plan(&caller).await?.asked;
    available.sort();
    let current = if crate::regions::is_all(region.as_deref()) {
        crate::regions::ALL.to_string()
    } else {
        home
    };
    Ok(Regions { current, available })
}

/// The top bar's region picker: a GET form (`components::get_form`).
#[component]
pub fn RegionPicker() -> impl IntoView {
    let region = use_region_param();
    let regions = crate::wire::load(move || region.get(), list_regions);
    let path = use_location().pathname;
    view! {
        <form method="GET" action=move || path.get() on:submit=crate::components::get_form::submit_in_page()>
            <label for="region-select">{crate::tr!(auth.region)}</label>
            <Transition fallback=|| view! { <select id="region-select" name="region" disabled=true></select> }>
                {move || Suspend::new(async move {
                    match regions.await {
                        Ok(Regions { current, available }) => view! {
                            <select id="region-select" name="region">
                                <option value=crate::regions::ALL selected=current == crate::regions::ALL>{crate::tr!(auth.all_regions)}</option>
                                {available.into_iter().map(|r| {
                                    let selected = r == current;
                                    view! { <option value=r.clone() selected=selected>{r.clone()}</option> }
                                }).collect_view()}
                            </select>
                        }.into_any(),
                        Err(e) => view! {
                            <select id="region-select" name="region" disabled=true title=e.message()></select>
                        }.into_any(),
                    }
                })}
            </Transition>
            <button type="submit">{crate::tr!(auth.switch)}</button>
        </form>
    }
}
