//! The palette itself: a modal combobox over a listbox, driven by keyboard (arrows, Enter, Escape)
//! or mouse; results are announced.

use super::launcher::html_element;
use super::{find_resource, is_id, kind_of, Found};
use crate::auth::region_picker::list_regions;
use crate::i18n::Locale;
use crate::layout::{href_with_region, NAV};
use crate::locale::Label;
use crate::region::use_region_param;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_location, use_navigate};
use serde::{Deserialize, Serialize};
use std::time::Duration;
use wasm_bindgen::JsCast;

/// Where the recent items are kept in the browser.
const RECENT_KEY: &str = "ec2c.palette.recent";
/// Recent items kept.
const RECENT_MAX: usize = 8;
/// The id of the palette's text field.
pub(super) const FIELD_ID: &str = "palette-input";
/// Wait after typing before an ID is looked up.
const SEARCH_SETTLE: Duration = Duration::from_millis(250);

/// What choosing an item does.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Run {
    /// Goes to a page.
    Go(String),
    /// Presses the page's button matching a CSS selector.
    Press(String),
    /// Looks an ID or key pair name up in every region.
    Find(String),
}

/// One result.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    /// What the list shows.
    pub label: String,
    /// The label in English when the page is in another language, so English words find it too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub english: Option<String>,
    /// What choosing it does.
    pub run: Run,
}

impl Item {
    fn go(label: impl Into<String>, href: impl Into<String>) -> Self {
        Self {
            label: label.into(),
            english: None,
            run: Run::Go(href.into()),
        }
    }

    /// A command named by `label` (its `{name}` placeholders filled from `values`) in the page's
    /// language, keeping its English name when that differs.
    fn named(label: Label, values: &[(&str, &dyn std::fmt::Display)], run: Run) -> Self {
        let shown = crate::locale::fill(label(crate::locale::current()), values);
        let english = crate::locale::fill(label(Locale::en), values);
        Self {
            english: (english != shown).then_some(english),
            label: shown,
            run,
        }
    }
}

/// The palette's "go to" command for the page at `path`.
fn go_label(path: &str) -> Option<Label> {
    let label: Label = match path {
        "/" => crate::label!(palette.go_dashboard),
        "/instances" => crate::label!(palette.go_instances),
        "/launch" => crate::label!(palette.go_launch),
        "/images" => crate::label!(palette.go_images),
        "/key-pairs" => crate::label!(palette.go_key_pairs),
        "/security-groups" => crate::label!(palette.go_security_groups),
        "/volumes" => crate::label!(palette.go_volumes),
        "/addresses" => crate::label!(palette.go_addresses),
        "/network" => crate::label!(palette.go_network),
        "/audit" => crate::label!(palette.go_audit),
        _ => return None,
    };
    Some(label)
}

/// The pages, the page's commands and the region switches, for `path` in `region`.
pub fn commands(path: &str, region: Option<&str>, regions: &[String]) -> Vec<Item> {
    let mut items: Vec<Item> = NAV
        .iter()
        .map(|(p, _)| *p)
        .chain(["/audit"])
        .map(|p| {
            let run = Run::Go(href_with_region(p, region));
            match go_label(p) {
                Some(label) => Item::named(label, &[], run),
                None => Item::named(
                    crate::label!(palette.go_page),
                    &[("page", &p as &dyn std::fmt::Display)],
                    run,
                ),
            }
        })
        .collect();
    let presses: [(Label, &str); 3] = [
        (
            crate::label!(palette.refresh_page),
            "button[data-command=refresh]",
        ),
        (crate::label!(palette.download_csv), "button[data-command=export]"),
        (crate::label!(palette.switch_read_only), "[data-testid=read-only]"),
    ];
    for (label, selector) in presses {
        items.push(Item::named(label, &[], Run::Press(selector.into())));
    }
    items.push(Item::named(
        crate::label!(palette.switch_all_regions),
        &[],
        Run::Go(format!("{path}?region={}", crate::regions::ALL)),
    ));
    items.extend(regions.iter().map(|r| {
        Item::named(
            crate::label!(palette.switch_region),
            &[("region", r as &dyn std::fmt::Display)],
            Run::Go(format!("{path}?region={r}")),
        )
    }));
    items
}

/// The items shown for `query`: recent ones first when it is empty; the commands whose label holds
/// every word of it; what was found; and the look-up itself when it could be an ID or a key name.
pub fn results(query: &str, recent: &[Item], commands: &[Item], found: &[Found]) -> Vec<Item> {
    let q = query.trim().to_lowercase();
    let words: Vec<&str> = q.split_whitespace().collect();
    let holds_every_word = |text: &str| {
        let text = text.to_lowercase();
        words.iter().all(|w| text.contains(w))
    };
    let matches =
        |item: &Item| holds_every_word(&item.label) || item.english.as_deref().is_some_and(holds_every_word);
    let mut items: Vec<Item> = Vec::new();
    if q.is_empty() {
        items.extend(recent.iter().cloned().map(|mut i| {
            // A command's name in the page's language (it was kept in the language of its day).
            if let Some(command) = commands.iter().find(|c| c.run == i.run) {
                i.label = command.label.clone();
                i.english = command.english.clone();
            }
            i.label = crate::tr!(palette.recent, label = i.label);
            i
        }));
    }
    items.extend(found.iter().map(|f| Item::go(f.label(), f.href())));
    items.extend(commands.iter().filter(|i| matches(i)).cloned());
    if kind_of(query).is_some() && found.is_empty() {
        items.push(Item {
            label: crate::tr!(palette.find_everywhere, query = query.trim()),
            english: None,
            run: Run::Find(query.trim().to_string()),
        });
    }
    items
}

fn load_recent() -> Vec<Item> {
    window()
        .local_storage()
        .ok()
        .flatten()
        .and_then(|s| s.get_item(RECENT_KEY).ok().flatten())
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

fn remember(item: &Item) {
    let mut recent = load_recent();
    recent.retain(|r| r.run != item.run);
    recent.insert(0, item.clone());
    recent.truncate(RECENT_MAX);
    if let (Some(storage), Ok(text)) = (
        window().local_storage().ok().flatten(),
        serde_json::to_string(&recent),
    ) {
        let _ = storage.set_item(RECENT_KEY, &text);
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::palette::Kind;

    #[test]
    fn commands_cover_pages_regions_and_the_page_buttons() {
        let items = commands("/volumes", Some("eu-west-1"), &["us-east-1".to_string()]);
        assert!(items.contains(&Item::go("Go to Instances", "/instances?region=eu-west-1")));
        assert!(items.contains(&Item::go("Go to Audit log", "/audit?region=eu-west-1")));
        assert!(items.contains(&Item::go(
            "Switch region to us-east-1",
            "/volumes?region=us-east-1"
        )));
        assert!(items.contains(&Item::go("Switch to all regions", "/volumes?region=all")));
        assert!(items
            .iter()
            .any(|i| i.run == Run::Press("button[data-command=refresh]".into())));
    }

    #[test]
    fn results_filter_by_words_and_offer_the_look_up() {
        let cmds = commands("/", None, &[]);
        let r = results("go inst", &[], &cmds, &[]);
        assert_eq!(r[0], Item::go("Go to Instances", "/instances"));
        assert_eq!(
            r.last().unwrap().run,
            Run::Find("go inst".into()),
            "it could be a key pair's name"
        );
        let recent = vec![Item::go(
            "Instance i-1234abcd in us-east-1",
            "/instances?region=us-east-1&id=i-1234abcd",
        )];
        assert!(results("", &recent, &cmds, &[])[0].label.starts_with("Recent: "));
        let found = vec![Found {
            kind: Kind::Instance,
            id: "i-1234abcd".into(),
            region: "ap-northeast-2".into(),
        }];
        let r = results("i-1234abcd", &recent, &cmds, &found);
        assert_eq!(
            r[0],
            Item::go(
                "Instance i-1234abcd in ap-northeast-2",
                "/instances?region=ap-northeast-2&id=i-1234abcd"
            )
        );
        assert!(
            !r.iter().any(|i| matches!(i.run, Run::Find(_))),
            "found: no look-up offered"
        );
    }
}
