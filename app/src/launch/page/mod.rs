//! The launch page: the sections on the left, the live summary with the CLI equivalent and the
//! Launch button on the right, and the launch's progress once it is sent.

mod advanced;
mod form;
mod image;
mod instance_type;
mod key_pair;
mod name;
mod network;
mod storage;
mod summary;

use advanced::AdvancedSection;
use form::{field_error, new_token, Form};
use image::ImageSection;
use instance_type::{default_type, TypeSection};
use key_pair::KeySection;
use name::NameSection;
use network::NetworkSection;
use storage::StorageSection;
use summary::{gloo_sleep, LaunchProgress};

use crate::auth::{is_writable, use_identity};
use crate::components::copy::CopyButton;
use crate::components::feedback::{ErrorAlert, Loading, Notice, NoticeArea, Notices};
use crate::error::AppError;
use crate::images::{describe_image, quick_start_images, ImageInfo};
use crate::instance_types::list_instance_types;
use crate::instances::instance_states;
use crate::key_pairs::list_key_pairs;
use crate::launch::{
    cli, launch_instances, load_launch_choices, validate, LaunchResult, NewGroup, Section, VolumeSpec,
    MAX_COUNT,
};
use crate::region::use_region_param;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;

/// The launch page.
#[component]
pub fn LaunchPage() -> impl IntoView {
    let region = use_region_param();
    let query = use_query_map();
    let identity = use_identity();
    let notices = Notices::new();
    let form = Form::new();
    let attempted = RwSignal::new(false);

    Effect::new(move |_| {
        if form.token.get_untracked().is_empty() {
            form.token.set(new_token());
        }
    });

    let types = LocalResource::new(move || list_instance_types(region.get()));
    let quick = LocalResource::new(move || quick_start_images(region.get()));
    let context = LocalResource::new(move || load_launch_choices(region.get()));
    // The VPC and the new group's free name come with the network choices: no launch before them.
    let network_loading = move || context.with(Option::is_none);
    let keys_version = RwSignal::new(0u32);
    let keys = LocalResource::new(move || {
        keys_version.get();
        list_key_pairs(region.get())
    });

    let type_list = Memo::new(move |_| types.get().and_then(Result::ok).unwrap_or_default());
    let chosen_type = Memo::new(move |_| {
        let name = form.instance_type.get()?;
        type_list.with(|all| all.iter().find(|t| t.name == name).cloned())
    });
    let request = Memo::new(move |_| form.request());
    let problems = Memo::new(move |_| {
        request.with(|r| {
            form.image
                .with(|i| chosen_type.with(|t| validate(r, i.as_ref(), t.as_ref())))
        })
    });
    let cli_text = Signal::derive(move || {
        let r = request.get();
        cli::commands(
            &r,
            &region
                .get()
                .or_else(|| identity.get().and_then(|i| i.ok().flatten()).map(|i| i.region))
                .unwrap_or_default(),
        )
    });

    // Chooses an image: storage follows it (with a warning when the storage had been edited), and
    // the type follows when the chosen one cannot run it.
    let choose_image = move |image: ImageInfo| {
        if form.image.with_untracked(|i| i.as_ref().map(|i| i.id.clone())) == Some(image.id.clone()) {
            return;
        }
        let root = VolumeSpec {
            device: if image.root_device_name.is_empty() {
                "/dev/xvda".into()
            } else {
                image.root_device_name.clone()
            },
            ..VolumeSpec::gp3("", image.root_volume_size.unwrap_or(8).max(8), true)
        };
        if form.storage_edited.get_untracked() && form.image.with_untracked(Option::is_some) {
            notices.push(Notice {
                detail: Some(crate::tr!(
                    launch.root_follows_image,
                    image = image.label(),
                    size = root.size_gib,
                    device = root.device
                )),
                ..Notice::error(crate::tr!(launch.storage_follows_image), "")
            });
        }
        form.root.set(&root);
        form.storage_edited.set(false);
        let arch = image.architecture.clone();
        let fits = chosen_type.with_untracked(|t| t.as_ref().is_none_or(|t| t.architectures.contains(&arch)));
        if !fits || form.instance_type.with_untracked(Option::is_none) {
            if let Some(t) = type_list.with_untracked(|all| default_type(all, &arch)) {
                form.instance_type.set(Some(t));
            }
        }
        form.image.set(Some(image));
    };

    // Defaults once data arrives: the type, the AMI from `?image=`, the network and key pair.
    Effect::new(move |_| {
        let all = type_list.get();
        if form.instance_type.with_untracked(Option::is_none) && !all.is_empty() {
            let arch = form
                .image
                .with_untracked(|i| i.as_ref().map(|i| i.architecture.clone()))
                .unwrap_or_else(|| "x86_64".into());
            form.instance_type.set(default_type(&all, &arch));
        }
    });
    let preset_image = Memo::new(move |_| query.read().get("image"));
    let preset = LocalResource::new(move || {
        let id = preset_image.get();
        let region = region.get();
        async move {
            match id {
                Some(id) => Some(describe_image(region, id).await),
                None => None,
            }
        }
    });
    Effect::new(move |_| match preset.get() {
        Some(Some(Ok(image))) => choose_image(image),
        Some(Some(Err(e))) => notices.push(Notice::error(e.title(), e.describe())),
        _ => {}
    });
    Effect::new(move |_| {
        if let Some(Ok(ctx)) = context.get() {
            form.my_ip.set(ctx.my_ip.clone());
            if form.vpc.with_untracked(String::is_empty) {
                if let Some(vpc) = ctx.network.vpcs.first() {
                    form.vpc.set(vpc.id.clone());
                    if !vpc.is_default {
                        if let Some(s) = ctx.network.subnets.iter().find(|s| s.vpc_id == vpc.id) {
                            form.subnet.set(s.id.clone());
                        }
                    }
                    let taken = ctx
                        .security_groups
                        .iter()
                        .filter(|g| g.vpc_id == vpc.id)
                        .map(|g| g.name.as_str());
                    form.group_name.set(NewGroup::suggested_name(taken));
                }
            }
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(list)) = keys.get() {
            if form.key_name.with_untracked(String::is_empty) && keys_version.get_untracked() == 0 {
                if let Some(k) = list.first() {
                    form.key_name.set(k.name.clone());
                }
            }
        }
    });

    // Launch: the browser's checks first (the server repeats them), then one call per token.
    let pending = RwSignal::new(false);
    let launch_error = RwSignal::new(None::<AppError>);
    let launched = RwSignal::new(None::<LaunchResult>);
    let states = RwSignal::new(Vec::<(String, String)>::new());
    let launch = move |_| {
        attempted.set(true);
        if pending.get_untracked() {
            return;
        }
        if let Some(first) = problems.with_untracked(|p| p.first().cloned()) {
            if let Some(el) = document().get_element_by_id(&first.field) {
                if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
                    let _ = el.focus();
                }
            }
            return;
        }
        pending.set(true);
        launch_error.set(None);
        let req = request.get_untracked();
        let region = region.get_untracked();
        spawn_local(async move {
            match launch_instances(region.clone(), req).await {
                Ok(result) => {
                    states.set(
                        result
                            .instance_ids
                            .iter()
                            .map(|id| (id.clone(), "pending".to_string()))
                            .collect(),
                    );
                    let ids = result.instance_ids.clone();
                    let poll_region = Some(result.region.clone());
                    launched.set(Some(result));
                    for _ in 0..30 {
                        match instance_states(poll_region.clone(), ids.clone()).await {
                            Ok(now) => {
                                let settled = now.iter().all(|(_, s)| !crate::instances::is_transitional(s));
                                states.set(now);
                                if settled {
                                    break;
                                }
                            }
                            Err(e) => {
                                notices.push(Notice::error(e.title(), e.describe()));
                                break;
                            }
                        }
                        gloo_sleep(2000).await;
                    }
                }
                Err(e) => launch_error.set(Some(e)),
            }
            pending.set(false);
        });
    };
    let launch_another = move |_| {
        launched.set(None);
        states.set(vec![]);
        attempted.set(false);
        form.token.set(new_token());
    };

    let writable = move || identity.get().is_some_and(|id| is_writable(&id));
    // As soon as an AMI and a type are chosen, EC2 says (DryRun) whether the launch would be allowed.
    let permission = LocalResource::new(move || {
        let chosen = form.image.get().map(|i| i.id).zip(form.instance_type.get());
        let region = region.get();
        async move {
            match chosen {
                Some((image, itype)) => crate::launch::launch_permission(region, image, itype).await.ok(),
                None => None,
            }
        }
    });
    let refused = Memo::new(move |_| permission.get().flatten().and_then(|v| v.reason()));

    view! {
        <section class="launch-page">
            <h1>{crate::tr!(launch.title)}</h1>
            <p class="lede">{crate::tr!(launch.lede)}</p>
            <NoticeArea notices/>
            <div class="launch-layout">
                <div class="launch-sections">
                    <NameSection form problems attempted/>
                    <ImageSection form quick choose_image=Callback::new(choose_image) problems attempted/>
                    <TypeSection form types type_list image=form.image problems attempted/>
                    <KeySection form keys keys_version notices problems attempted writable=Signal::derive(writable)/>
                    <NetworkSection form context problems attempted/>
                    <StorageSection form chosen_type problems attempted/>
                    <AdvancedSection form problems attempted/>
                </div>
                <aside class="launch-summary" id=Section::Summary.anchor() aria-labelledby="summary-heading">
                    <h2 id="summary-heading">{Section::Summary.title()}</h2>
                    <div class="field">
                        <label for="count">{crate::tr!(launch.label_count)}</label>
                        <input id="count" type="number" min="1" max=MAX_COUNT.to_string() prop:value=move || form.count.get()
                            aria-describedby="count-error" on:input=move |ev| form.count.set(event_target_value(&ev))/>
                    </div>
                    {field_error(problems, attempted, "count")}
                    <dl class="summary-list" data-testid="launch-summary">
                        <dt>"AMI"</dt><dd data-testid="summary-ami">{move || form.image.get().map(|i| i.label()).unwrap_or_else(|| crate::tr!(launch.none_chosen).into())}</dd>
                        <dt>{crate::tr!(launch.label_instance_type)}</dt><dd data-testid="summary-type">{move || form.instance_type.get().unwrap_or_else(|| crate::tr!(launch.none_chosen).into())}</dd>
                        <dt>{crate::tr!(launch.label_key_pair)}</dt><dd data-testid="summary-key">{move || { let k = form.key_name.get(); if k.is_empty() { crate::tr!(launch.no_key_summary).to_string() } else { k } }}</dd>
                        <dt>{crate::tr!(launch.network)}</dt><dd>{move || { let s = form.subnet.get(); if s.is_empty() { crate::tr!(launch.default_subnet_summary, vpc = form.vpc.get()) } else { s } }}</dd>
                        <dt>{crate::tr!(launch.label_security_groups)}</dt><dd>{move || if form.create_group.get() { crate::tr!(launch.new_group_summary, name = form.group_name.get()) } else { form.groups.get().join(", ") }}</dd>
                        <dt>{crate::tr!(launch.storage)}</dt><dd>{move || { let r = request.get(); let total: i64 = std::iter::once(&r.root).chain(&r.volumes).map(|v| v.size_gib.max(0) as i64).sum(); crate::tr!(launch.storage_summary, count = 1 + r.volumes.len(), total = total) }}</dd>
                    </dl>
                    {move || {
                        let list = problems.get();
                        (!list.is_empty()).then(|| view! {
                            <div class="problems" role="status">
                                <h3>{crate::tr!(launch.before_launch)}</h3>
                                <ul>
                                    {list.into_iter().map(|p| view! {
                                        <li><a href=format!("#{}", p.field)>{format!("{} › {}: {}", p.section.title(), p.label, p.message)}</a></li>
                                    }).collect_view()}
                                </ul>
                            </div>
                        })
                    }}
                    <details class="cli" open>
                        <summary>{crate::tr!(launch.cli_heading)}</summary>
                        <pre data-testid="cli-command" tabindex="0" aria-label=crate::tr!(launch.cli_heading)><code>{move || cli_text.get()}</code></pre>
                        <CopyButton value=cli_text label=crate::tr!(launch.cli_copy_label)/>
                    </details>
                    {move || launch_error.get().map(|error| view! { <ErrorAlert error/> })}
                    {move || match launched.get() {
                        None => view! {
                            <div class="launch-actions">
                                <button type="button" id="launch" class="primary" on:click=launch
                                    disabled=move || pending.get() || !writable() || refused.with(Option::is_some) || network_loading()
                                    aria-describedby="launch-hint">
                                    {move || if pending.get() { crate::tr!(launch.launching) } else { crate::tr!(launch.launch_button) }}
                                </button>
                                <a href="/instances" class="button">{crate::tr!(launch.cancel)}</a>
                                <p id="launch-hint" class="hint" data-testid="launch-hint">{move || match (writable(), refused.get()) {
                                    (false, _) => crate::tr!(launch.read_only_hint).to_string(),
                                    (true, Some(reason)) => reason,
                                    (true, None) if network_loading() => crate::tr!(launch.loading_network).to_string(),
                                    (true, None) => crate::tr!(launch.dry_run_hint).to_string(),
                                }}</p>
                                {move || pending.get().then(|| view! { <Loading label=crate::tr!(launch.checking)/> })}
                            </div>
                        }.into_any(),
                        Some(result) => view! { <LaunchProgress result states/> <button type="button" on:click=launch_another>{crate::tr!(launch.launch_another)}</button> }.into_any(),
                    }}
                </aside>
            </div>
        </section>
    }
}
