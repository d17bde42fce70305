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
        Column::text("name", crate::label!(images.col_name), |i| i.name.clone()),
        Column::code("id", crate::label!(images.col_ami_id), |i| i.id.clone()),
        Column::text("arch", crate::label!(images.col_architecture), |i| {
            i.architecture.clone()
        }),
        Column::text("root", crate::label!(images.col_root_device), |i| {
            i.root_device_type.clone()
        }),
        Column::text("virt", crate::label!(images.col_virtualization), |i| {
            i.virtualization.clone()
        }),
        Column::text("state", crate::label!(images.col_state), |i| i.state.clone()),
        Column::time("created", crate::label!(images.col_created), |i| {
            i.creation_date.clone()
        }),
        Column::text("owner", crate::label!(images.col_owner), |i| i.owner_id.clone()),
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
static LIST: ListSpec<ImageInfo> = ListSpec::new(crate::label!(images.caption), columns, |i| i.id.clone())
    .texts(
        crate::label!(images.loading),
        Some(crate::label!(images.count)),
        "image",
        "amis",
    )
    .chosen(|i| format!("AMI {}", i.id))
    .unfiltered();

/// Deregister, on images of my own; `also_snapshots` is the dialog's "also delete its snapshots".
fn deregister(scope: Memo<ImageScope>, also_snapshots: RwSignal<bool>) -> RowAction<ImageInfo> {
    RowAction::reporting(
        crate::tr!(images.deregister),
        |i: &ImageInfo| i.id.clone(),
        move |region, image: ImageInfo| async move {
            let deleted = deregister_image(region, image.id.clone(), also_snapshots.get_untracked()).await?;
            let done = if deleted.is_empty() {
                crate::tr!(images.deregistered, id = image.id)
            } else {
                crate::tr!(
                    images.deregistered_and_deleted,
                    id = image.id,
                    snapshots = deleted.join(", "),
                )
            };
            Ok::<_, AppError>(done)
        },
    )
    .when(move |_| scope.get() == ImageScope::Mine)
    .confirm_after(move |_, image: ImageInfo| {
        also_snapshots.set(!image.snapshot_ids.is_empty());
        let lines = vec![
            crate::tr!(images.deregister_line, image = image.label()),
            if image.snapshot_ids.is_empty() {
                crate::tr!(images.no_snapshots).to_string()
            } else {
                crate::tr!(images.its_snapshots, snapshots = image.snapshot_ids.join(", "))
            },
        ];
        std::future::ready(
            Confirmation::new(
                crate::tr!(images.deregister_title, id = image.id),
                crate::tr!(images.deregister),
                lines,
            )
            .typed("deregister"),
        )
    })
    .choices(move |image| {
        (!image.snapshot_ids.is_empty())
            .then(|| {
                view! {
                    <div class="field checkbox">
                        <input type="checkbox" id="delete-snapshots" prop:checked=move || also_snapshots.get()
                            on:change=move |ev| also_snapshots.set(event_target_checked(&ev))/>
                        <label for="delete-snapshots">{crate::tr!(images.also_delete_snapshots)}</label>
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
            page.notices
                .push(Notice::ok(crate::tr!(images.creating_image, id = id)));
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
            crate::tr!(images.more_matched)
        } else {
            ""
        }
        .to_string()
    });

    view! {
        <ResourcePage list title=crate::tr!(images.title) path="/images" filter_label=crate::tr!(images.filter_label)
            placeholder=crate::tr!(images.filter_placeholder) keep=&["scope"] toolbar_label=crate::tr!(images.toolbar_label)
            actions=vec![deregister(scope, also_snapshots)]
            header=move || view! {
                <nav class="tabs" role="tablist" aria-label=crate::tr!(images.tabs_label)>
                    {tab(ImageScope::Mine, crate::tr!(images.tab_mine))}
                    {tab(ImageScope::Shared, crate::tr!(images.tab_shared))}
                    {tab(ImageScope::Public, crate::tr!(images.tab_public))}
                </nav>
            }
            tools=move || view! {
                <button type="button" class="primary" on:click=move |_| creating.set(true) disabled=move || !page.writable.get()>{crate::tr!(images.create_from_instance)}</button>
                {move || list.current.get().map(|i| view! {
                    <a class="button" href=href("/launch", &[("region", region.get().unwrap_or_default().as_str()), ("image", i.id.as_str())])>{crate::tr!(images.launch_from_ami)}</a>
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
            <dt>{crate::tr!(images.description)}</dt><dd>{i.description.clone()}</dd>
            <dt>{crate::tr!(images.col_state)}</dt><dd>{i.state.clone()}</dd>
            <dt>{crate::tr!(images.col_architecture)}</dt><dd>{i.architecture.clone()}</dd>
            <dt>{crate::tr!(images.col_root_device)}</dt><dd>{format!("{} ({})", i.root_device_type, i.root_device_name)}</dd>
            <dt>{crate::tr!(images.block_devices)}</dt><dd><ul>{i.block_devices.iter().map(|b| view! { <li>{b.clone()}</li> }).collect_view()}</ul></dd>
            <dt>{crate::tr!(images.col_virtualization)}</dt><dd>{i.virtualization.clone()}</dd>
            <dt>{crate::tr!(images.col_created)}</dt><dd><crate::time::Time iso=i.creation_date.clone()/></dd>
            <dt>{crate::tr!(images.col_owner)}</dt><dd>{i.owner_id.clone()}</dd>
            <dt>{crate::tr!(images.visibility)}</dt><dd>{if i.public { crate::tr!(images.public) } else { crate::tr!(images.private) }}</dd>
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
            <h2 id="create-image-h">{crate::tr!(images.create_from_instance)}</h2>
            <InstancePicker id="image-instance" on_pick=Callback::new(move |id| { excluded.set(vec![]); instance.set(id); })/>
            <div class="field">
                <label for="image-name">{crate::tr!(images.image_name)}</label>
                <input id="image-name" type="text" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
            </div>
            <div class="field">
                <label for="image-description">{crate::tr!(images.description)}</label>
                <input id="image-description" type="text" prop:value=move || description.get() on:input=move |ev| description.set(event_target_value(&ev))/>
            </div>
            <div class="field checkbox">
                <input type="checkbox" id="image-no-reboot" prop:checked=move || no_reboot.get() on:change=move |ev| no_reboot.set(event_target_checked(&ev))/>
                <label for="image-no-reboot">{crate::tr!(images.no_reboot)}</label>
            </div>
            <fieldset data-testid="image-volumes">
                <legend>{crate::tr!(images.volumes_in_image)}</legend>
                {move || match devices.get() {
                    Some(Some(Ok(d))) => {
                        let names: Vec<String> = d.block_devices.iter().map(|b| b.device.clone()).collect();
                        let root = super::root_device(&d.root_device_name.clone().unwrap_or_default(), &names).unwrap_or_default();
                        d.block_devices.into_iter().map(|b| {
                            let id = format!("image-volume-{}", b.device.replace('/', "-"));
                            let is_root = b.device == root;
                            let device = b.device.clone();
                            let toggle = b.device.clone();
                            let (size, kind) = (b.size_gib.unwrap_or_default(), b.volume_type.clone().unwrap_or_default());
                            let label = if is_root {
                                crate::tr!(images.volume_option_root, device = b.device, volume = b.volume_id, size = size, kind = kind)
                            } else {
                                crate::tr!(images.volume_option, device = b.device, volume = b.volume_id, size = size, kind = kind)
                            };
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
                    Some(None) | None => view! { <p class="hint">{crate::tr!(images.choose_instance_hint)}</p> }.into_any(),
                }}
            </fieldset>
            {move || error.get().map(|error| view! { <ErrorAlert error/> })}
            <div class="button-row">
                <button type="submit" class="primary">{crate::tr!(images.create_image)}</button>
                <button type="button" on:click=move |_| done.run(None)>{crate::tr!(images.cancel)}</button>
            </div>
        </form>
    }
}
