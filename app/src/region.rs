//! Region rules: which names are regions, and the region named in the URL. Knows nothing of who
//! is signed in (the picker that asks EC2 for the regions is the identity bar's).

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// Whether `name` has the shape of an AWS region name (`us-east-1`, `ap-southeast-2`, `us-gov-west-1`).
pub fn is_valid_region(name: &str) -> bool {
    let parts: Vec<&str> = name.split('-').collect();
    let Some((last, first_parts)) = parts.split_last() else {
        return false;
    };
    parts.len() >= 3
        && name.len() <= 32
        && !last.is_empty()
        && last.bytes().all(|b| b.is_ascii_digit())
        && first_parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase()))
}

/// The region named in the URL (`?region=`), if any.
pub fn use_region_param() -> Memo<Option<String>> {
    let query = use_query_map();
    Memo::new(move |_| query.read().get("region").filter(|r| !r.is_empty()))
}

#[cfg(test)]
mod tests {
    use super::is_valid_region;

    #[test]
    fn accepts_real_region_names() {
        for r in [
            "us-east-1",
            "eu-west-3",
            "ap-southeast-2",
            "us-gov-west-1",
            "il-central-1",
        ] {
            assert!(is_valid_region(r), "{r}");
        }
    }

    #[test]
    fn rejects_malformed_names() {
        for r in [
            "",
            "us-east",
            "US-EAST-1",
            "us_east_1",
            "us--1",
            "-east-1",
            "us-east-x",
            "us-east-1 ",
            "../etc",
        ] {
            assert!(!is_valid_region(r), "{r:?}");
        }
    }
}
