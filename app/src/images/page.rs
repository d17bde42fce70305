//! The AMIs page: images owned by me (default), shared with me or public, searched with paging;
//! details; create an image from an instance; deregister (optionally deleting its snapshots);
//! launch from an image.

use super::{create_image, deregister_image, search_images, ImageInfo, ImageScope};
use crate::auth::{is_writable, use_identity};
use crate::components::confirm::{ConfirmDialog, Confirmation};
use crate::components::feedback::{ErrorAlert, Loading, Notice, NoticeArea, Notices};
use crate::components::table::{download, href, to_csv, Column, DataTable, TextFilter};
use crate::error::AppError;
use crate::instances::list_instances;
use crate::region::use_region_param;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;

/// The image list's columns (also the launch page's search results).
pub fn columns() -> Vec<Column<ImageInfo>> {
    vec![
        Column::text("name", "Name", |i| i.name.clone()),
        Column::custom(
            "id",
            "AMI ID",
            |i| i.id.clone(),
            |i| view! { <code>{i.id.clone()}</code> }.into_any(),
        ),
        Column::text("arch", "Architecture", |i| i.architecture.clone()),
        Column::text("root", "Root device", |i| i.root_device_type.clone()),
        Column::text("virt", "Virtualization", |i| i.virtualization.clone()),
        Column::text("state", "State", |i| i.state.clone()),
        Column::text("created", "Created", |i| i.creation_date.clone()),
        Column::text("owner", "Owner", |i| i.owner_id.clone()),
    ]
}

/// The scope named in the URL (`mine`, `shared`, `public`).
pub fn scope_of(param: Option<&str>) -> ImageScope {
    match param {
        Some("shared") => ImageScope::Shared,
        Some("public") => ImageScope::Public,
        _ => ImageScope::Mine,
    }
}

fn scope_param(scope: ImageScope) -> &'static str {
    match scope {
        ImageScope::Mine => "mine",
        ImageScope::Shared => "shared",
        ImageScope::Public => "public",
    }
}

/// The AMIs page.
#[component]
pub fn ImagesPage() -> impl IntoView {
    let region = use_region_param();
    let query = use_query_map();
    let text = Memo::new(move |_| query.read().get("q").unwrap_or_default());
    let scope = Memo::new(move |_| scope_of(query.read().get("scope").as_deref()));
    let identity = use_identity();
    let writable = Signal::derive(move || identity.get().is_some_and(|id| is_writable(&id)));
    let notices = Notices::new();
    let version = RwSignal::new(0u32);
    let found = LocalResource::new(move || {
        version.get();
        search_images(region.get(), scope.get(), text.get())
    });
    let rows = Memo::new(move |_| {
        found
            .get()
            .and_then(Result::ok)
            .map(|f| f.images)
            .unwrap_or_default()
    });
    let chosen = RwSignal::new(None::<String>);
    let current = Memo::new(move |_| {
        let id = chosen.get()?;
        rows.with(|r| r.iter().find(|i| i.id == id).cloned())
    });
    let creating = RwSignal::new(false);
    let pending = RwSignal::new(None::<(ImageInfo, Confirmation)>);
    let also_snapshots = RwSignal::new(true);

    let ask = move |_| {
        let Some(image) = current.get_untracked() else {
            return;
        };
        let lines = vec![
            format!(
                "{} can no longer be used to launch instances; running instances are not affected.",
                image.label()
            ),
            if image.snapshot_ids.is_empty() {
                "It uses no EBS snapshots.".to_string()
            } else {
                format!("Its snapshots: {}", image.snapshot_ids.join(", "))
            },
        ];
        also_snapshots.set(!image.snapshot_ids.is_empty());
        pending.set(Some((
            image.clone(),
            Confirmation {
                title: format!("Deregister {}?", image.id),
                lines,
                confirm_label: "Deregister".into(),
                typed_word: Some("deregister".into()),
            },
        )));
    };
    let answer = move |yes: bool| {
        let Some((image, _)) = pending.get_untracked() else {
            return;
        };
        pending.set(None);
        if !yes {
            return;
        }
        let (region, delete) = (region.get_untracked(), also_snapshots.get_untracked());
        spawn_local(async move {
            match deregister_image(region, image.id.clone(), delete).await {
                Ok(deleted) => {
                    let tail = if deleted.is_empty() {
                        String::new()
                    } else {
                        format!(" and deleted {}", deleted.join(", "))
                    };
                    notices.push(Notice::ok(format!("Deregistered {}{tail}", image.id)));
                    chosen.set(None);
                    version.update(|v| *v += 1);
                }
                Err(e) => notices.push(Notice::error(
                    format!("Deregister {}: {}", image.id, e.title()),
                    e.to_string(),
                )),
            }
        });
    };
    let export = move |_| {
        let region = region.get_untracked().unwrap_or_default();
        download(
            &format!("amis-{region}.csv"),
            "text/csv",
            &to_csv(&rows.get_untracked(), &columns()),
        );
    };
    let created = Callback::new(move |id: Option<String>| {
        if let Some(id) = id {
            notices.push(Notice::ok(format!("Creating image {id}")));
            version.update(|v| *v += 1);
        }
        creating.set(false);
    });
    let tab = move |s: ImageScope, label: &'static str| {
        let link = move || {
            let mut pairs = vec![("scope", scope_param(s))];
            let r = region.get().unwrap_or_default();
            let t = text.get();
            let mut out = pairs
                .drain(..)
                .map(|(k, v)| (k, v.to_string()))
                .collect::<Vec<_>>();
            if !r.is_empty() {
                out.push(("region", r));
            }
            if !t.is_empty() {
                out.push(("q", t));
            }
            href(
                "/images",
                &out.iter().map(|(k, v)| (*k, v.as_str())).collect::<Vec<_>>(),
            )
        };
        view! { <a href=link role="tab" aria-selected=move || (scope.get() == s).to_string() class:active=move || scope.get() == s>{label}</a> }
    };

    view! {
        <section class="page">
            <h1>"AMIs"</h1>
            <nav class="tabs" role="tablist" aria-label="Which images">
                {tab(ImageScope::Mine, "Owned by me")}
                {tab(ImageScope::Shared, "Shared with me")}
                {tab(ImageScope::Public, "Public images")}
            </nav>
            <TextFilter action="/images" label="Search by name, description, AMI ID or architecture" placeholder="e.g. ubuntu, ami-…, arm64" keep=&["scope"]/>
            <NoticeArea notices/>
            <div class="toolbar" role="toolbar" aria-label="AMI actions">
                <button type="button" class="primary" on:click=move |_| creating.set(true) disabled=move || !writable.get()>"Create image from an instance"</button>
                {move || current.get().map(|i| view! {
                    <a class="button" href=href("/launch", &[("region", region.get().unwrap_or_default().as_str()), ("image", i.id.as_str())])>"Launch instance from AMI"</a>
                })}
                <button type="button" on:click=ask disabled=move || current.get().is_none() || !writable.get() || scope.get() != ImageScope::Mine>"Deregister"</button>
                <button type="button" on:click=move |_| version.update(|v| *v += 1)>"Refresh"</button>
                <button type="button" on:click=export>"Export CSV"</button>
            </div>
            {move || creating.get().then(|| view! { <CreateImageForm done=created/> })}
            {move || match found.get() {
                None => view! { <Loading label="Loading images…"/> }.into_any(),
                Some(Err(error)) => view! { <ErrorAlert error retry=move || version.update(|v| *v += 1)/> }.into_any(),
                Some(Ok(result)) => view! {
                    <p class="summary" data-testid="image-count">{format!("{} image(s){}", result.images.len(), if result.truncated { " — more matched; refine the search" } else { "" })}</p>
                    <DataTable rows=rows columns=columns() row_key=|i: &ImageInfo| i.id.clone() caption="AMIs" choice=chosen/>
                }.into_any(),
            }}
            {move || current.get().map(|i| view! {
                <section class="details-panel" aria-label=format!("AMI {}", i.id) data-testid="image-details">
                    <h2>{i.label()}</h2>
                    <dl class="details-grid">
                        <dt>"Description"</dt><dd>{i.description.clone()}</dd>
                        <dt>"State"</dt><dd>{i.state.clone()}</dd>
                        <dt>"Architecture"</dt><dd>{i.architecture.clone()}</dd>
                        <dt>"Root device"</dt><dd>{format!("{} ({})", i.root_device_type, i.root_device_name)}</dd>
                        <dt>"Block devices"</dt><dd><ul>{i.block_devices.iter().map(|b| view! { <li>{b.clone()}</li> }).collect_view()}</ul></dd>
                        <dt>"Virtualization"</dt><dd>{i.virtualization.clone()}</dd>
                        <dt>"Created"</dt><dd>{i.creation_date.clone()}</dd>
                        <dt>"Owner"</dt><dd>{i.owner_id.clone()}</dd>
                        <dt>"Visibility"</dt><dd>{if i.public { "public" } else { "private" }}</dd>
                    </dl>
                </section>
            })}
            {move || pending.get().map(|(image, request)| view! {
                <ConfirmDialog request on_answer=answer>
                    {(!image.snapshot_ids.is_empty()).then(|| view! {
                        <div class="field checkbox">
                            <input type="checkbox" id="delete-snapshots" prop:checked=move || also_snapshots.get()
                                on:change=move |ev| also_snapshots.set(event_target_checked(&ev))/>
                            <label for="delete-snapshots">"Also delete its snapshots"</label>
                        </div>
                    })}
                </ConfirmDialog>
            })}
        </section>
    }
}

/// Creates an image from one of the region's instances.
#[component]
fn CreateImageForm(done: Callback<Option<String>>) -> impl IntoView {
    let region = use_region_param();
    let instances = LocalResource::new(move || list_instances(region.get(), None));
    let instance = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let no_reboot = RwSignal::new(false);
    let excluded = RwSignal::new(Vec::<String>::new());
    let error = RwSignal::new(None::<AppError>);
    let devices = LocalResource::new(move || {
        let (id, region) = (instance.get(), region.get());
        async move {
            if id.is_empty() {
                None
            } else {
                Some(crate::instances::describe_instance(region, id).await)
            }
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (i, n, d) = (
            instance.get_untracked(),
            name.get_untracked(),
            description.get_untracked(),
        );
        if let Err(e) = crate::instances::actions::check_id(&i).and_then(|_| super::check_image_name(&n)) {
            return error.set(Some(e));
        }
        let region = region.get_untracked();
        let quick = no_reboot.get_untracked();
        let exclude = excluded.get_untracked();
        spawn_local(async move {
            match create_image(region, i, n, d, quick, exclude).await {
                Ok(id) => done.run(Some(id)),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <form class="inline-form" on:submit=submit aria-labelledby="create-image-h" data-testid="create-image-form">
            <h2 id="create-image-h">"Create image from an instance"</h2>
            <div class="field">
                <label for="image-instance">"Instance"</label>
                <select id="image-instance" on:change=move |ev| { excluded.set(vec![]); instance.set(event_target_value(&ev)); }>
                    <option value="">"Choose an instance"</option>
                    {move || instances.get().and_then(Result::ok).map(|l| l.instances).unwrap_or_default().into_iter()
                        .filter(|i| i.state != "terminated")
                        .map(|i| view! { <option value=i.id.clone()>{format!("{} · {}", i.display_name(), i.state)}</option> })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="image-name">"Image name"</label>
                <input id="image-name" type="text" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
            </div>
            <div class="field">
                <label for="image-description">"Description"</label>
                <input id="image-description" type="text" prop:value=move || description.get() on:input=move |ev| description.set(event_target_value(&ev))/>
            </div>
            <div class="field checkbox">
                <input type="checkbox" id="image-no-reboot" prop:checked=move || no_reboot.get() on:change=move |ev| no_reboot.set(event_target_checked(&ev))/>
                <label for="image-no-reboot">"No reboot (faster, but the file systems may not be consistent)"</label>
            </div>
            <fieldset data-testid="image-volumes">
                <legend>"Volumes in the image"</legend>
                {move || match devices.get() {
                    Some(Some(Ok(d))) => {
                        let names: Vec<String> = d.block_devices.iter().map(|b| b.device.clone()).collect();
                        let root = super::root_device(&d.root_device_name.clone().unwrap_or_default(), &names).unwrap_or_default();
                        d.block_devices.into_iter().map(|b| {
                            let id = format!("image-volume-{}", b.device.replace('/', "-"));
                            let is_root = b.device == root;
                            let device = b.device.clone();
                            let toggle = b.device.clone();
                            let label = format!("{} · {} · {} GiB {}{}", b.device, b.volume_id, b.size_gib.unwrap_or_default(), b.volume_type.clone().unwrap_or_default(), if is_root { " (root, always included)" } else { "" });
                            view! {
                                <div class="field checkbox">
                                    <input type="checkbox" id=id.clone() disabled=is_root
                                        prop:checked=move || !excluded.with(|e| e.contains(&device))
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            let d = toggle.clone();
                                            excluded.update(|e| { e.retain(|x| *x != d); if !on { e.push(d); } });
                                        }/>
                                    <label for=id>{label}</label>
                                </div>
                            }
                        }).collect_view().into_any()
                    }
                    Some(Some(Err(error))) => view! { <ErrorAlert error/> }.into_any(),
                    Some(None) | None => view! { <p class="hint">"Choose an instance to see its volumes."</p> }.into_any(),
                }}
            </fieldset>
            {move || error.get().map(|error| view! { <ErrorAlert error/> })}
            <div class="button-row">
                <button type="submit" class="primary">"Create image"</button>
                <button type="button" on:click=move |_| done.run(None)>"Cancel"</button>
            </div>
        </form>
    }
}
