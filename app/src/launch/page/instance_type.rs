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
        Column::text("name", crate::label!(launch.col_type), |t| t.name.clone()),
        Column::text("vcpus", crate::label!(launch.col_vcpus), |t| t.vcpus.to_string()),
        Column::text("memory", crate::label!(launch.col_memory), |t| {
            format!("{}", t.memory_mib as f64 / 1024.0)
        }),
        Column::text("arch", crate::label!(launch.col_architectures), |t| {
            t.architectures.join(", ")
        }),
        Column::text("network", crate::label!(launch.network), |t| t.network.clone()),
        Column::text("store", crate::label!(launch.col_instance_store), |t| {
            t.instance_store
                .clone()
                .unwrap_or_else(|| crate::tr!(launch.ebs_only).into())
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
                <label for="type-search">{crate::tr!(launch.find_type)}</label>
                <input id="type-search" type="search" placeholder=crate::tr!(launch.type_placeholder) prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))/>
            </div>
            <p id="instance-type" tabindex="-1" class="chosen" aria-describedby="instance-type-error">
                {crate::tr!(launch.chosen)} <strong>{move || form.instance_type.get().unwrap_or_else(|| crate::tr!(launch.none).into())}</strong>
                {move || image.get().map(|i| crate::tr!(launch.only_arch_types, arch = i.architecture))}
            </p>
            {field_error(problems, attempted, "instance-type")}
            {move || match types.get() {
                None => view! { <Loading label=crate::tr!(launch.loading_types)/> }.into_any(),
                Some(Err(error)) => view! { <ErrorAlert error/> }.into_any(),
                Some(Ok(_)) => view! {
                    <DataTable rows=rows columns=type_columns() row_key=|t: &InstanceTypeInfo| t.name.clone()
                        caption=crate::tr!(launch.types_caption) choice=form.instance_type choosable param_prefix="type_"
                        prefs=RwSignal::new(TablePrefs { hidden: vec![], page_size: 10 })/>
                }.into_any(),
            }}
        </SectionBox>
    }
}
