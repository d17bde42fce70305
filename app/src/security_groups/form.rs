//! Creating a security group, or copying one (its rules too) into a new group.

use super::{copy_security_group, create_security_group, SecurityGroupInfo};
use crate::components::feedback::ErrorAlert;
use crate::error::AppError;
use crate::network::list_network;
use crate::region::use_region_param;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Creates a group (or copies `source` into one).
#[component]
pub(super) fn GroupForm(
    source: Option<SecurityGroupInfo>,
    done: Callback<Option<(String, String)>>,
) -> impl IntoView {
    let region = use_region_param();
    let network = LocalResource::new(move || list_network(region.get()));
    let vpc = RwSignal::new(source.as_ref().map(|s| s.vpc_id.clone()).unwrap_or_default());
    let name = RwSignal::new(
        source
            .as_ref()
            .map(|s| format!("{}-copy", s.name))
            .unwrap_or_default(),
    );
    let description = RwSignal::new(source.as_ref().map(|s| s.description.clone()).unwrap_or_default());
    let error = RwSignal::new(None::<AppError>);
    let copying = source.as_ref().map(|s| s.id.clone());
    let title = match &source {
        Some(s) => crate::tr!(security_groups.copy_title, name = s.name),
        None => crate::tr!(security_groups.create_group).into(),
    };
    Effect::new(move |_| {
        if let Some(Ok(n)) = network.get() {
            if vpc.with_untracked(String::is_empty) {
                if let Some(v) = n.vpcs.first() {
                    vpc.set(v.id.clone());
                }
            }
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (v, n, d) = (
            vpc.get_untracked(),
            name.get_untracked(),
            description.get_untracked(),
        );
        if let Err(e) = super::check_new_group(&v, &n, &d) {
            return error.set(Some(e));
        }
        let (region, copying) = (region.get_untracked(), copying.clone());
        spawn_local(async move {
            let result = match copying {
                Some(id) => copy_security_group(region, id, n.clone(), d).await,
                None => create_security_group(region, v, n.clone(), d).await,
            };
            match result {
                Ok(id) => done.run(Some((id, n))),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let fixed_vpc = source.is_some();
    view! {
        <form class="inline-form" on:submit=submit aria-labelledby="group-form-h" data-testid="group-form">
            <h2 id="group-form-h">{title}</h2>
            <div class="field">
                <label for="group-name">{crate::tr!(security_groups.group_name)}</label>
                <input id="group-name" type="text" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
            </div>
            <div class="field">
                <label for="group-description">{crate::tr!(security_groups.description)}</label>
                <input id="group-description" type="text" prop:value=move || description.get() on:input=move |ev| description.set(event_target_value(&ev))/>
            </div>
            <div class="field">
                <label for="group-vpc">{crate::tr!(security_groups.vpc)}</label>
                <select id="group-vpc" disabled=fixed_vpc on:change=move |ev| vpc.set(event_target_value(&ev))>
                    {move || network.get().and_then(Result::ok).unwrap_or_default().vpcs.into_iter().map(|v| {
                        let id = v.id.clone();
                        let text = if v.is_default {
                            crate::tr!(security_groups.vpc_option_default, id = v.id, cidr = v.cidr)
                        } else {
                            format!("{} · {}", v.id, v.cidr)
                        };
                        view! { <option value=id.clone() selected=move || vpc.get() == id>{text}</option> }
                    }).collect_view()}
                </select>
            </div>
            {move || error.get().map(|error| view! { <ErrorAlert error/> })}
            <div class="button-row">
                <button type="submit" class="primary">{if fixed_vpc { crate::tr!(security_groups.copy_group) } else { crate::tr!(security_groups.create_group) }}</button>
                <button type="button" on:click=move |_| done.run(None)>{crate::tr!(security_groups.cancel)}</button>
            </div>
        </form>
    }
}
