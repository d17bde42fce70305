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
        Column::text("name", crate::label!(addresses.col_name), |a| or_empty(&a.name)),
        Column::link(
            "ip",
            crate::label!(addresses.col_public_ip),
            |a| a.public_ip.clone(),
            "id",
        ),
        Column::text("allocation", crate::label!(addresses.col_allocation_id), |a| {
            a.allocation_id.clone()
        }),
        Column::text("instance", crate::label!(addresses.col_instance), |a| {
            or_empty(&a.instance_id)
        }),
        Column::text("eni", crate::label!(addresses.col_eni), |a| {
            or_empty(&a.network_interface_id)
        }),
        Column::text("private", crate::label!(addresses.col_private_ip), |a| {
            or_empty(&a.private_ip)
        }),
    ]
}

/// The address list as the kit shows it.
static LIST: ListSpec<AddressInfo> = ListSpec::new(crate::label!(addresses.caption), columns, |a| {
    a.allocation_id.clone()
})
.texts(
    crate::label!(addresses.loading),
    Some(crate::label!(addresses.count)),
    "address",
    "elastic-ips",
)
.chosen(|a| crate::tr!(addresses.address_label, ip = a.public_ip))
.opened_by("id")
.regional(|a| a.region.clone());

/// How notices name an address.
fn public_ip(a: &AddressInfo) -> String {
    a.public_ip.clone()
}

/// The actions on the chosen address; `associating` opens the associate form.
fn actions(associating: RwSignal<bool>) -> Vec<RowAction<AddressInfo>> {
    vec![
        RowAction::open(crate::tr!(addresses.associate), move |_| associating.set(true)),
        RowAction::call(
            crate::tr!(addresses.disassociate),
            crate::tr!(addresses.disassociated),
            public_ip,
            |region, a| disassociate_address(region, a.allocation_id),
        )
        .when(|a| a.association_id.is_some())
        .confirm(|a| {
            Confirmation::new(
                crate::tr!(addresses.disassociate_title, ip = a.public_ip),
                crate::tr!(addresses.disassociate),
                vec![crate::tr!(
                    addresses.disassociate_line,
                    ip = a.public_ip,
                    target = a.target().unwrap_or_else(|| crate::tr!(addresses.nothing).into()),
                )],
            )
        }),
        RowAction::call(
            crate::tr!(addresses.release),
            crate::tr!(addresses.released),
            public_ip,
            |region, a| release_address(region, a.allocation_id),
        )
        .confirm(|a| {
            Confirmation::new(
                crate::tr!(addresses.release_title, ip = a.public_ip),
                crate::tr!(addresses.release),
                vec![
                    crate::tr!(
                        addresses.release_line,
                        ip = a.public_ip,
                        allocation = a.allocation_id
                    ),
                    match a.target() {
                        Some(t) => crate::tr!(addresses.release_line_associated, target = t),
                        None => crate::tr!(addresses.release_line_free).into(),
                    },
                ],
            )
            .typed("release")
        })
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
            Ok::<_, AppError>(crate::tr!(
                addresses.allocated,
                ip = a.public_ip,
                allocation = a.allocation_id
            ))
        };
        page.perform(crate::tr!(addresses.allocate_attempt).into(), task, |_| ());
    };
    let associated = Callback::new(move |()| {
        associating.set(false);
        page.refresh();
    });
    view! {
        <ResourcePage list title=crate::tr!(addresses.title) path="/addresses" filter_label=crate::tr!(addresses.filter_label)
            placeholder=crate::tr!(addresses.filter_placeholder) toolbar_label=crate::tr!(addresses.toolbar_label)
            actions=actions(associating)
            tools=move || view! {
                <button type="button" class="primary" on:click=allocate
                    disabled=move || !page.writable.get() || page.busy.get()>{crate::tr!(addresses.allocate)}</button>
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
        <h2>{a.public_ip.clone()} " " <CopyButton value=a.public_ip.clone() label=crate::tr!(addresses.copy_what)/></h2>
        <dl class="details-grid">
            <dt>{crate::tr!(addresses.col_allocation_id)}</dt><dd>{a.allocation_id.clone()}</dd>
            <dt>{crate::tr!(addresses.associated_with)}</dt><dd>{a.target().unwrap_or_else(|| crate::tr!(addresses.nothing).into())}</dd>
            <dt>{crate::tr!(addresses.association_id)}</dt><dd>{or_empty(&a.association_id)}</dd>
            <dt>{crate::tr!(addresses.col_private_ip)}</dt><dd>{or_empty(&a.private_ip)}</dd>
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
                    notices.push(Notice::ok(crate::tr!(addresses.associated, ip = a.public_ip)));
                    done.run(());
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <form class="inline-form" on:submit=submit aria-label=crate::tr!(addresses.associate_label) data-testid="associate-form">
            <h2>{move || crate::tr!(addresses.associate_title, ip = current.get().map(|a| a.public_ip).unwrap_or_default())}</h2>
            <fieldset>
                <legend>{crate::tr!(addresses.resource_type)}</legend>
                <div class="field checkbox">
                    <input type="radio" name="assoc-kind" id="assoc-instance" prop:checked=move || kind.get() == "instance" on:change=move |_| kind.set("instance".into())/>
                    <label for="assoc-instance">{crate::tr!(addresses.col_instance)}</label>
                </div>
                <div class="field checkbox">
                    <input type="radio" name="assoc-kind" id="assoc-eni" prop:checked=move || kind.get() == "eni" on:change=move |_| kind.set("eni".into())/>
                    <label for="assoc-eni">{crate::tr!(addresses.col_eni)}</label>
                </div>
            </fieldset>
            {move || if kind.get() == "instance" {
                view! { <InstancePicker id="assoc-instance-id" on_pick=Callback::new(move |id| instance.set(id))/> }.into_any()
            } else {
                view! {
                    <div class="field">
                        <label for="assoc-eni-id">{crate::tr!(addresses.eni_id)}</label>
                        <input id="assoc-eni-id" type="text" placeholder="eni-…" prop:value=move || eni.get() on:input=move |ev| eni.set(event_target_value(&ev))/>
                    </div>
                }.into_any()
            }}
            {move || error.get().map(|error| view! { <ErrorAlert error/> })}
            <div class="button-row">
                <button type="submit" class="primary">{crate::tr!(addresses.associate)}</button>
                <button type="button" on:click=move |_| done.run(())>{crate::tr!(addresses.cancel)}</button>
            </div>
        </form>
    }
}
