//! The Elastic IPs page: list with filter, sort, paging and CSV; allocate, associate,
//! disassociate and release with confirmation.

use super::{
    allocate_address, associate_address, disassociate_address, list_addresses, release_address, AddressInfo,
    AssociationTarget,
};
use crate::auth::{is_writable, use_identity};
use crate::components::confirm::{ConfirmDialog, Confirmation};
use crate::components::copy::CopyButton;
use crate::components::feedback::{ErrorAlert, Loading, Notice, NoticeArea, Notices};
use crate::components::table::{
    download, matches_text, or_empty, to_csv, with_param, Column, DataTable, TextFilter,
};
use crate::error::AppError;
use crate::instances::list_instances;
use crate::region::use_region_param;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;

/// The address list's columns.
pub fn columns() -> Vec<Column<AddressInfo>> {
    vec![
        Column::text("name", "Name", |a| or_empty(&a.name)),
        Column::custom(
            "ip",
            "Public IPv4",
            |a| a.public_ip.clone(),
            |a| {
                let id = a.allocation_id.clone();
                let ip = a.public_ip.clone();
                view! { <a href=move || with_param("id", Some(&id)) class="id-link"><code>{ip}</code></a> }
                    .into_any()
            },
        ),
        Column::text("allocation", "Allocation ID", |a| a.allocation_id.clone()),
        Column::text("instance", "Instance", |a| or_empty(&a.instance_id)),
        Column::text("eni", "Network interface", |a| or_empty(&a.network_interface_id)),
        Column::text("private", "Private IPv4", |a| or_empty(&a.private_ip)),
    ]
}

/// Whether `address` matches the free-text filter (any column, any case).
pub fn matches(address: &AddressInfo, text: &str) -> bool {
    matches_text(address, &columns(), text)
}

/// What the page is asking to confirm.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Pending {
    Disassociate,
    Release,
}

/// The Elastic IPs page.
#[component]
pub fn AddressesPage() -> impl IntoView {
    let region = use_region_param();
    let query = use_query_map();
    let filter = Memo::new(move |_| query.read().get("q").unwrap_or_default());
    let open = Memo::new(move |_| query.read().get("id").filter(|n| !n.is_empty()));
    let identity = use_identity();
    let writable = Signal::derive(move || identity.get().is_some_and(|id| is_writable(&id)));
    let notices = Notices::new();
    let version = RwSignal::new(0u32);
    let list = LocalResource::new(move || {
        version.get();
        list_addresses(region.get())
    });
    let all = Memo::new(move |_| list.get().and_then(Result::ok).unwrap_or_default());
    let rows = Memo::new(move |_| {
        let text = filter.get();
        all.with(|a| {
            a.iter()
                .filter(|x| matches(x, &text))
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let chosen = RwSignal::new(None::<String>);
    Effect::new(move |_| chosen.set(open.get()));
    let current = Memo::new(move |_| {
        let id = chosen.get()?;
        all.with(|a| a.iter().find(|x| x.allocation_id == id).cloned())
    });
    let busy = RwSignal::new(false);
    let pending = RwSignal::new(None::<(Pending, Confirmation)>);
    let associating = RwSignal::new(false);

    let finish = move |attempt: String, done: String, result: Result<(), AppError>| {
        notices.outcome(&attempt, &done, result);
        version.update(|v| *v += 1);
        busy.set(false);
    };
    let allocate = move |_| {
        busy.set(true);
        let region = region.get_untracked();
        spawn_local(async move {
            let result = allocate_address(region).await;
            let done = match &result {
                Ok(a) => {
                    chosen.set(Some(a.allocation_id.clone()));
                    format!("Allocated {} ({})", a.public_ip, a.allocation_id)
                }
                Err(_) => String::new(),
            };
            finish("Allocate address".into(), done, result.map(|_| ()));
        });
    };
    let ask = move |kind: Pending| {
        let Some(a) = current.get_untracked() else { return };
        let target = a.target().unwrap_or_else(|| "nothing".into());
        let request = match kind {
            Pending::Disassociate => Confirmation {
                title: format!("Disassociate {}?", a.public_ip),
                lines: vec![format!("{} stops reaching {target}; the address stays allocated to you.", a.public_ip)],
                confirm_label: "Disassociate".into(),
                typed_word: None,
            },
            Pending::Release => Confirmation {
                title: format!("Release {}?", a.public_ip),
                lines: vec![
                    format!("{} ({}) goes back to AWS's pool; you may never get the same address again.", a.public_ip, a.allocation_id),
                    match a.target() {
                        Some(t) => format!("It is associated with {t}: the console refuses to release it until you disassociate it."),
                        None => "It is not associated with anything.".into(),
                    },
                ],
                confirm_label: "Release".into(),
                typed_word: Some("release".into()),
            },
        };
        pending.set(Some((kind, request)));
    };
    let answer = move |yes: bool| {
        let Some((kind, _)) = pending.get_untracked() else {
            return;
        };
        pending.set(None);
        let Some(a) = current.get_untracked() else { return };
        if !yes {
            return;
        }
        busy.set(true);
        let region = region.get_untracked();
        spawn_local(async move {
            match kind {
                Pending::Disassociate => {
                    let r = disassociate_address(region, a.allocation_id.clone()).await;
                    finish(
                        format!("Disassociate {}", a.public_ip),
                        format!("Disassociated {}", a.public_ip),
                        r,
                    );
                }
                Pending::Release => {
                    let r = release_address(region, a.allocation_id.clone()).await;
                    if r.is_ok() {
                        chosen.set(None);
                    }
                    finish(
                        format!("Release {}", a.public_ip),
                        format!("Released {}", a.public_ip),
                        r,
                    );
                }
            }
        });
    };
    let export = move |_| {
        let region = region.get_untracked().unwrap_or_default();
        download(
            &format!("elastic-ips-{region}.csv"),
            "text/csv",
            &to_csv(&rows.get_untracked(), &columns()),
        );
    };
    let none_chosen = move || current.get().is_none() || !writable.get() || busy.get();

    view! {
        <section class="page">
            <h1>"Elastic IPs"</h1>
            <TextFilter action="/addresses" label="Filter addresses" placeholder="address, allocation ID, instance, name"/>
            <NoticeArea notices/>
            <div class="toolbar" role="toolbar" aria-label="Elastic IP actions">
                <button type="button" class="primary" on:click=allocate disabled=move || !writable.get() || busy.get()>"Allocate Elastic IP address"</button>
                <button type="button" on:click=move |_| associating.set(true) disabled=none_chosen>"Associate"</button>
                <button type="button" on:click=move |_| ask(Pending::Disassociate)
                    disabled=move || none_chosen() || current.with(|c| c.as_ref().is_some_and(|a| a.association_id.is_none()))>"Disassociate"</button>
                <button type="button" on:click=move |_| ask(Pending::Release) disabled=none_chosen>"Release"</button>
                <button type="button" on:click=move |_| version.update(|v| *v += 1)>"Refresh"</button>
                <button type="button" on:click=export>"Export CSV"</button>
                {move || (!writable.get()).then(|| view! { <span class="hint">"Read-only mode: changes are disabled."</span> })}
            </div>
            {move || associating.get().then(|| view! { <AssociateForm current notices done=Callback::new(move |()| { associating.set(false); version.update(|v| *v += 1); })/> })}
            {move || match list.get() {
                None => view! { <Loading label="Loading Elastic IPs…"/> }.into_any(),
                Some(Err(error)) => view! { <ErrorAlert error retry=move || version.update(|v| *v += 1)/> }.into_any(),
                Some(Ok(_)) => view! {
                    <p class="summary" data-testid="address-count">{move || format!("{} address(es)", rows.with(Vec::len))}</p>
                    <DataTable rows=rows columns=columns() row_key=|a: &AddressInfo| a.allocation_id.clone() caption="Elastic IPs" choice=chosen/>
                }.into_any(),
            }}
            {move || current.get().map(|a| view! {
                <section class="details-panel" aria-label=format!("Elastic IP {}", a.public_ip) data-testid="address-details">
                    <h2>{a.public_ip.clone()} " " <CopyButton value=a.public_ip.clone() label="address"/></h2>
                    <dl class="details-grid">
                        <dt>"Allocation ID"</dt><dd>{a.allocation_id.clone()}</dd>
                        <dt>"Associated with"</dt><dd>{a.target().unwrap_or_else(|| "nothing".into())}</dd>
                        <dt>"Association ID"</dt><dd>{or_empty(&a.association_id)}</dd>
                        <dt>"Private IPv4"</dt><dd>{or_empty(&a.private_ip)}</dd>
                    </dl>
                </section>
            })}
            {move || pending.get().map(|(_, request)| view! { <ConfirmDialog request on_answer=answer/> })}
        </section>
    }
}

/// Associates the chosen address with an instance (picked from the region's) or a network interface.
#[component]
fn AssociateForm(current: Memo<Option<AddressInfo>>, notices: Notices, done: Callback<()>) -> impl IntoView {
    let region = use_region_param();
    let instances = LocalResource::new(move || list_instances(region.get(), None));
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
                view! {
                    <div class="field">
                        <label for="assoc-instance-id">"Instance"</label>
                        <select id="assoc-instance-id" on:change=move |ev| instance.set(event_target_value(&ev))>
                            <option value="">"Choose an instance"</option>
                            {move || instances.get().and_then(Result::ok).map(|l| l.instances).unwrap_or_default().into_iter()
                                .filter(|i| i.state != "terminated")
                                .map(|i| view! { <option value=i.id.clone()>{format!("{} · {}", i.display_name(), i.state)}</option> })
                                .collect_view()}
                        </select>
                    </div>
                }.into_any()
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
