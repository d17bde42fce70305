//! The palette itself: a modal combobox over a listbox, driven by keyboard (arrows, Enter, Escape)
//! or mouse; results are announced.

use super::items::{commands, load_recent, remember, results, Item, Run};
use super::launcher::html_element;
use super::{find_resource, is_id, Found};
use crate::auth::region_picker::list_regions;
use crate::region::use_region_param;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_location, use_navigate};
use std::time::Duration;
use wasm_bindgen::JsCast;

/// The id of the palette's text field.
pub(super) const FIELD_ID: &str = "palette-input";
/// Wait after typing before an ID is looked up.
const SEARCH_SETTLE: Duration = Duration::from_millis(250);

fn press(selector: &str) -> bool {
    html_element(selector).map(|e| e.click()).is_some()
}

/// Focuses `input` once it is in the document (the first time, the palette's chunk has only just
/// arrived and may be attached a few frames later), then runs `then`; gives up after `frames`.
fn focus_when_shown(input: NodeRef<leptos::html::Input>, frames: u8, then: impl FnOnce() + 'static) {
    request_animation_frame(move || match input.get_untracked() {
        Some(field) if field.is_connected() => {
            let _ = field.focus();
            then();
        }
        _ if frames > 0 => focus_when_shown(input, frames - 1, then),
        _ => then(),
    });
}

/// The palette as a lazily loaded function: with `--split` its code is a WASM chunk of its own,
/// fetched the first time the palette opens.
#[leptos::lazy]
pub fn palette_view(open: RwSignal<bool>, typed: RwSignal<String>) -> AnyView {
    view! { <CommandPalette open typed/> }.into_any()
}

/// The palette, shown while `open` (which the launcher's `Ctrl+K` also toggles); focus returns to
/// where it was when it closes. `typed` holds what was typed before its field had focus. It holds
/// browser objects: mount it in the browser only.
#[component]
pub fn CommandPalette(open: RwSignal<bool>, typed: RwSignal<String>) -> impl IntoView {
    let query = RwSignal::new(String::new());
    let active = RwSignal::new(0usize);
    let found = RwSignal::new(Vec::<Found>::new());
    let status = RwSignal::new(String::new());
    let recent = RwSignal::new(Vec::<Item>::new());
    let input = NodeRef::<leptos::html::Input>::new();
    let returns_to = StoredValue::new_local(None::<web_sys::HtmlElement>);
    let region = use_region_param();
    let path = use_location().pathname;
    let navigate = StoredValue::new_local(use_navigate());
    let regions = LocalResource::new(move || {
        let opened = open.get();
        async move {
            if opened {
                list_regions(None).await.map(|r| r.available).unwrap_or_default()
            } else {
                Vec::new()
            }
        }
    });
    let items = Memo::new(move |_| {
        let all = regions.get().unwrap_or_default();
        let commands = commands(&path.get(), region.get().as_deref(), &all);
        recent.with(|r| found.with(|f| query.with(|q| results(q, r, &commands, f))))
    });

    let show = move || {
        returns_to.set_value(
            document()
                .active_element()
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()),
        );
        recent.set(load_recent());
        query.set(String::new());
        found.set(Vec::new());
        status.set(String::new());
        active.set(0);
        focus_when_shown(input, 10, move || {
            // Typed before the field was there, so before anything typed into it.
            let early = typed.try_update(std::mem::take).unwrap_or_default();
            if !early.is_empty() {
                query.update(|q| q.insert_str(0, &early));
            }
        });
    };
    let restore_focus = move || {
        returns_to.with_value(|e| {
            if let Some(e) = e {
                let _ = e.focus();
            }
        });
    };
    let hide = move || open.set(false);
    // Opening and closing, from here or from the launcher's keys.
    Effect::new(move |was_open: Option<bool>| {
        let now = open.get();
        if now && was_open != Some(true) {
            untrack(show);
        } else if !now && was_open == Some(true) {
            restore_focus();
        }
        now
    });
    let search = move |text: String| {
        status.set(crate::tr!(palette.looking, query = text));
        let here = region.get_untracked();
        spawn_local(async move {
            let answer = find_resource(here, text.clone()).await;
            if query.try_with_untracked(|q| q.trim() != text).unwrap_or(true) {
                return;
            }
            match answer {
                Ok(list) => {
                    status.set(match list.len() {
                        0 => crate::tr!(palette.not_found, query = text),
                        1 => crate::tr!(palette.found_one, label = list[0].label()),
                        n => crate::tr!(palette.found_many, count = n, query = text),
                    });
                    found.set(list);
                    active.set(0);
                }
                Err(e) => status.set(crate::tr!(palette.lookup_failed, error = e.message())),
            }
        });
    };
    let choose = move |item: Item| match item.run.clone() {
        Run::Go(href) => {
            remember(&item);
            hide();
            navigate.with_value(|nav| nav(&href, Default::default()));
        }
        Run::Press(selector) => {
            hide();
            if !press(&selector) {
                status.set(crate::tr!(palette.no_such_command).into());
            }
        }
        Run::Find(text) => search(text),
    };

    // An ID is looked up once the typing settles.
    Effect::new(move |_| {
        let text = query.get().trim().to_string();
        found.set(Vec::new());
        active.set(0);
        if !is_id(&text) {
            return;
        }
        set_timeout(
            move || {
                if query.try_with_untracked(|q| q.trim() == text) == Some(true) {
                    search(text);
                }
            },
            SEARCH_SETTLE,
        );
    });

    let on_keydown = move |e: web_sys::KeyboardEvent| {
        let n = items.with_untracked(Vec::len);
        match e.key().as_str() {
            "ArrowDown" => {
                e.prevent_default();
                active.update(|a| *a = if n == 0 { 0 } else { (*a + 1) % n });
            }
            "ArrowUp" => {
                e.prevent_default();
                active.update(|a| *a = if n == 0 { 0 } else { (*a + n - 1) % n });
            }
            "Enter" => {
                e.prevent_default();
                if let Some(item) = items.with_untracked(|i| i.get(active.get_untracked()).cloned()) {
                    choose(item);
                }
            }
            "Escape" => {
                e.prevent_default();
                hide();
            }
            "Tab" => e.prevent_default(),
            _ => {}
        }
    };

    view! {
        {move || open.get().then(|| view! {
            <div class="palette-backdrop" on:click=move |_| hide()>
                <div class="palette" role="dialog" aria-modal="true" aria-label=crate::tr!(palette.dialog_label)
                    data-testid="palette" on:click=|e| e.stop_propagation()>
                    <label for=FIELD_ID class="visually-hidden">{crate::tr!(palette.field_label)}</label>
                    <input id=FIELD_ID node_ref=input type="text" role="combobox" autocomplete="off"
                        spellcheck="false" aria-expanded="true" aria-controls="palette-list" aria-autocomplete="list"
                        placeholder=crate::tr!(palette.placeholder)
                        aria-activedescendant=move || (items.with(|i| !i.is_empty())).then(|| format!("palette-opt-{}", active.get()))
                        prop:value=move || query.get()
                        on:input=move |e| query.set(event_target_value(&e))
                        on:keydown=on_keydown/>
                    <ul id="palette-list" role="listbox" aria-label=crate::tr!(palette.results_label)>
                        {move || items.get().into_iter().enumerate().map(|(i, item)| {
                            let label = item.label.clone();
                            view! {
                                <li id=format!("palette-opt-{i}") role="option"
                                    aria-selected=move || (active.get() == i).to_string()
                                    class:active=move || active.get() == i
                                    on:mousemove=move |_| active.set(i)
                                    on:click=move |_| choose(item.clone())>{label}</li>
                            }
                        }).collect_view()}
                    </ul>
                    <p role="status" class="palette-status">{move || {
                        let s = status.get();
                        if s.is_empty() { crate::tr!(palette.result_count, count = items.with(Vec::len)) } else { s }
                    }}</p>
                </div>
            </div>
        })}
    }
    .into_any()
}
