//! The Elastic IPs page: list with filter, sort, paging and CSV; allocate, associate,
//! disassociate and release with confirmation.

use super::{
    allocate_address, associate_address, disassociate_address, list_addresses, release_address, AddressInfo,
    AssociationTarget,
};
use crate::components::confirm::Confirmation;
use crate::components::copy::CopyButton;
use crate::components::feedback::{ErrorAlert, Notice, Notices};
use crate::components::resource::{ListSpec, PageState, ResourceList, ResourcePage, RowAction};
use crate::components::table::{or_empty, Column};
use crate::error::AppError;
use crate::instances::picker::InstancePicker;
use crate::region::use_region_param;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;

/// The address list's columns.
pub fn columns() -> Vec<Column<AddressInfo>> {
    vec![
        Column::text("name", "Name", |a| or_empty(&a.name)),
        Column::link("ip", "Public IPv4", |a| a.public_ip.clone(), "id"),
        Column::text("allocation", "Allocation ID", |a| a.allocation_id.clone()),
        Column::text("instance", "Instance", |a| or_empty(&a.instance_id)),
        Column::text("eni", "Network interface", |a| or_empty(&a.network_interface_id)),
        Column::text("private", "Private IPv4", |a| or_empty(&a.private_ip)),
    ]
}

/// The address list as the kit shows it.
static LIST: ListSpec<AddressInfo> = ListSpec::new("Elastic IPs", columns, |a| a.allocation_id.clone())
    .texts("Loading Elastic IPs…", "address(es)", "address", "elastic-ips")
    .chosen(|a| format!("Elastic IP {}", a.public_ip))
    .opened_by("id")
    .regional(|a| a.region.clone());

/// How notices name an address.
fn public_ip(a: &AddressInfo) -> String {
    a.public_ip.clone()
}

/// The actions on the chosen address; `associating` opens the associate form.
fn actions(associating: RwSignal<bool>) -> Vec<RowAction<AddressInfo>> {
    vec![
        RowAction::open("Associate", move |_| associating.set(true)),
        RowAction::call("Disassociate", "Disassociated", public_ip, |region, a| {
            disassociate_address(region, a.allocation_id)
        })
        .when(|a| a.association_id.is_some())
        .confirm(|a| Confirmation::new(format!("Disassociate {}?", a.public_ip), "Disassociate", vec![format!(
                "{} stops reaching {}; the address stays allocated to you.",
                a.public_ip,
                a.target().unwrap_or_else(|| "nothing".into())
            )])),
        RowAction::call("Release", "Released", public_ip, |region, a| release_address(region, a.allocation_id))
        .confirm(|a| Confirmation::new(format!("Release {}?", a.public_ip), "Release", vec![
                format!(
                    "{} ({}) goes back to AWS's pool; you may never get the same address again.",
                    a.public_ip, a.allocation_id
                ),
                match a.target() {
                    Some(t) => format!(
                        "It is associated with {t}: the console refuses to release it until you disassociate it."
                    ),
                    None => "It is not associated with anything.".into(),
                },
            ]).typed("release"))
        .forgets_row(),
    ]
}

/// The Elastic IPs page.
#[component]
pub fn AddressesPage() -> impl IntoView {
    let page = PageState::new();
    let list = ResourceList::load_across(page, &LIST, list_addresses);
    let associating = RwSignal::new(false);
    let allocate = move |_| {
        let region = page.region.get_untracked();
        let task = async move {
            let a = allocate_address(region).await?;
            list.chosen.set(Some(a.allocation_id.clone()));
            Ok::<_, AppError>(format!("Allocated {} ({})", a.public_ip, a.allocation_id))
        };
        page.perform("Allocate address".into(), task, |_| ());
    };
    let associated = Callback::new(move |()| {
        associating.set(false);
        page.refresh();
    });
    view! {
        <ResourcePage list title="Elastic IPs" path="/addresses" filter_label="Filter addresses"
            placeholder="address, allocation ID, instance, name" toolbar_label="Elastic IP actions"
            actions=actions(associating)
            tools=move || view! {
                <button type="button" class="primary" on:click=allocate
                    disabled=move || !page.writable.get() || page.busy.get()>"Allocate Elastic IP address"</button>
            }
            panel=move || move || associating.get().then(|| view! {
                <AssociateForm current=list.current notices=page.notices done=associated/>
            })
            details=Arc::new(details)/>
    }
}

/// The details panel of an address.
fn details(a: AddressInfo) -> AnyView {
    view! {
        <h2>{a.public_ip.clone()} " " <CopyButton value=a.public_ip.clone() label="address"/></h2>
        <dl class="details-grid">
            <dt>"Allocation ID"</dt><dd>{a.allocation_id.clone()}</dd>
            <dt>"Associated with"</dt><dd>{a.target().unwrap_or_else(|| "nothing".into())}</dd>
            <dt>"Association ID"</dt><dd>{or_empty(&a.association_id)}</dd>
            <dt>"Private IPv4"</dt><dd>{or_empty(&a.private_ip)}</dd>
        </dl>
    }
    .into_any()
}

/// Associates the chosen address with an instance (picked from the region's) or a network interface.
#[component]
fn AssociateForm(current: Memo<Option<AddressInfo>>, notices: Notices, done: Callback<()>) -> impl IntoView {
    let region = use_region_param();
    let kind = RwSignal::new("instance".to_string());
    let instance = RwSignal::new(String::new());
    let eni = RwSignal::new(String::new());
    let error = RwSignal::new(None::<AppError>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(a) = current.get_untracked() else { return };
        let target = if kind.get_untracked() == "instance" {
            AssociationTarget::Instance(instance.get_untracked())
        } else {
            AssociationTarget::NetworkInterface(eni.get_untracked().trim().to_string())
        };
        if let Err(e) = super::check_target(&target) {
            error.set(Some(e));
            return;
        }
        let region = region.get_untracked();
        spawn_local(async move {
            match associate_address(region, a.allocation_id.clone(), target).await {
                Ok(_) => {
                    notices.push(Notice::ok(format!("Associated {}", a.public_ip)));
                    done.run(());
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <form class="inline-form" on:submit=submit aria-label="Associate Elastic IP" data-testid="associate-form">
            <h2>{move || format!("Associate {}", current.get().map(|a| a.public_ip).unwrap_or_default())}</h2>
            <fieldset>
                <legend>"Resource type"</legend>
                <div class="field checkbox">
                    <input type="radio" name="assoc-kind" id="assoc-instance" prop:checked=move || kind.get() == "instance" on:change=move |_| kind.set("instance".into())/>
                    <label for="assoc-instance">"Instance"</label>
                </div>
                <div class="field checkbox">
                    <input type="radio" name="assoc-kind" id="assoc-eni" prop:checked=move || kind.get() == "eni" on:change=move |_| kind.set("eni".into())/>
                    <label for="assoc-eni">"Network interface"</label>
                </div>
            </fieldset>
            {move || if kind.get() == "instance" {
                view! { <InstancePicker id="assoc-instance-id" on_pick=Callback::new(move |id| instance.set(id))/> }.into_any()
            } else {
                view! {
                    <div class="field">
                        <label for="assoc-eni-id">"Network interface ID"</label>
                        <input id="assoc-eni-id" type="text" placeholder="eni-…" prop:value=move || eni.get() on:input=move |ev| eni.set(event_target_value(&ev))/>
                    </div>
                }.into_any()
            }}
            {move || error.get().map(|error| view! { <ErrorAlert error/> })}
            <div class="button-row">
                <button type="submit" class="primary">"Associate"</button>
                <button type="button" on:click=move |_| done.run(())>"Cancel"</button>
            </div>
        </form>
    }
}
