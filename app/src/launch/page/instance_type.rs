//! Instance type: the searchable table of the region's types and the default for an
//! architecture.

use super::form::{field_error, Form, SectionBox};
use crate::components::feedback::{ErrorAlert, Loading};
use crate::components::table::{Column, DataTable, TablePrefs};
use crate::error::AppError;
use crate::images::ImageInfo;
use crate::instance_types::InstanceTypeInfo;
use crate::launch::{Problem, Section};
use leptos::prelude::*;

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
pub(super) fn default_type(types: &[InstanceTypeInfo], arch: &str) -> Option<String> {
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

#[component]
pub(super) fn TypeSection(
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
