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
        Column::text("name", "Name", |g| g.name.clone()),
        Column::link("id", "Group ID", |g| g.id.clone(), "id"),
        Column::text("vpc", "VPC", |g| g.vpc_id.clone()),
        Column::text("description", "Description", |g| g.description.clone()),
        Column::text("inbound", "Inbound rules", |g| g.inbound_rules.to_string()),
        Column::text("outbound", "Outbound rules", |g| g.outbound_rules.to_string()),
    ]
}

/// The group list as the kit shows it.
static LIST: ListSpec<SecurityGroupInfo> = ListSpec::new("Security groups", columns, |g| g.id.clone())
    .texts(
        "Loading security groups…",
        "security group(s)",
        "group",
        "security-groups",
    )
    .chosen(|_| "Security group details".into())
    .opened_by("id")
    .regional(|g| g.region.clone());

/// The delete confirmation, naming what still uses the group.
async fn confirm_delete(region: Option<String>, group: SecurityGroupInfo) -> Confirmation {
    let used = match describe_security_group(region, group.id.clone()).await {
        Ok(d) if d.used_by.is_empty() => "Nothing uses it.".to_string(),
        Ok(d) => format!(
            "In use by {}: the console refuses to delete it until they stop using it.",
            d.used_by.join(", ")
        ),
        Err(e) => format!("Could not check what uses it: {e}"),
    };
    Confirmation::new(
        format!("Delete {}?", group.name),
        "Delete",
        vec![
            format!("{} ({}) and its rules are deleted.", group.name, group.id),
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
        page.notices
            .push(Notice::ok(format!("Saved the rules of {}", d.info.name)));
        page.refresh();
    });
    let writable = page.writable;
    move || match details.get() {
        Some(Ok(d)) => {
            let d2 = d.clone();
            view! {
                <h2>{format!("{} ({})", d.info.name, d.info.id)}</h2>
                <dl class="details-grid">
                    <dt>"Description"</dt><dd>{d.info.description.clone()}</dd>
                    <dt>"VPC"</dt><dd>{d.info.vpc_id.clone()}</dd>
                    <dt>"Used by"</dt><dd>{if d.used_by.is_empty() { "nothing".to_string() } else { d.used_by.join(", ") }}</dd>
                </dl>
                <div role="tablist" aria-label="Rules" class="tabs">
                    {[Direction::Inbound, Direction::Outbound].into_iter().map(|dir| view! {
                        <button type="button" role="tab" aria-selected=move || (tab.get() == dir).to_string() class:active=move || tab.get() == dir
                            on:click=move |_| tab.set(dir)>{format!("{} rules", dir.label())}</button>
                    }).collect_view()}
                </div>
                {move || view! { <RuleEditor details=d2.clone() direction=tab.get() writable saved/> }}
            }
            .into_any()
        }
        Some(Err(error)) => view! { <ErrorAlert error/> }.into_any(),
        None => view! { <Loading label="Loading rules…"/> }.into_any(),
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
            page.notices
                .push(Notice::ok(format!("Created security group {name} ({id})")));
            list.chosen.set(Some(id));
            page.refresh();
        }
        form.set(None);
    });
    let actions = vec![
        RowAction::open("Copy to new group", move |g| form.set(Some(Some(g)))),
        RowAction::call(
            "Delete",
            "Deleted",
            |g: &SecurityGroupInfo| g.id.clone(),
            |region, g| delete_security_group(region, g.id),
        )
        .confirm_after(confirm_delete)
        .forgets_row(),
    ];
    view! {
        <ResourcePage list title="Security groups" path="/security-groups" filter_label="Filter security groups"
            placeholder="name, ID, VPC, description" toolbar_label="Security group actions" actions
            tools=move || view! {
                <button type="button" class="primary" on:click=move |_| form.set(Some(None))
                    disabled=move || !page.writable.get()>"Create security group"</button>
            }
            panel=move || move || form.get().map(|source| view! { <GroupForm source done=form_done/> })
            details=Arc::new(move |g: SecurityGroupInfo| view! { <GroupPanel list id=g.id/> }.into_any())/>
    }
}
