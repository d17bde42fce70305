//! Saved views: a list page's view (path and query: region, filter, sort, page size, visible
//! columns) kept under a name, private or shared with everyone signed in to the same AWS account,
//! with a per-person default view for each page; checked again whenever one is opened.

pub mod bar;
#[cfg(feature = "ssr")]
pub mod ssr;

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

pub use bar::ViewBar;

/// The pages that have saved views.
pub const PAGES: [&str; 8] = [
    "/instances",
    "/images",
    "/key-pairs",
    "/security-groups",
    "/volumes",
    "/addresses",
    "/network",
    "/audit",
];

/// The longest view name.
pub const NAME_MAX: usize = 100;
/// The longest description.
pub const DESCRIPTION_MAX: usize = 500;
/// The longest query a view keeps.
pub const QUERY_MAX: usize = 2000;

/// A saved view as the caller sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedView {
    /// Its ID.
    pub id: String,
    /// The page it belongs to, e.g. `/instances`.
    pub page: String,
    /// Its name, 1–100 characters.
    pub name: String,
    /// What it is for.
    pub description: String,
    /// The page's query string without the `?` (region, filter, sort, `size`, `hide`).
    pub query: String,
    /// Whether everyone signed in to the account sees it.
    pub shared: bool,
    /// The owner's ARN.
    pub owner: String,
    /// Whether the caller owns it (and so may change or delete it).
    pub mine: bool,
    /// Whether it is the caller's default view for its page.
    pub is_default: bool,
}

/// What the Save and Update forms send.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ViewDraft {
    /// The page, one of [`PAGES`].
    pub page: String,
    /// The name.
    pub name: String,
    /// The description.
    pub description: String,
    /// The query string (no `?`).
    pub query: String,
    /// Shared with the account.
    pub shared: bool,
}

/// Query parameters that are not part of a view: the view itself, an opened row, the page number.
pub fn is_transient(key: &str) -> bool {
    matches!(key, "view" | "id" | "name") || key.ends_with("page")
}

/// The view-making pairs of a query, in a stable order (by key, then value).
pub fn view_pairs(pairs: impl IntoIterator<Item = (String, String)>) -> Vec<(String, String)> {
    let mut kept: Vec<(String, String)> = pairs
        .into_iter()
        .filter(|(k, v)| !is_transient(k) && !v.is_empty())
        .collect();
    kept.sort();
    kept
}

/// The pairs as a query string (no `?`), each part percent-encoded.
pub fn encode(pairs: &[(String, String)]) -> String {
    fn part(s: &str) -> String {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                    (b as char).to_string()
                }
                _ => format!("%{b:02X}"),
            })
            .collect()
    }
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", part(k), part(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn text(field: &str, value: &str, min: usize, max: usize) -> Result<String, AppError> {
    let value = value.trim();
    let n = value.chars().count();
    if n < min {
        return Err(AppError::validation(field, crate::tr!(views.required)));
    }
    if n > max {
        return Err(AppError::validation(
            field,
            crate::tr!(views.at_most_given, max = max, count = n),
        ));
    }
    if value.chars().any(char::is_control) {
        return Err(AppError::validation(field, crate::tr!(views.no_control_chars)));
    }
    Ok(value.to_string())
}

/// Checks a draft's page, name (1–100 characters), description and query length; returns it trimmed.
pub fn check_draft(draft: &ViewDraft) -> Result<ViewDraft, AppError> {
    check_page(&draft.page)?;
    let query = draft.query.trim().trim_start_matches('?').to_string();
    if query.len() > QUERY_MAX {
        return Err(AppError::validation(
            "query",
            crate::tr!(views.at_most, max = QUERY_MAX),
        ));
    }
    Ok(ViewDraft {
        page: draft.page.clone(),
        name: text("view name", &draft.name, 1, NAME_MAX)?,
        description: text("description", &draft.description, 0, DESCRIPTION_MAX)?,
        query,
        shared: draft.shared,
    })
}

/// Refuses a page without saved views.
pub fn check_page(page: &str) -> Result<(), AppError> {
    if PAGES.contains(&page) {
        Ok(())
    } else {
        Err(AppError::validation(
            "page",
            crate::tr!(views.no_saved_views, page = page),
        ))
    }
}

/// A view ID: 16 lowercase hex digits.
pub fn check_id(id: &str) -> Result<(), AppError> {
    if id.len() == 16
        && id
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    {
        Ok(())
    } else {
        Err(AppError::validation("view", crate::tr!(views.not_an_id)))
    }
}

/// What is wrong with a view's query for its page, in words (empty when nothing is): a region
/// that is no region, a filter the page cannot read, a page size or setting it does not have.
pub fn problems(page: &str, pairs: &[(String, String)]) -> Vec<String> {
    let mut found = Vec::new();
    let get = |key: &str| pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
    for (key, value) in pairs {
        match key.as_str() {
            "region" if !crate::region::is_valid_region(value) && !crate::regions::is_all(Some(value)) => {
                found.push(crate::tr!(views.problem_region, value = value));
            }
            "q" if page == "/instances" => {
                if let Err(e) = crate::instances::filter::parse(value) {
                    let reason = e.describe();
                    found.push(crate::tr!(
                        views.problem_filter,
                        reason = reason.trim_start_matches("filter: ")
                    ));
                }
            }
            "size"
                if value
                    .parse()
                    .ok()
                    .is_none_or(|n| !crate::components::table::PAGE_SIZES.contains(&n)) =>
            {
                found.push(crate::tr!(views.problem_page_size, value = value));
            }
            _ => {}
        }
    }
    if page == "/audit" {
        if let Err(e) = crate::audit::AuditFilter::from_params(get).check() {
            found.push(crate::tr!(views.problem_filter, reason = e.describe()));
        }
    }
    found
}

/// The saved views of `page` the caller may open: their own and those shared in their account.
#[server]
pub async fn list_views(page: String) -> Result<Vec<SavedView>, AppError> {
    check_page(&page)?;
    let caller = crate::auth::ssr::Caller::current().await?;
    ssr::SavedViews::current()?
        .list(&caller.user.account, &caller.user.arn, &page)
        .await
}

/// Saves a new view owned by the caller; refuses a query with problems or a name already in use.
#[server(input = leptos::server_fn::codec::Json)]
pub async fn save_view(draft: ViewDraft) -> Result<SavedView, AppError> {
    let caller = crate::auth::ssr::Caller::current().await?;
    caller.note("CreateSavedView").await?;
    let draft = ssr::checked(&draft)?;
    ssr::SavedViews::current()?
        .create(&caller.user.account, &caller.user.arn, &draft)
        .await
}

/// Changes one of the caller's views (name, description, query, sharing).
#[server(input = leptos::server_fn::codec::Json)]
pub async fn update_view(id: String, draft: ViewDraft) -> Result<SavedView, AppError> {
    let caller = crate::auth::ssr::Caller::current().await?;
    caller.note("UpdateSavedView").await?;
    check_id(&id)?;
    let draft = ssr::checked(&draft)?;
    ssr::SavedViews::current()?
        .update(&caller.user.account, &caller.user.arn, &id, &draft)
        .await
}

/// Deletes one of the caller's views.
#[server]
pub async fn delete_view(id: String) -> Result<(), AppError> {
    let caller = crate::auth::ssr::Caller::current().await?;
    caller.note("DeleteSavedView").await?;
    check_id(&id)?;
    ssr::SavedViews::current()?
        .delete(&caller.user.account, &caller.user.arn, &id)
        .await
}

/// Makes `id` the caller's default view of `page` (`None`: no default).
#[server]
pub async fn set_default_view(page: String, id: Option<String>) -> Result<(), AppError> {
    check_page(&page)?;
    if let Some(id) = &id {
        check_id(id)?;
    }
    let caller = crate::auth::ssr::Caller::current().await?;
    ssr::SavedViews::current()?
        .set_default(&caller.user.account, &caller.user.arn, &page, id.as_deref())
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn a_view_keeps_its_settings_in_a_stable_order_without_transient_parts() {
        let kept = view_pairs(pairs(&[
            ("sort", "-name"),
            ("id", "i-1"),
            ("region", "eu-west-1"),
            ("page", "3"),
            ("q", "state = running"),
            ("view", "ab"),
            ("snap_page", "2"),
            ("hide", ""),
        ]));
        assert_eq!(
            encode(&kept),
            "q=state%20%3D%20running&region=eu-west-1&sort=-name"
        );
        assert_eq!(encode(&[]), "");
    }

    #[test]
    fn drafts_are_checked_and_trimmed() {
        let draft = ViewDraft {
            page: "/instances".into(),
            name: "  prod web  ".into(),
            query: "?region=us-east-1".into(),
            ..ViewDraft::default()
        };
        let checked = check_draft(&draft).unwrap();
        assert_eq!(
            (checked.name.as_str(), checked.query.as_str()),
            ("prod web", "region=us-east-1")
        );
        let field = |d: ViewDraft| match check_draft(&d) {
            Err(AppError::Validation { field, .. }) => field,
            other => panic!("{other:?}"),
        };
        assert_eq!(
            field(ViewDraft {
                name: " ".into(),
                ..draft.clone()
            }),
            "view name"
        );
        assert_eq!(
            field(ViewDraft {
                name: "x".repeat(101),
                ..draft.clone()
            }),
            "view name"
        );
        assert!(
            check_draft(&ViewDraft {
                name: "é".repeat(100),
                ..draft.clone()
            })
            .is_ok(),
            "100 characters, not bytes"
        );
        assert_eq!(
            field(ViewDraft {
                page: "/nowhere".into(),
                ..draft.clone()
            }),
            "page"
        );
        assert_eq!(
            field(ViewDraft {
                description: "d".repeat(501),
                ..draft.clone()
            }),
            "description"
        );
        assert_eq!(
            field(ViewDraft {
                query: "q=".to_string() + &"x".repeat(2000),
                ..draft
            }),
            "query"
        );
        assert!(
            check_id("0123456789abcdef").is_ok()
                && check_id("0123").is_err()
                && check_id("0123456789ABCDEF").is_err()
        );
    }

    #[test]
    fn problems_name_a_bad_region_filter_or_page_size() {
        assert!(problems(
            "/instances",
            &pairs(&[("region", "us-east-1"), ("q", "state = running"), ("size", "50")])
        )
        .is_empty());
        assert!(
            problems(
                "/instances",
                &pairs(&[("region", "all"), ("q", "region = eu-central-1")])
            )
            .is_empty(),
            "a view of every region"
        );
        let found = problems(
            "/instances",
            &pairs(&[("region", "mars"), ("q", "colour = red"), ("size", "7")]),
        );
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(
            found[0].contains("mars") && found[1].contains("colour") && found[2].contains('7'),
            "{found:?}"
        );
        assert_eq!(
            problems("/volumes", &pairs(&[("q", "colour = red")])),
            Vec::<String>::new(),
            "a free-text filter cannot be wrong"
        );
        assert_eq!(problems("/audit", &pairs(&[("from", "last week")])).len(), 1);
    }
}
