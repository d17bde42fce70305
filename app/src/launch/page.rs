//! The launch page: the sections on the left, the live summary with the CLI equivalent and the
//! Launch button on the right, and the launch's progress once it is sent.

use super::{
    cli, extra_device, launch_instances, load_launch_choices, validate, LaunchRequest, LaunchResult,
    LaunchTag, NewGroup, Problem, PublicIp, Section, Shutdown, VolumeSpec, MAX_COUNT, MAX_USER_DATA,
    MAX_VOLUMES, VOLUME_TYPES,
};
use crate::auth::{is_writable, use_identity};
use crate::components::copy::CopyButton;
use crate::components::feedback::{ErrorAlert, Loading, Notice, NoticeArea, Notices};
use crate::components::status::StatusIndicator;
use crate::components::table::{href, Column, DataTable, TablePrefs};
use crate::error::AppError;
use crate::images::{describe_image, quick_start_images, search_images, ImageInfo, ImageScope};
use crate::instance_types::{list_instance_types, InstanceTypeInfo};
use crate::instances::instance_states;
use crate::key_pairs::forms::KeyPairForms;
use crate::key_pairs::list_key_pairs;
use crate::region::use_region_param;
use crate::security_groups::QuickRule;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;
use std::sync::atomic::{AtomicU64, Ordering};

static NEXT_ROW: AtomicU64 = AtomicU64::new(1);

fn next_row() -> u64 {
    NEXT_ROW.fetch_add(1, Ordering::Relaxed)
}

/// A fresh idempotency token for one form submission (browser only).
fn new_token() -> String {
    let mut bytes = [0u8; 16];
    if let Ok(crypto) = window().crypto() {
        let _ = crypto.get_random_values_with_u8_array(&mut bytes);
    }
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("ec2c-{hex}")
}

/// An editable tag row.
#[derive(Clone, Copy)]
struct TagRow {
    id: u64,
    key: RwSignal<String>,
    value: RwSignal<String>,
    on_instances: RwSignal<bool>,
    on_volumes: RwSignal<bool>,
}

impl TagRow {
    fn new() -> Self {
        Self {
            id: next_row(),
            key: RwSignal::new(String::new()),
            value: RwSignal::new(String::new()),
            on_instances: RwSignal::new(true),
            on_volumes: RwSignal::new(false),
        }
    }

    fn get(&self) -> LaunchTag {
        LaunchTag {
            key: self.key.get(),
            value: self.value.get(),
            on_instances: self.on_instances.get(),
            on_volumes: self.on_volumes.get(),
        }
    }
}

/// An editable volume row; numbers stay as typed so bad input is shown, not lost.
#[derive(Clone, Copy)]
struct VolumeRow {
    id: u64,
    device: RwSignal<String>,
    size: RwSignal<String>,
    volume_type: RwSignal<String>,
    iops: RwSignal<String>,
    throughput: RwSignal<String>,
    encrypted: RwSignal<bool>,
    delete_on_termination: RwSignal<bool>,
}

impl VolumeRow {
    fn new(spec: &VolumeSpec) -> Self {
        let row = Self {
            id: next_row(),
            device: RwSignal::new(String::new()),
            size: RwSignal::new(String::new()),
            volume_type: RwSignal::new(String::new()),
            iops: RwSignal::new(String::new()),
            throughput: RwSignal::new(String::new()),
            encrypted: RwSignal::new(false),
            delete_on_termination: RwSignal::new(true),
        };
        row.set(spec);
        row
    }

    fn set(&self, spec: &VolumeSpec) {
        self.device.set(spec.device.clone());
        self.size.set(spec.size_gib.to_string());
        self.volume_type.set(spec.volume_type.clone());
        self.iops
            .set(spec.iops.map(|v| v.to_string()).unwrap_or_default());
        self.throughput
            .set(spec.throughput.map(|v| v.to_string()).unwrap_or_default());
        self.encrypted.set(spec.encrypted);
        self.delete_on_termination.set(spec.delete_on_termination);
    }

    fn get(&self) -> VolumeSpec {
        let number = |s: RwSignal<String>| s.with(|t| t.trim().parse::<i32>().ok());
        let volume_type = self.volume_type.get();
        let takes_iops = matches!(volume_type.as_str(), "gp3" | "io1" | "io2");
        VolumeSpec {
            device: self.device.get(),
            size_gib: number(self.size).unwrap_or(-1),
            iops: if takes_iops {
                number(self.iops).or_else(|| self.iops.with(|t| (!t.trim().is_empty()).then_some(-1)))
            } else {
                None
            },
            throughput: if volume_type == "gp3" {
                number(self.throughput)
                    .or_else(|| self.throughput.with(|t| (!t.trim().is_empty()).then_some(-1)))
            } else {
                None
            },
            volume_type,
            encrypted: self.encrypted.get(),
            delete_on_termination: self.delete_on_termination.get(),
        }
    }
}

/// Every field of the form.
#[derive(Clone, Copy)]
struct Form {
    name: RwSignal<String>,
    tags: RwSignal<Vec<TagRow>>,
    image: RwSignal<Option<ImageInfo>>,
    instance_type: RwSignal<Option<String>>,
    key_name: RwSignal<String>,
    vpc: RwSignal<String>,
    subnet: RwSignal<String>,
    public_ip: RwSignal<PublicIp>,
    create_group: RwSignal<bool>,
    groups: RwSignal<Vec<String>>,
    group_name: RwSignal<String>,
    group_description: RwSignal<String>,
    quick_rules: RwSignal<Vec<QuickRule>>,
    root: VolumeRow,
    volumes: RwSignal<Vec<VolumeRow>>,
    storage_edited: RwSignal<bool>,
    user_data: RwSignal<String>,
    imdsv2: RwSignal<bool>,
    shutdown: RwSignal<Shutdown>,
    protection: RwSignal<bool>,
    monitoring: RwSignal<bool>,
    count: RwSignal<String>,
    token: RwSignal<String>,
    my_ip: RwSignal<String>,
}

impl Form {
    fn new() -> Self {
        Self {
            name: RwSignal::new(String::new()),
            tags: RwSignal::new(vec![]),
            image: RwSignal::new(None),
            instance_type: RwSignal::new(None),
            key_name: RwSignal::new(String::new()),
            vpc: RwSignal::new(String::new()),
            subnet: RwSignal::new(String::new()),
            public_ip: RwSignal::new(PublicIp::SubnetDefault),
            create_group: RwSignal::new(true),
            groups: RwSignal::new(vec![]),
            group_name: RwSignal::new("launch-wizard-1".into()),
            group_description: RwSignal::new("Created by the EC2 console launch flow".into()),
            quick_rules: RwSignal::new(vec![QuickRule::SshAnywhere]),
            root: VolumeRow::new(&VolumeSpec::gp3("/dev/xvda", 8, true)),
            volumes: RwSignal::new(vec![]),
            storage_edited: RwSignal::new(false),
            user_data: RwSignal::new(String::new()),
            imdsv2: RwSignal::new(true),
            shutdown: RwSignal::new(Shutdown::Stop),
            protection: RwSignal::new(false),
            monitoring: RwSignal::new(false),
            count: RwSignal::new("1".into()),
            token: RwSignal::new(String::new()),
            my_ip: RwSignal::new("127.0.0.1".into()),
        }
    }

    fn request(&self) -> LaunchRequest {
        let some = |s: RwSignal<String>| s.with(|v| (!v.is_empty()).then(|| v.clone()));
        let new_group = self.create_group.get().then(|| NewGroup {
            name: self.group_name.get(),
            description: self.group_description.get(),
            rules: self
                .quick_rules
                .get()
                .iter()
                .map(|r| r.rule(&self.my_ip.get()))
                .collect(),
        });
        LaunchRequest {
            name: self.name.get(),
            tags: self.tags.get().iter().map(TagRow::get).collect(),
            image_id: self
                .image
                .with(|i| i.as_ref().map(|i| i.id.clone()).unwrap_or_default()),
            instance_type: self.instance_type.get().unwrap_or_default(),
            key_name: some(self.key_name),
            vpc_id: some(self.vpc),
            subnet_id: some(self.subnet),
            public_ip: self.public_ip.get(),
            security_group_ids: if self.create_group.get() {
                vec![]
            } else {
                self.groups.get()
            },
            new_group,
            root: self.root.get(),
            volumes: self.volumes.get().iter().map(VolumeRow::get).collect(),
            user_data: self.user_data.get(),
            imdsv2_required: self.imdsv2.get(),
            shutdown: self.shutdown.get(),
            termination_protection: self.protection.get(),
            detailed_monitoring: self.monitoring.get(),
            count: self.count.with(|c| c.trim().parse().unwrap_or(0)),
            client_token: self.token.get(),
        }
    }
}

/// The message beside a field, when it has a problem.
fn field_error(
    problems: Memo<Vec<Problem>>,
    shown: RwSignal<bool>,
    field: impl Into<String>,
) -> impl IntoView {
    let field = field.into();
    let id = format!("{field}-error");
    move || {
        let message = problems.with(|p| {
            p.iter()
                .find(|p| p.field == field)
                .map(|p| format!("{}: {}", p.label, p.message))
        });
        (shown.get()
            || message
                .as_ref()
                .is_some_and(|_| !field.starts_with("image") && !field.starts_with("instance-type")))
        .then_some(message)
        .flatten()
        .map(|m| view! { <p class="field-error" id=id.clone() role="alert">{m}</p> })
    }
}

fn number_input(id: String, label: String, value: RwSignal<String>, edited: RwSignal<bool>) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input id=id.clone() type="text" inputmode="numeric" size="7" prop:value=move || value.get()
                aria-describedby=format!("{id}-error")
                on:input=move |ev| { value.set(event_target_value(&ev)); edited.set(true); }/>
        </div>
    }
}

/// The inputs of one volume (root or added).
fn volume_fields(
    row: VolumeRow,
    prefix: String,
    edited: RwSignal<bool>,
    problems: Memo<Vec<Problem>>,
    shown: RwSignal<bool>,
) -> impl IntoView {
    let type_id = format!("{prefix}-type");
    let takes_iops = move || matches!(row.volume_type.get().as_str(), "gp3" | "io1" | "io2");
    let takes_throughput = move || row.volume_type.get() == "gp3";
    let iops_prefix = prefix.clone();
    let tp_prefix = prefix.clone();
    view! {
        <div class="volume-fields">
            {number_input(format!("{prefix}-size"), "Size (GiB)".into(), row.size, edited)}
            <div class="field">
                <label for=type_id.clone()>"Volume type"</label>
                <select id=type_id on:change=move |ev| {
                    let t = event_target_value(&ev);
                    if t == "gp3" { row.iops.set("3000".into()); row.throughput.set("125".into()); }
                    else if matches!(t.as_str(), "io1" | "io2") { row.iops.set("3000".into()); }
                    row.volume_type.set(t);
                    edited.set(true);
                }>
                    {VOLUME_TYPES.iter().map(|t| view! { <option value=*t selected=move || row.volume_type.get() == *t>{*t}</option> }).collect_view()}
                </select>
            </div>
            {move || takes_iops().then(|| number_input(format!("{iops_prefix}-iops"), "IOPS".into(), row.iops, edited))}
            {move || takes_throughput().then(|| number_input(format!("{tp_prefix}-throughput"), "Throughput (MiB/s)".into(), row.throughput, edited))}
            <div class="field checkbox">
                <input type="checkbox" id=format!("{prefix}-encrypted") prop:checked=move || row.encrypted.get()
                    on:change=move |ev| { row.encrypted.set(event_target_checked(&ev)); edited.set(true); }/>
                <label for=format!("{prefix}-encrypted")>"Encrypted"</label>
            </div>
            <div class="field checkbox">
                <input type="checkbox" id=format!("{prefix}-delete") prop:checked=move || row.delete_on_termination.get()
                    on:change=move |ev| { row.delete_on_termination.set(event_target_checked(&ev)); edited.set(true); }/>
                <label for=format!("{prefix}-delete")>"Delete on termination"</label>
            </div>
        </div>
        {field_error(problems, shown, format!("{prefix}-size"))}
        {field_error(problems, shown, format!("{prefix}-type"))}
        {field_error(problems, shown, format!("{prefix}-iops"))}
        {field_error(problems, shown, format!("{prefix}-throughput"))}
    }
}

fn type_columns() -> Vec<Column<InstanceTypeInfo>> {
    vec![
        Column::text("name", "Type", |t| t.name.clone()),
        Column::text("vcpus", "vCPUs", |t| t.vcpus.to_string()),
        Column::text("memory", "Memory (GiB)", |t| {
            format!("{}", t.memory_mib as f64 / 1024.0)
        }),
        Column::text("arch", "Architectures", |t| t.architectures.join(", ")),
        Column::text("network", "Network", |t| t.network.clone()),
        Column::text("store", "Instance store", |t| {
            t.instance_store.clone().unwrap_or_else(|| "EBS only".into())
        }),
    ]
}

/// The type chosen by default for an architecture, when the region offers it.
fn default_type(types: &[InstanceTypeInfo], arch: &str) -> Option<String> {
    let preferred: &[&str] = if arch == "arm64" {
        &["t4g.micro", "t4g.small"]
    } else {
        &["t3.micro", "t2.micro"]
    };
    preferred
        .iter()
        .find_map(|p| {
            types
                .iter()
                .find(|t| t.name == *p && t.architectures.iter().any(|a| a == arch))
        })
        .or_else(|| types.iter().find(|t| t.architectures.iter().any(|a| a == arch)))
        .map(|t| t.name.clone())
}

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
                detail: Some(format!(
                    "The root volume now follows {}: {} GiB gp3 on {}. Check the storage section.",
                    image.label(),
                    root.size_gib,
                    root.device
                )),
                ..Notice::error("Storage follows the new image", "")
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
        Some(Some(Err(e))) => notices.push(Notice::error(e.title(), e.to_string())),
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
                        .filter(|g| g.vpc_id == vpc.id && g.name.starts_with("launch-wizard-"))
                        .count();
                    form.group_name.set(format!("launch-wizard-{}", taken + 1));
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
                                notices.push(Notice::error(e.title(), e.to_string()));
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

    view! {
        <section class="launch-page">
            <h1>"Launch an instance"</h1>
            <p class="lede">"Choose an AMI and a key pair; every other section has a sensible default. The summary shows the equivalent AWS CLI command as you go."</p>
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
                    <h2 id="summary-heading">"Summary"</h2>
                    <div class="field">
                        <label for="count">"Number of instances"</label>
                        <input id="count" type="number" min="1" max=MAX_COUNT.to_string() prop:value=move || form.count.get()
                            aria-describedby="count-error" on:input=move |ev| form.count.set(event_target_value(&ev))/>
                    </div>
                    {field_error(problems, attempted, "count")}
                    <dl class="summary-list" data-testid="launch-summary">
                        <dt>"AMI"</dt><dd data-testid="summary-ami">{move || form.image.get().map(|i| i.label()).unwrap_or_else(|| "none chosen".into())}</dd>
                        <dt>"Instance type"</dt><dd data-testid="summary-type">{move || form.instance_type.get().unwrap_or_else(|| "none chosen".into())}</dd>
                        <dt>"Key pair"</dt><dd data-testid="summary-key">{move || { let k = form.key_name.get(); if k.is_empty() { "none (no SSH login)".to_string() } else { k } }}</dd>
                        <dt>"Network"</dt><dd>{move || { let s = form.subnet.get(); if s.is_empty() { format!("{} · default subnet", form.vpc.get()) } else { s } }}</dd>
                        <dt>"Security groups"</dt><dd>{move || if form.create_group.get() { format!("new: {}", form.group_name.get()) } else { form.groups.get().join(", ") }}</dd>
                        <dt>"Storage"</dt><dd>{move || { let r = request.get(); let total: i64 = std::iter::once(&r.root).chain(&r.volumes).map(|v| v.size_gib.max(0) as i64).sum(); format!("{} volume(s), {total} GiB", 1 + r.volumes.len()) }}</dd>
                    </dl>
                    {move || {
                        let list = problems.get();
                        (!list.is_empty()).then(|| view! {
                            <div class="problems" role="status">
                                <h3>"Before you launch"</h3>
                                <ul>
                                    {list.into_iter().map(|p| view! {
                                        <li><a href=format!("#{}", p.field)>{format!("{} › {}: {}", p.section.title(), p.label, p.message)}</a></li>
                                    }).collect_view()}
                                </ul>
                            </div>
                        })
                    }}
                    <details class="cli" open>
                        <summary>"Equivalent AWS CLI command"</summary>
                        <pre data-testid="cli-command"><code>{move || cli_text.get()}</code></pre>
                        <CopyButton value=cli_text label="CLI command"/>
                    </details>
                    {move || launch_error.get().map(|error| view! { <ErrorAlert error/> })}
                    {move || match launched.get() {
                        None => view! {
                            <div class="launch-actions">
                                <button type="button" id="launch" class="primary" on:click=launch
                                    disabled=move || pending.get() || !writable()
                                    aria-describedby="launch-hint">
                                    {move || if pending.get() { "Launching…" } else { "Launch instance" }}
                                </button>
                                <a href="/instances" class="button">"Cancel"</a>
                                <p id="launch-hint" class="hint">{move || if writable() { "A DryRun checks permissions first; nothing is launched if it fails." } else { "Read-only mode is on: launching is disabled." }}</p>
                                {move || pending.get().then(|| view! { <Loading label="Checking with a DryRun, then launching…"/> })}
                            </div>
                        }.into_any(),
                        Some(result) => view! { <LaunchProgress result states/> <button type="button" on:click=launch_another>"Launch another"</button> }.into_any(),
                    }}
                </aside>
            </div>
        </section>
    }
}

async fn gloo_sleep(ms: i32) {
    let promise = js_sys_promise_timeout(ms);
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

fn js_sys_promise_timeout(ms: i32) -> web_sys::js_sys::Promise {
    web_sys::js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    })
}

#[component]
fn LaunchProgress(result: LaunchResult, states: RwSignal<Vec<(String, String)>>) -> impl IntoView {
    let region = result.region.clone();
    let filter = result
        .instance_ids
        .iter()
        .map(|id| format!("id = {id}"))
        .collect::<Vec<_>>()
        .join(" ");
    let all = href("/instances", &[("region", &region), ("q", &filter)]);
    view! {
        <div class="launch-result" role="status" aria-live="polite" data-testid="launch-result">
            <h3>{if result.replayed { "Already launched (this submission was sent before)" } else { "Launch started" }}</h3>
            <ul>
                {move || states.get().into_iter().map(|(id, state)| {
                    let link = href("/instances", &[("region", &region), ("id", &id)]);
                    view! { <li><a href=link><code>{id.clone()}</code></a>" " <StatusIndicator state/></li> }
                }).collect_view()}
            </ul>
            {result.created_group.map(|g| view! { <p>"Created security group " <code>{g}</code></p> })}
            {result.notes.into_iter().map(|n| view! { <p class="hint">{n}</p> }).collect_view()}
            <p><a href=all class="button">"View in Instances"</a></p>
        </div>
    }
}

#[component]
fn SectionBox(section: Section, children: Children) -> impl IntoView {
    view! {
        <section class="launch-section" id=section.anchor() aria-labelledby=format!("{}-h", section.anchor())>
            <h2 id=format!("{}-h", section.anchor())>{section.title()}</h2>
            {children()}
        </section>
    }
}

#[component]
fn NameSection(form: Form, problems: Memo<Vec<Problem>>, attempted: RwSignal<bool>) -> impl IntoView {
    let add = move |_| form.tags.update(|t| t.push(TagRow::new()));
    view! {
        <SectionBox section=Section::NameAndTags>
            <div class="field">
                <label for="launch-name">"Name"</label>
                <input id="launch-name" type="text" placeholder="e.g. my-web-server" prop:value=move || form.name.get()
                    aria-describedby="launch-name-error" on:input=move |ev| form.name.set(event_target_value(&ev))/>
            </div>
            {field_error(problems, attempted, "launch-name")}
            {move || form.tags.get().into_iter().enumerate().map(|(i, row)| view! {
                <fieldset class="tag-row">
                    <legend class="visually-hidden">{format!("Tag {}", i + 1)}</legend>
                    <div class="field">
                        <label for=format!("tag-key-{i}")>"Key"</label>
                        <input id=format!("tag-key-{i}") type="text" prop:value=move || row.key.get() aria-describedby=format!("tag-key-{i}-error")
                            on:input=move |ev| row.key.set(event_target_value(&ev))/>
                    </div>
                    <div class="field">
                        <label for=format!("tag-value-{i}")>"Value"</label>
                        <input id=format!("tag-value-{i}") type="text" prop:value=move || row.value.get()
                            on:input=move |ev| row.value.set(event_target_value(&ev))/>
                    </div>
                    <div class="field checkbox">
                        <input type="checkbox" id=format!("tag-inst-{i}") prop:checked=move || row.on_instances.get()
                            on:change=move |ev| row.on_instances.set(event_target_checked(&ev))/>
                        <label for=format!("tag-inst-{i}")>"Instances"</label>
                    </div>
                    <div class="field checkbox">
                        <input type="checkbox" id=format!("tag-vol-{i}") prop:checked=move || row.on_volumes.get()
                            on:change=move |ev| row.on_volumes.set(event_target_checked(&ev))/>
                        <label for=format!("tag-vol-{i}")>"Volumes"</label>
                    </div>
                    <button type="button" on:click=move |_| form.tags.update(|t| t.retain(|r| r.id != row.id))
                        aria-label=format!("Remove tag {}", i + 1)>"Remove"</button>
                    {field_error(problems, attempted, format!("tag-key-{i}"))}
                </fieldset>
            }).collect_view()}
            <button type="button" id="add-tag" on:click=add>"Add tag"</button>
        </SectionBox>
    }
}

#[component]
fn ImageSection(
    form: Form,
    quick: LocalResource<Result<Vec<crate::images::QuickStart>, AppError>>,
    choose_image: Callback<ImageInfo>,
    problems: Memo<Vec<Problem>>,
    attempted: RwSignal<bool>,
) -> impl IntoView {
    let tab = RwSignal::new(None::<ImageScope>);
    let text = RwSignal::new(String::new());
    let search = RwSignal::new(None::<(ImageScope, String)>);
    let region = use_region_param();
    let results = LocalResource::new(move || {
        let args = search.get();
        let region = region.get();
        async move {
            match args {
                Some((scope, q)) => Some(search_images(region, scope, q).await),
                None => None,
            }
        }
    });
    let result_rows = Memo::new(move |_| match results.get() {
        Some(Some(Ok(found))) => found.images,
        _ => vec![],
    });
    let picked = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        if let Some(id) = picked.get() {
            if let Some(image) = result_rows.with_untracked(|rows| rows.iter().find(|i| i.id == id).cloned())
            {
                choose_image.run(image);
            }
        }
    });
    let open_tab = move |scope: Option<ImageScope>| {
        tab.set(scope);
        if let Some(scope) = scope {
            search.set(Some((scope, text.get_untracked())));
        }
    };
    let tab_button = move |scope: Option<ImageScope>, label: &'static str| {
        view! {
            <button type="button" role="tab" aria-selected=move || (tab.get() == scope).to_string()
                class:active=move || tab.get() == scope on:click=move |_| open_tab(scope)>{label}</button>
        }
    };
    view! {
        <SectionBox section=Section::Image>
            <div role="tablist" aria-label="Where to find the AMI" class="tabs">
                {tab_button(None, "Quick start")}
                {tab_button(Some(ImageScope::Mine), "My AMIs")}
                {tab_button(Some(ImageScope::Shared), "Shared with me")}
                {tab_button(Some(ImageScope::Public), "Public catalogue")}
            </div>
            {move || match tab.get() {
                None => view! {
                    <div class="quick-start" role="tabpanel">
                        {move || match quick.get() {
                            None => view! { <Loading label="Loading popular images…"/> }.into_any(),
                            Some(Err(error)) => view! { <ErrorAlert error/> }.into_any(),
                            Some(Ok(families)) if families.is_empty() => view! { <p>"No quick-start images in this region; search the catalogue instead."</p> }.into_any(),
                            Some(Ok(families)) => families.into_iter().map(|family| view! {
                                <fieldset class="qs-card">
                                    <legend>{family.family.clone()}</legend>
                                    {family.images.into_iter().map(|image| {
                                        let id = format!("qs-{}", image.id);
                                        let chosen_id = image.id.clone();
                                        let label = format!("{} ({})", image.architecture, image.creation_date.get(..10).unwrap_or_default());
                                        let title = image.name.clone();
                                        let pick = image.clone();
                                        view! {
                                            <div class="field checkbox">
                                                <input type="radio" name="quick-start" id=id.clone()
                                                    prop:checked=move || form.image.with(|i| i.as_ref().is_some_and(|i| i.id == chosen_id))
                                                    on:change=move |_| choose_image.run(pick.clone())/>
                                                <label for=id title=title>{format!("{} · {label}", family.family)}</label>
                                            </div>
                                        }
                                    }).collect_view()}
                                </fieldset>
                            }).collect_view().into_any(),
                        }}
                    </div>
                }.into_any(),
                Some(scope) => view! {
                    <div role="tabpanel">
                        <form class="search-row" on:submit=move |ev| { ev.prevent_default(); search.set(Some((scope, text.get_untracked()))); }>
                            <label for="ami-search">"Search by name, description, AMI ID or architecture"</label>
                            <input id="ami-search" type="search" prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))/>
                            <button type="submit">"Search"</button>
                        </form>
                        {move || match results.get() {
                            Some(None) | None => view! { <Loading label="Searching…"/> }.into_any(),
                            Some(Some(Err(error))) => view! { <ErrorAlert error/> }.into_any(),
                            Some(Some(Ok(found))) => view! {
                                <p class="hint">{format!("{} image(s){}", found.images.len(), if found.truncated { " — more matched; refine the search" } else { "" })}</p>
                                <DataTable rows=result_rows columns=crate::images::page::columns() row_key=|i: &ImageInfo| i.id.clone()
                                    caption="AMIs found" choice=picked param_prefix="ami_"
                                    prefs=RwSignal::new(TablePrefs { hidden: vec![], page_size: 10 })/>
                            }.into_any(),
                        }}
                    </div>
                }.into_any(),
            }}
            <div id="image" tabindex="-1" class="chosen-image" aria-describedby="image-error" data-testid="chosen-image">
                {move || form.image.get().map(|i| view! {
                    <dl class="details-grid">
                        <dt>"Chosen AMI"</dt><dd>{i.label()}</dd>
                        <dt>"Description"</dt><dd>{i.description.clone()}</dd>
                        <dt>"Architecture"</dt><dd>{i.architecture.clone()}</dd>
                        <dt>"Root device"</dt><dd>{format!("{} ({})", i.root_device_type, i.root_device_name)}</dd>
                        <dt>"Virtualization"</dt><dd>{i.virtualization.clone()}</dd>
                        <dt>"Created"</dt><dd>{i.creation_date.clone()}</dd>
                    </dl>
                })}
            </div>
            {field_error(problems, attempted, "image")}
        </SectionBox>
    }
}

#[component]
fn TypeSection(
    form: Form,
    types: LocalResource<Result<Vec<InstanceTypeInfo>, AppError>>,
    type_list: Memo<Vec<InstanceTypeInfo>>,
    image: RwSignal<Option<ImageInfo>>,
    problems: Memo<Vec<Problem>>,
    attempted: RwSignal<bool>,
) -> impl IntoView {
    let text = RwSignal::new(String::new());
    let rows = Memo::new(move |_| {
        let needle = text.get().trim().to_ascii_lowercase();
        type_list.with(|all| {
            all.iter()
                .filter(|t| needle.is_empty() || t.name.contains(&needle))
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let choosable = Callback::new(move |t: InstanceTypeInfo| {
        image.with(|i| {
            i.as_ref()
                .is_none_or(|i| t.architectures.contains(&i.architecture))
        })
    });
    view! {
        <SectionBox section=Section::InstanceType>
            <div class="field">
                <label for="type-search">"Find an instance type"</label>
                <input id="type-search" type="search" placeholder="e.g. t3, m5.large" prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))/>
            </div>
            <p id="instance-type" tabindex="-1" class="chosen" aria-describedby="instance-type-error">
                "Chosen: " <strong>{move || form.instance_type.get().unwrap_or_else(|| "none".into())}</strong>
                {move || image.get().map(|i| format!(" · only types that run {} images can be chosen", i.architecture))}
            </p>
            {field_error(problems, attempted, "instance-type")}
            {move || match types.get() {
                None => view! { <Loading label="Loading the region's instance types…"/> }.into_any(),
                Some(Err(error)) => view! { <ErrorAlert error/> }.into_any(),
                Some(Ok(_)) => view! {
                    <DataTable rows=rows columns=type_columns() row_key=|t: &InstanceTypeInfo| t.name.clone()
                        caption="Instance types" choice=form.instance_type choosable param_prefix="type_"
                        prefs=RwSignal::new(TablePrefs { hidden: vec![], page_size: 10 })/>
                }.into_any(),
            }}
        </SectionBox>
    }
}

#[component]
fn KeySection(
    form: Form,
    keys: LocalResource<Result<Vec<crate::key_pairs::KeyPairInfo>, AppError>>,
    keys_version: RwSignal<u32>,
    notices: Notices,
    problems: Memo<Vec<Problem>>,
    attempted: RwSignal<bool>,
    #[prop(into)] writable: Signal<bool>,
) -> impl IntoView {
    let saved = Callback::new(move |info: crate::key_pairs::KeyPairInfo| {
        form.key_name.set(info.name);
        keys_version.update(|v| *v += 1);
    });
    view! {
        <SectionBox section=Section::KeyPair>
            <div class="field">
                <label for="key-name">"Key pair name"</label>
                <select id="key-name" aria-describedby="key-name-error" on:change=move |ev| form.key_name.set(event_target_value(&ev))>
                    <option value="" selected=move || form.key_name.with(String::is_empty)>"Proceed without a key pair (not recommended)"</option>
                    {move || keys.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|k| {
                        let name = k.name.clone();
                        let selected = name.clone();
                        view! { <option value=name.clone() selected=move || form.key_name.get() == selected>{format!("{name} ({})", k.key_type)}</option> }
                    }).collect_view()}
                </select>
            </div>
            {move || keys.get().and_then(Result::err).map(|error| view! { <ErrorAlert error/> })}
            {field_error(problems, attempted, "key-name")}
            {move || form.key_name.with(String::is_empty).then(|| view! {
                <p class="warning" role="note">"Without a key pair you cannot log in with SSH unless the AMI lets you in another way."</p>
            })}
            <KeyPairForms on_saved=saved notices writable/>
        </SectionBox>
    }
}

#[component]
fn NetworkSection(
    form: Form,
    context: LocalResource<Result<super::LaunchChoices, AppError>>,
    problems: Memo<Vec<Problem>>,
    attempted: RwSignal<bool>,
) -> impl IntoView {
    let ctx = Memo::new(move |_| context.get().and_then(Result::ok).unwrap_or_default());
    let is_default_vpc = move || {
        ctx.with(|c| {
            c.network
                .vpcs
                .iter()
                .any(|v| v.id == form.vpc.get() && v.is_default)
        })
    };
    let subnet_public = move || {
        let subnet = form.subnet.get();
        ctx.with(|c| {
            if subnet.is_empty() {
                c.network
                    .subnets
                    .iter()
                    .filter(|s| s.vpc_id == form.vpc.get())
                    .any(|s| s.default_for_az && s.public_ip_on_launch)
            } else {
                c.network
                    .subnets
                    .iter()
                    .any(|s| s.id == subnet && s.public_ip_on_launch)
            }
        })
    };
    view! {
        <SectionBox section=Section::Network>
            {move || context.get().and_then(Result::err).map(|error| view! { <ErrorAlert error/> })}
            {move || context.get().is_none().then(|| view! { <Loading label="Loading VPCs, subnets and security groups…"/> })}
            <div class="field">
                <label for="vpc">"VPC"</label>
                <select id="vpc" on:change=move |ev| {
                    let vpc = event_target_value(&ev);
                    let first = ctx.with(|c| {
                        let default = c.network.vpcs.iter().any(|v| v.id == vpc && v.is_default);
                        (!default).then(|| c.network.subnets.iter().find(|s| s.vpc_id == vpc).map(|s| s.id.clone())).flatten()
                    });
                    form.subnet.set(first.unwrap_or_default());
                    form.groups.set(vec![]);
                    form.vpc.set(vpc);
                }>
                    {move || ctx.get().network.vpcs.into_iter().map(|v| {
                        let id = v.id.clone();
                        let label = format!("{}{} · {}{}", v.name.map(|n| format!("{n} ")).unwrap_or_default(), v.id, v.cidr, if v.is_default { " (default)" } else { "" });
                        view! { <option value=id.clone() selected=move || form.vpc.get() == id>{label}</option> }
                    }).collect_view()}
                </select>
            </div>
            {field_error(problems, attempted, "vpc")}
            <div class="field">
                <label for="subnet">"Subnet"</label>
                <select id="subnet" aria-describedby="subnet-error" on:change=move |ev| form.subnet.set(event_target_value(&ev))>
                    {move || is_default_vpc().then(|| view! { <option value="" selected=move || form.subnet.with(String::is_empty)>"No preference (default subnet in any Availability Zone)"</option> })}
                    {move || ctx.get().network.subnets.into_iter().filter(|s| s.vpc_id == form.vpc.get()).map(|s| {
                        let id = s.id.clone();
                        let label = format!("{} · {} IPs free", s.label(), s.available_ips);
                        view! { <option value=id.clone() selected=move || form.subnet.get() == id>{label}</option> }
                    }).collect_view()}
                </select>
            </div>
            {field_error(problems, attempted, "subnet")}
            <div class="field">
                <label for="public-ip">"Auto-assign public IP"</label>
                <select id="public-ip" on:change=move |ev| form.public_ip.set(match event_target_value(&ev).as_str() {
                    "enable" => PublicIp::Enable,
                    "disable" => PublicIp::Disable,
                    _ => PublicIp::SubnetDefault,
                })>
                    <option value="default" selected=move || form.public_ip.get() == PublicIp::SubnetDefault>
                        {move || format!("Subnet default ({})", if subnet_public() { "enabled" } else { "disabled" })}
                    </option>
                    <option value="enable" selected=move || form.public_ip.get() == PublicIp::Enable>"Enable"</option>
                    <option value="disable" selected=move || form.public_ip.get() == PublicIp::Disable>"Disable"</option>
                </select>
            </div>
            <fieldset id="security-groups" tabindex="-1" aria-describedby="security-groups-error">
                <legend>"Firewall (security groups)"</legend>
                <div class="field checkbox">
                    <input type="radio" name="sg-mode" id="sg-create" prop:checked=move || form.create_group.get() on:change=move |_| form.create_group.set(true)/>
                    <label for="sg-create">"Create security group"</label>
                </div>
                <div class="field checkbox">
                    <input type="radio" name="sg-mode" id="sg-existing" prop:checked=move || !form.create_group.get() on:change=move |_| form.create_group.set(false)/>
                    <label for="sg-existing">"Select existing security groups"</label>
                </div>
                {move || if form.create_group.get() {
                    view! {
                        <div class="new-group">
                            <div class="field">
                                <label for="new-group-name">"Security group name"</label>
                                <input id="new-group-name" type="text" prop:value=move || form.group_name.get() aria-describedby="new-group-name-error"
                                    on:input=move |ev| form.group_name.set(event_target_value(&ev))/>
                            </div>
                            {field_error(problems, attempted, "new-group-name")}
                            <div class="field">
                                <label for="new-group-description">"Description"</label>
                                <input id="new-group-description" type="text" prop:value=move || form.group_description.get() aria-describedby="new-group-description-error"
                                    on:input=move |ev| form.group_description.set(event_target_value(&ev))/>
                            </div>
                            {field_error(problems, attempted, "new-group-description")}
                            <ul id="quick-rules" class="quick-rules">
                                {QuickRule::ALL.into_iter().map(|rule| {
                                    let id = format!("rule-{rule:?}").to_ascii_lowercase();
                                    view! {
                                        <li class="field checkbox">
                                            <input type="checkbox" id=id.clone() prop:checked=move || form.quick_rules.with(|r| r.contains(&rule))
                                                on:change=move |ev| {
                                                    let on = event_target_checked(&ev);
                                                    form.quick_rules.update(|r| { r.retain(|x| *x != rule); if on { r.push(rule); } });
                                                }/>
                                            <label for=id>{rule.label()}</label>
                                            " " <code class="rule-text">{move || rule.rule(&form.my_ip.get()).describe()}</code>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                            {move || form.quick_rules.get().iter().any(|r| r.rule(&form.my_ip.get()).is_open_to_world()).then(|| view! {
                                <p class="warning" role="note">"Rules with source 0.0.0.0/0 allow every IP address to reach the instance. Prefer known addresses."</p>
                            })}
                            {field_error(problems, attempted, "quick-rules")}
                        </div>
                    }.into_any()
                } else {
                    view! {
                        <ul class="group-choices">
                            {move || ctx.get().security_groups.into_iter().filter(|g| g.vpc_id == form.vpc.get()).map(|g| {
                                let id = format!("group-{}", g.id);
                                let gid = g.id.clone();
                                let toggle = g.id.clone();
                                view! {
                                    <li class="field checkbox">
                                        <input type="checkbox" id=id.clone() prop:checked=move || form.groups.with(|s| s.contains(&gid))
                                            on:change=move |ev| {
                                                let on = event_target_checked(&ev);
                                                let g = toggle.clone();
                                                form.groups.update(|s| { s.retain(|x| *x != g); if on { s.push(g); } });
                                            }/>
                                        <label for=id>{format!("{} ({}) · {} inbound rule(s)", g.name, g.id, g.inbound_rules)}</label>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </fieldset>
            {field_error(problems, attempted, "security-groups")}
        </SectionBox>
    }
}

#[component]
fn StorageSection(
    form: Form,
    chosen_type: Memo<Option<InstanceTypeInfo>>,
    problems: Memo<Vec<Problem>>,
    attempted: RwSignal<bool>,
) -> impl IntoView {
    let add = move |_| {
        let n = form.volumes.with(Vec::len);
        if n < MAX_VOLUMES {
            form.volumes
                .update(|v| v.push(VolumeRow::new(&VolumeSpec::gp3(&extra_device(n), 8, true))));
            form.storage_edited.set(true);
        }
    };
    view! {
        <SectionBox section=Section::Storage>
            <fieldset class="volume">
                <legend>{move || format!("Root volume ({})", form.root.device.get())}</legend>
                {volume_fields(form.root, "root".into(), form.storage_edited, problems, attempted)}
            </fieldset>
            {move || form.volumes.get().into_iter().enumerate().map(|(i, row)| view! {
                <fieldset class="volume">
                    <legend>{format!("Volume {} ({})", i + 1, row.device.get_untracked())}</legend>
                    {volume_fields(row, format!("volume-{i}"), form.storage_edited, problems, attempted)}
                    <button type="button" aria-label=format!("Remove volume {}", i + 1) on:click=move |_| {
                        form.volumes.update(|v| {
                            v.retain(|r| r.id != row.id);
                            for (j, r) in v.iter().enumerate() { r.device.set(extra_device(j)); }
                        });
                        form.storage_edited.set(true);
                    }>"Remove"</button>
                </fieldset>
            }).collect_view()}
            <button type="button" id="add-volume" on:click=add disabled=move || form.volumes.with(Vec::len) >= MAX_VOLUMES>"Add new volume"</button>
            {field_error(problems, attempted, "add-volume")}
            <div class="instance-store" data-testid="instance-store">
                {move || match chosen_type.get() {
                    Some(t) => match t.instance_store {
                        Some(store) => view! {
                            <p><strong>{format!("Instance store: {store}")}</strong></p>
                            <p class="warning" role="note">{format!("{} comes with instance store volumes. Their data does not survive stopping, hibernating or terminating the instance.", t.name)}</p>
                        }.into_any(),
                        None => view! { <p class="hint">{format!("{} is EBS only: no instance store volumes.", t.name)}</p> }.into_any(),
                    },
                    None => ().into_any(),
                }}
            </div>
        </SectionBox>
    }
}

#[component]
fn AdvancedSection(form: Form, problems: Memo<Vec<Problem>>, attempted: RwSignal<bool>) -> impl IntoView {
    let file_error = RwSignal::new(None::<String>);
    let load_file = move |ev: leptos::ev::Event| {
        let Some(input) = wasm_bindgen::JsCast::dyn_ref::<web_sys::HtmlInputElement>(&event_target::<
            web_sys::EventTarget,
        >(&ev))
        .cloned() else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        if file.size() > MAX_USER_DATA as f64 {
            file_error.set(Some(format!(
                "{} is {} bytes; user data may be at most {MAX_USER_DATA} bytes. Nothing was loaded.",
                file.name(),
                file.size()
            )));
            input.set_value("");
            return;
        }
        file_error.set(None);
        spawn_local(async move {
            match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                Ok(text) => form.user_data.set(text.as_string().unwrap_or_default()),
                Err(_) => file_error.set(Some("The file could not be read as text.".into())),
            }
        });
    };
    view! {
        <SectionBox section=Section::Advanced>
            <div class="field">
                <label for="user-data">"User data (runs at first boot)"</label>
                <textarea id="user-data" rows="5" aria-describedby="user-data-error user-data-size" prop:value=move || form.user_data.get()
                    on:input=move |ev| form.user_data.set(event_target_value(&ev))></textarea>
                <p id="user-data-size" class="hint">{move || format!("{} of {MAX_USER_DATA} bytes", form.user_data.with(String::len))}</p>
            </div>
            <div class="field">
                <label for="user-data-file">"Or load user data from a file"</label>
                <input id="user-data-file" type="file" on:change=load_file/>
            </div>
            {move || file_error.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
            {field_error(problems, attempted, "user-data")}
            <div class="field checkbox">
                <input type="checkbox" id="imdsv2" prop:checked=move || form.imdsv2.get() on:change=move |ev| form.imdsv2.set(event_target_checked(&ev))/>
                <label for="imdsv2">"Metadata version: IMDSv2 required (session tokens)"</label>
            </div>
            <div class="field">
                <label for="shutdown">"Shutdown behaviour"</label>
                <select id="shutdown" on:change=move |ev| form.shutdown.set(if event_target_value(&ev) == "terminate" { Shutdown::Terminate } else { Shutdown::Stop })>
                    <option value="stop" selected=move || form.shutdown.get() == Shutdown::Stop>"Stop"</option>
                    <option value="terminate" selected=move || form.shutdown.get() == Shutdown::Terminate>"Terminate"</option>
                </select>
            </div>
            <div class="field checkbox">
                <input type="checkbox" id="termination-protection" prop:checked=move || form.protection.get() on:change=move |ev| form.protection.set(event_target_checked(&ev))/>
                <label for="termination-protection">"Termination protection"</label>
            </div>
            <div class="field checkbox">
                <input type="checkbox" id="monitoring" prop:checked=move || form.monitoring.get() on:change=move |ev| form.monitoring.set(event_target_checked(&ev))/>
                <label for="monitoring">"Detailed CloudWatch monitoring (1-minute metrics; extra charge)"</label>
            </div>
        </SectionBox>
    }
}
