//! Regions: name validation, the region list and the picker in the top bar.

use crate::error::AppError;
use leptos::prelude::*;
use leptos_router::{
    components::Form,
    hooks::{use_location, use_query_map},
};
use serde::{Deserialize, Serialize};

/// Whether `name` has the shape of an AWS region name (`us-east-1`, `ap-southeast-2`, `us-gov-west-1`).
pub fn is_valid_region(name: &str) -> bool {
    let parts: Vec<&str> = name.split('-').collect();
    let Some((last, first_parts)) = parts.split_last() else {
        return false;
    };
    parts.len() >= 3
        && name.len() <= 32
        && !last.is_empty()
        && last.bytes().all(|b| b.is_ascii_digit())
        && first_parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase()))
}

/// The regions the caller can choose from, and the one in effect.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Regions {
    /// The region this request resolved to.
    pub current: String,
    /// Region names from `DescribeRegions`, sorted.
    pub available: Vec<String>,
}

/// Lists the regions enabled for the caller's account, as seen from `region` (or the session's).
#[server]
pub async fn list_regions(region: Option<String>) -> Result<Regions, AppError> {
    let mut caller = crate::auth::ssr::Caller::current().await?;
    let current = caller.region(region.as_deref()).await?;
    let out = caller.ec2(&current)?.describe_regions().send().await?;
    let mut available: Vec<String> = out
        .regions()
        .iter()
        .filter_map(|r| r.region_name().map(str::to_string))
        .collect();
    available.sort();
    Ok(Regions { current, available })
}

/// The region named in the URL (`?region=`), if any.
pub fn use_region_param() -> Memo<Option<String>> {
    let query = use_query_map();
    Memo::new(move |_| query.read().get("region").filter(|r| !r.is_empty()))
}

/// The top bar's region picker: a GET form, so it works before and after hydration.
#[component]
pub fn RegionPicker() -> impl IntoView {
    let region = use_region_param();
    let regions = Resource::new(move || region.get(), list_regions);
    let path = use_location().pathname;
    view! {
        <Form method="GET" action=move || path.get()>
            <label for="region-select">"Region"</label>
            <Transition fallback=|| view! { <select id="region-select" name="region" disabled=true></select> }>
                {move || Suspend::new(async move {
                    match regions.await {
                        Ok(Regions { current, available }) => view! {
                            <select id="region-select" name="region">
                                {available.into_iter().map(|r| {
                                    let selected = r == current;
                                    view! { <option value=r.clone() selected=selected>{r.clone()}</option> }
                                }).collect_view()}
                            </select>
                        }.into_any(),
                        Err(e) => view! {
                            <select id="region-select" name="region" disabled=true title=e.to_string()></select>
                        }.into_any(),
                    }
                })}
            </Transition>
            <button type="submit">"Switch"</button>
        </Form>
    }
}

#[cfg(test)]
mod tests {
    use super::is_valid_region;

    #[test]
    fn accepts_real_region_names() {
        for r in [
            "us-east-1",
            "eu-west-3",
            "ap-southeast-2",
            "us-gov-west-1",
            "il-central-1",
        ] {
            assert!(is_valid_region(r), "{r}");
        }
    }

    #[test]
    fn rejects_malformed_names() {
        for r in [
            "",
            "us-east",
            "US-EAST-1",
            "us_east_1",
            "us--1",
            "-east-1",
            "us-east-x",
            "us-east-1 ",
            "../etc",
        ] {
            assert!(!is_valid_region(r), "{r:?}");
        }
    }
}
