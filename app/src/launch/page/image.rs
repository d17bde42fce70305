//! Application and OS image: quick-start AMIs, catalogue search and the chosen AMI's details.

use super::form::{field_error, Form, SectionBox};
use crate::components::feedback::{ErrorAlert, Loading};
use crate::components::table::{DataTable, TablePrefs};
use crate::error::AppError;
use crate::images::{search_images, ImageInfo, ImageScope};
use crate::launch::{Problem, Section};
use crate::region::use_region_param;
use leptos::prelude::*;

#[component]
pub(super) fn ImageSection(
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
            <div role="tablist" aria-label=crate::tr!(launch.ami_tabs_label) class="tabs">
                {tab_button(None, crate::tr!(launch.tab_quick_start))}
                {tab_button(Some(ImageScope::Mine), crate::tr!(launch.tab_mine))}
                {tab_button(Some(ImageScope::Shared), crate::tr!(launch.tab_shared))}
                {tab_button(Some(ImageScope::Public), crate::tr!(launch.tab_public))}
            </div>
            {move || match tab.get() {
                None => view! {
                    <div class="quick-start" role="tabpanel">
                        {move || match quick.get() {
                            None => view! { <Loading label=crate::tr!(launch.loading_quick)/> }.into_any(),
                            Some(Err(error)) => view! { <ErrorAlert error/> }.into_any(),
                            Some(Ok(families)) if families.is_empty() => view! { <p>{crate::tr!(launch.no_quick)}</p> }.into_any(),
                            Some(Ok(families)) => families.into_iter().map(|family| view! {
                                <fieldset class="qs-card">
                                    <legend translate="no">{family.family.clone()}</legend>
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
                                                <label for=id title=title translate="no">{format!("{} · {label}", family.family)}</label>
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
                            <label for="ami-search">{crate::tr!(launch.ami_search_label)}</label>
                            <input id="ami-search" type="search" prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))/>
                            <button type="submit">{crate::tr!(launch.search)}</button>
                        </form>
                        {move || match results.get() {
                            Some(None) | None => view! { <Loading label=crate::tr!(launch.searching)/> }.into_any(),
                            Some(Some(Err(error))) => view! { <ErrorAlert error/> }.into_any(),
                            Some(Some(Ok(found))) => view! {
                                <p class="hint">{if found.truncated {
                                    crate::tr!(launch.images_found_more, count = found.images.len())
                                } else {
                                    crate::tr!(launch.images_found, count = found.images.len())
                                }}</p>
                                <DataTable rows=result_rows columns=crate::images::page::columns() row_key=|i: &ImageInfo| i.id.clone()
                                    caption=crate::tr!(launch.amis_found) choice=picked param_prefix="ami_"
                                    prefs=RwSignal::new(TablePrefs { hidden: vec![], page_size: 10 })/>
                            }.into_any(),
                        }}
                    </div>
                }.into_any(),
            }}
            <div id="image" tabindex="-1" class="chosen-image" aria-describedby="image-error" data-testid="chosen-image">
                {move || form.image.get().map(|i| view! {
                    <dl class="details-grid">
                        <dt>{crate::tr!(launch.chosen_ami)}</dt><dd>{i.label()}</dd>
                        <dt>{crate::tr!(launch.description)}</dt><dd>{i.description.clone()}</dd>
                        <dt>{crate::tr!(launch.architecture)}</dt><dd>{i.architecture.clone()}</dd>
                        <dt>{crate::tr!(launch.root_device)}</dt><dd>{format!("{} ({})", i.root_device_type, i.root_device_name)}</dd>
                        <dt>{crate::tr!(launch.virtualization)}</dt><dd>{i.virtualization.clone()}</dd>
                        <dt>{crate::tr!(launch.created)}</dt><dd><crate::time::Time iso=i.creation_date.clone()/></dd>
                    </dl>
                })}
            </div>
            {field_error(problems, attempted, "image")}
        </SectionBox>
    }
}
