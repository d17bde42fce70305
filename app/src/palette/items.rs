//! What the palette lists: the pages, the page's commands and the region switches; the results
//! for what was typed; the recent items the browser keeps.

use super::{kind_of, Found};
use crate::i18n::Locale;
use crate::layout::{href_with_region, NAV};
use crate::locale::Label;
use leptos::prelude::window;
use serde::{Deserialize, Serialize};

/// Where the recent items are kept in the browser.
const RECENT_KEY: &str = "ec2c.palette.recent";
/// Recent items kept.
const RECENT_MAX: usize = 8;

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

/// The recent items kept in the browser, newest first.
pub(super) fn load_recent() -> Vec<Item> {
    window()
        .local_storage()
        .ok()
        .flatten()
        .and_then(|s| s.get_item(RECENT_KEY).ok().flatten())
        // As bytes, like every other JSON the browser reads (crate::wire).
        .and_then(|text| serde_json::from_slice(text.as_bytes()).ok())
        .unwrap_or_default()
}

/// Keeps `item` first among the recent ones.
pub(super) fn remember(item: &Item) {
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
