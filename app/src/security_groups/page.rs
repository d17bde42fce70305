//! The Security groups page: list with filter, sort, paging and CSV; details with a rule editor
//! for inbound and outbound rules; create, copy and delete (refused while in use).

use super::form::GroupForm;
use super::rules::RuleEditor;
use super::{
    delete_security_group, describe_security_group, list_security_groups, Direction, GroupDetails,
    SecurityGroupInfo,
};
use crate::components::confirm::Confirmation;
use crate::components::feedback::{ErrorAlert, Loading, Notice};
use crate::components::resource::{ListSpec, PageState, ResourceList, ResourcePage, RowAction};
use crate::components::table::Column;
use leptos::prelude::*;
use std::sync::Arc;

/// The group list's columns.
pub fn columns() -> Vec<Column<SecurityGroupInfo>> {
    vec![
        Column::text("name", crate::label!(security_groups.name), |g| g.name.clone()),
        Column::link(
            "id",
            crate::label!(security_groups.group_id),
            |g| g.id.clone(),
            "id",
        ),
        Column::text("vpc", crate::label!(security_groups.vpc), |g| g.vpc_id.clone()),
        Column::text("description", crate::label!(security_groups.description), |g| {
            g.description.clone()
        }),
        Column::text("inbound", crate::label!(security_groups.inbound_rules), |g| {
            g.inbound_rules.to_string()
        }),
        Column::text("outbound", crate::label!(security_groups.outbound_rules), |g| {
            g.outbound_rules.to_string()
        }),
    ]
}

/// The group list as the kit shows it.
static LIST: ListSpec<SecurityGroupInfo> =
    ListSpec::new(crate::label!(security_groups.caption), columns, |g| g.id.clone())
        .texts(
            crate::label!(security_groups.loading),
            Some(crate::label!(security_groups.count)),
            "group",
            "security-groups",
        )
        .chosen(|_| crate::tr!(security_groups.details_label).into())
        .opened_by("id")
        .regional(|g| g.region.clone());

/// The delete confirmation, naming what still uses the group.
async fn confirm_delete(region: Option<String>, group: SecurityGroupInfo) -> Confirmation {
    let used = match describe_security_group(region, group.id.clone()).await {
        Ok(d) if d.used_by.is_empty() => crate::tr!(security_groups.nothing_uses_it).to_string(),
        Ok(d) => crate::tr!(security_groups.in_use_by, users = d.used_by.join(", ")),
        Err(e) => crate::tr!(security_groups.check_users_failed, reason = e.describe()),
    };
    Confirmation::new(
        crate::tr!(security_groups.delete_title, name = group.name),
        crate::tr!(security_groups.delete),
        vec![
            crate::tr!(
                security_groups.delete_consequence,
                name = group.name,
                id = group.id
            ),
            used,
        ],
    )
    .typed("delete")
}

/// The details panel: the group's description, what uses it, and its rules in two tabs.
#[component]
fn GroupPanel(list: ResourceList<SecurityGroupInfo>, id: String) -> impl IntoView {
    let page = list.page;
    let details = LocalResource::new(move || {
        page.version.get();
        describe_security_group(page.region.get(), id.clone())
    });
    let tab = RwSignal::new(Direction::Inbound);
    let saved = Callback::new(move |d: GroupDetails| {
        page.notices.push(Notice::ok(crate::tr!(
            security_groups.rules_saved,
            name = d.info.name
        )));
        page.refresh();
    });
    let writable = page.writable;
    move || match details.get() {
        Some(Ok(d)) => {
            let d2 = d.clone();
            view! {
                <h2>{format!("{} ({})", d.info.name, d.info.id)}</h2>
                <dl class="details-grid">
                    <dt>{crate::tr!(security_groups.description)}</dt><dd>{d.info.description.clone()}</dd>
                    <dt>{crate::tr!(security_groups.vpc)}</dt><dd>{d.info.vpc_id.clone()}</dd>
                    <dt>{crate::tr!(security_groups.used_by)}</dt><dd>{if d.used_by.is_empty() { crate::tr!(security_groups.used_by_nothing).to_string() } else { d.used_by.join(", ") }}</dd>
                </dl>
                <div role="tablist" aria-label=crate::tr!(security_groups.rules) class="tabs">
                    {[Direction::Inbound, Direction::Outbound].into_iter().map(|dir| view! {
                        <button type="button" role="tab" aria-selected=move || (tab.get() == dir).to_string() class:active=move || tab.get() == dir
                            on:click=move |_| tab.set(dir)>{dir.rules_title()}</button>
                    }).collect_view()}
                </div>
                {move || view! { <RuleEditor details=d2.clone() direction=tab.get() writable saved/> }}
            }
            .into_any()
        }
        Some(Err(error)) => view! { <ErrorAlert error/> }.into_any(),
        None => view! { <Loading label=crate::tr!(security_groups.loading_rules)/> }.into_any(),
    }
}

/// The Security groups page.
#[component]
pub fn SecurityGroupsPage() -> impl IntoView {
    let page = PageState::new();
    let list = ResourceList::load_across(page, &LIST, |region| list_security_groups(region, None));
    let form = RwSignal::new(None::<Option<SecurityGroupInfo>>);
    let form_done = Callback::new(move |made: Option<(String, String)>| {
        if let Some((id, name)) = made {
            page.notices.push(Notice::ok(crate::tr!(
                security_groups.created,
                name = name,
                id = id
            )));
            list.chosen.set(Some(id));
            page.refresh();
        }
        form.set(None);
    });
    let actions = vec![
        RowAction::open(crate::tr!(security_groups.copy_to_new_group), move |g| {
            form.set(Some(Some(g)))
        }),
        RowAction::reporting(
            crate::tr!(security_groups.delete),
            |g: &SecurityGroupInfo| g.id.clone(),
            |region, g: SecurityGroupInfo| {
                let done = crate::tr!(security_groups.deleted, id = g.id);
                let call = delete_security_group(region, g.id);
                async move { call.await.map(|()| done) }
            },
        )
        .confirm_after(confirm_delete)
        .forgets_row(),
    ];
    view! {
        <ResourcePage list title=crate::tr!(security_groups.title) path="/security-groups" filter_label=crate::tr!(security_groups.filter_label)
            placeholder=crate::tr!(security_groups.filter_placeholder) toolbar_label=crate::tr!(security_groups.toolbar_label) actions
            tools=move || view! {
                <button type="button" class="primary" on:click=move |_| form.set(Some(None))
                    disabled=move || !page.writable.get()>{crate::tr!(security_groups.create_group)}</button>
            }
            panel=move || move || form.get().map(|source| view! { <GroupForm source done=form_done/> })
            details=Arc::new(move |g: SecurityGroupInfo| view! { <GroupPanel list id=g.id/> }.into_any())/>
    }
}
