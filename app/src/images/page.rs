//! The AMIs page: images owned by me (default), shared with me or public, searched with paging;
//! details; create an image from an instance; deregister (optionally deleting its snapshots);
//! launch from an image.

use super::{create_image, deregister_image, search_images, ImageInfo, ImageScope};
use crate::components::confirm::Confirmation;
use crate::components::feedback::{ErrorAlert, Notice};
use crate::components::resource::{ListSpec, PageState, ResourceList, ResourcePage, RowAction};
use crate::components::table::{href, Column};
use crate::error::AppError;
use crate::instances::picker::InstancePicker;
use crate::region::use_region_param;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;
use std::sync::Arc;

/// The image list's columns (also the launch page's search results).
pub fn columns() -> Vec<Column<ImageInfo>> {
    vec![
        Column::text("name", "Name", |i| i.name.clone()),
        Column::code("id", "AMI ID", |i| i.id.clone()),
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

/// The image list as the kit shows it (the server searches with `?q=`).
static LIST: ListSpec<ImageInfo> = ListSpec::new("AMIs", columns, |i| i.id.clone())
    .texts("Loading images…", "image(s)", "image", "amis")
    .chosen(|i| format!("AMI {}", i.id))
    .unfiltered();

/// Deregister, on images of my own; `also_snapshots` is the dialog's "also delete its snapshots".
fn deregister(scope: Memo<ImageScope>, also_snapshots: RwSignal<bool>) -> RowAction<ImageInfo> {
    RowAction::reporting(
        "Deregister",
        |i: &ImageInfo| i.id.clone(),
        move |region, image: ImageInfo| async move {
            let deleted = deregister_image(region, image.id.clone(), also_snapshots.get_untracked()).await?;
            let tail = if deleted.is_empty() {
                String::new()
            } else {
                format!(" and deleted {}", deleted.join(", "))
            };
            Ok::<_, AppError>(format!("Deregistered {}{tail}", image.id))
        },
    )
    .when(move |_| scope.get() == ImageScope::Mine)
    .confirm_after(move |_, image: ImageInfo| {
        also_snapshots.set(!image.snapshot_ids.is_empty());
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
        std::future::ready(
            Confirmation::new(format!("Deregister {}?", image.id), "Deregister", lines).typed("deregister"),
        )
    })
    .choices(move |image| {
        (!image.snapshot_ids.is_empty())
            .then(|| {
                view! {
                    <div class="field checkbox">
                        <input type="checkbox" id="delete-snapshots" prop:checked=move || also_snapshots.get()
                            on:change=move |ev| also_snapshots.set(event_target_checked(&ev))/>
                        <label for="delete-snapshots">"Also delete its snapshots"</label>
                    </div>
                }
            })
            .into_any()
    })
    .forgets_row()
}

/// The AMIs page.
#[component]
pub fn ImagesPage() -> impl IntoView {
    let page = PageState::new();
    let region = page.region;
    let query = use_query_map();
    let text = Memo::new(move |_| query.read().get("q").unwrap_or_default());
    let scope = Memo::new(move |_| scope_of(query.read().get("scope").as_deref()));
    let truncated = RwSignal::new(false);
    let list = ResourceList::load(page, &LIST, move |region| {
        let (scope, text) = (scope.get(), text.get());
        async move {
            let found = search_images(region, scope, text).await?;
            truncated.set(found.truncated);
            Ok::<_, AppError>(found.images)
        }
    });
    let creating = RwSignal::new(false);
    let also_snapshots = RwSignal::new(true);
    let created = Callback::new(move |id: Option<String>| {
        if let Some(id) = id {
            page.notices.push(Notice::ok(format!("Creating image {id}")));
            page.refresh();
        }
        creating.set(false);
    });
    let tab = move |s: ImageScope, label: &'static str| {
        let link = move || {
            let mut pairs = vec![("scope", scope_param(s).to_string())];
            let (r, t) = (region.get().unwrap_or_default(), text.get());
            if !r.is_empty() {
                pairs.push(("region", r));
            }
            if !t.is_empty() {
                pairs.push(("q", t));
            }
            href(
                "/images",
                &pairs.iter().map(|(k, v)| (*k, v.as_str())).collect::<Vec<_>>(),
            )
        };
        view! { <a href=link role="tab" aria-selected=move || (scope.get() == s).to_string() class:active=move || scope.get() == s>{label}</a> }
    };
    let note = Signal::derive(move || {
        if truncated.get() {
            " — more matched; refine the search"
        } else {
            ""
        }
        .to_string()
    });

    view! {
        <ResourcePage list title="AMIs" path="/images" filter_label="Search by name, description, AMI ID or architecture"
            placeholder="e.g. ubuntu, ami-…, arm64" keep=&["scope"] toolbar_label="AMI actions"
            actions=vec![deregister(scope, also_snapshots)]
            header=move || view! {
                <nav class="tabs" role="tablist" aria-label="Which images">
                    {tab(ImageScope::Mine, "Owned by me")}
                    {tab(ImageScope::Shared, "Shared with me")}
                    {tab(ImageScope::Public, "Public images")}
                </nav>
            }
            tools=move || view! {
                <button type="button" class="primary" on:click=move |_| creating.set(true) disabled=move || !page.writable.get()>"Create image from an instance"</button>
                {move || list.current.get().map(|i| view! {
                    <a class="button" href=href("/launch", &[("region", region.get().unwrap_or_default().as_str()), ("image", i.id.as_str())])>"Launch instance from AMI"</a>
                })}
            }
            panel=move || move || creating.get().then(|| view! { <CreateImageForm done=created/> })
            details=Arc::new(details)
            note/>
    }
}

/// The details panel of an image.
fn details(i: ImageInfo) -> AnyView {
    view! {
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
    }
    .into_any()
}

/// Creates an image from one of the region's instances.
#[component]
fn CreateImageForm(done: Callback<Option<String>>) -> impl IntoView {
    let region = use_region_param();
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
            <InstancePicker id="image-instance" on_pick=Callback::new(move |id| { excluded.set(vec![]); instance.set(id); })/>
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
