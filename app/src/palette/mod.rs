//! The command palette (`Ctrl+K` / `Cmd+K`): go to a page, run the page's commands, switch region,
//! or paste any EC2 ID (or a key pair name) and jump to its details — looked for in the current
//! region first, then in every enabled region.

mod items;
mod launcher;
#[cfg(feature = "ssr")]
pub mod ssr;
mod view;

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

pub use launcher::PaletteLauncher;

/// What an ID names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Kind {
    /// `i-…`
    Instance,
    /// `vol-…`
    Volume,
    /// `snap-…`
    Snapshot,
    /// `sg-…`
    SecurityGroup,
    /// `ami-…`
    Image,
    /// `eni-…`
    NetworkInterface,
    /// `subnet-…`
    Subnet,
    /// `vpc-…`
    Vpc,
    /// `eipalloc-…`
    Address,
    /// Anything else that could be a key pair's name.
    KeyPair,
}

/// ID prefixes and what they name.
const PREFIXES: [(&str, Kind); 9] = [
    ("i-", Kind::Instance),
    ("vol-", Kind::Volume),
    ("snap-", Kind::Snapshot),
    ("sg-", Kind::SecurityGroup),
    ("ami-", Kind::Image),
    ("eni-", Kind::NetworkInterface),
    ("subnet-", Kind::Subnet),
    ("vpc-", Kind::Vpc),
    ("eipalloc-", Kind::Address),
];

impl Kind {
    /// What a person calls it.
    pub fn noun(self) -> &'static str {
        match self {
            Kind::Instance => crate::tr!(palette.kind_instance),
            Kind::Volume => crate::tr!(palette.kind_volume),
            Kind::Snapshot => crate::tr!(palette.kind_snapshot),
            Kind::SecurityGroup => crate::tr!(palette.kind_security_group),
            Kind::Image => crate::tr!(palette.kind_image),
            Kind::NetworkInterface => crate::tr!(palette.kind_network_interface),
            Kind::Subnet => crate::tr!(palette.kind_subnet),
            Kind::Vpc => crate::tr!(palette.kind_vpc),
            Kind::Address => crate::tr!(palette.kind_address),
            Kind::KeyPair => crate::tr!(palette.kind_key_pair),
        }
    }

    /// The page that shows `id` of this kind in `region`, opened on it.
    pub fn href(self, region: &str, id: &str) -> String {
        let id = urlencoding(id);
        match self {
            Kind::Instance => format!("/instances?region={region}&id={id}"),
            Kind::Volume => format!("/volumes?region={region}&id={id}"),
            Kind::Snapshot => format!("/volumes?region={region}&q={id}"),
            Kind::SecurityGroup => format!("/security-groups?region={region}&id={id}"),
            Kind::Image => format!("/images?region={region}&q={id}"),
            Kind::NetworkInterface => format!("/network?region={region}&tab=interfaces&q={id}"),
            Kind::Subnet => format!("/network?region={region}&tab=subnets&q={id}"),
            Kind::Vpc => format!("/network?region={region}&tab=vpcs&q={id}"),
            Kind::Address => format!("/addresses?region={region}&id={id}"),
            Kind::KeyPair => format!("/key-pairs?region={region}&name={id}"),
        }
    }
}

/// Percent-encodes what is not unreserved (a key pair name may hold anything printable).
fn urlencoding(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// What `query` could name: an ID by its prefix (`i-` and 8 or 17 hex digits, …), else a key
/// pair name (printable, at most 255 characters); `None` when it can be neither.
pub fn kind_of(query: &str) -> Option<Kind> {
    let q = query.trim();
    for (prefix, kind) in PREFIXES {
        if let Some(hex) = q.strip_prefix(prefix) {
            let is_hex = hex
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
            if is_hex && (hex.len() == 8 || hex.len() == 17) {
                return Some(kind);
            }
        }
    }
    let printable = q.chars().all(|c| !c.is_control());
    (!q.is_empty() && q.chars().count() <= 255 && printable).then_some(Kind::KeyPair)
}

/// Whether `query` has the shape of an ID (so the palette looks it up without being asked).
pub fn is_id(query: &str) -> bool {
    kind_of(query).is_some_and(|k| k != Kind::KeyPair)
}

/// A resource found by its ID.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Found {
    /// What it is.
    pub kind: Kind,
    /// Its ID (or key pair name).
    pub id: String,
    /// The region it is in.
    pub region: String,
}

impl Found {
    /// The palette's words for it: `Instance i-… in eu-central-1`.
    pub fn label(&self) -> String {
        crate::tr!(
            palette.found_label,
            kind = self.kind.noun(),
            id = self.id,
            region = self.region
        )
    }

    /// Where its details are.
    pub fn href(&self) -> String {
        self.kind.href(&self.region, &self.id)
    }
}

/// Looks `query` (an EC2 ID or a key pair name) up in `region` (or the session's) first, then in
/// every other enabled region.
#[server]
pub async fn find_resource(region: Option<String>, query: String) -> Result<Vec<Found>, AppError> {
    let query = query.trim().to_string();
    let kind =
        kind_of(&query).ok_or_else(|| AppError::validation("search", crate::tr!(palette.search_invalid)))?;
    let mut caller = crate::auth::ssr::Caller::current().await?;
    let here = caller.region(region.as_deref()).await?;
    if ssr::exists(&caller.ec2(&here)?, kind, &query).await? {
        return Ok(vec![Found {
            kind,
            id: query,
            region: here,
        }]);
    }
    let plan = crate::regions::ssr::plan(&caller).await?;
    let others: Vec<String> = plan.asked.into_iter().filter(|r| *r != here).collect();
    let across = crate::regions::ssr::across(&caller, Some(&others), |client, region| {
        let id = query.clone();
        async move {
            let found = ssr::exists(&client, kind, &id).await?;
            Ok(if found {
                vec![Found { kind, id, region }]
            } else {
                Vec::new()
            })
        }
    })
    .await?;
    let mut found = across.rows;
    found.sort_by(|a, b| a.region.cmp(&b.region));
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_known_by_their_prefix() {
        assert_eq!(kind_of("i-0123456789abcdef0"), Some(Kind::Instance));
        assert_eq!(kind_of(" vol-1234abcd "), Some(Kind::Volume));
        assert_eq!(kind_of("eipalloc-1234abcd"), Some(Kind::Address));
        assert_eq!(kind_of("subnet-0123456789abcdef0"), Some(Kind::Subnet));
        assert_eq!(kind_of("demo-key"), Some(Kind::KeyPair));
        assert_eq!(
            kind_of("i-123"),
            Some(Kind::KeyPair),
            "not an instance ID, so maybe a name"
        );
        assert_eq!(kind_of(""), None);
        assert_eq!(kind_of("a\u{7}b"), None);
        assert_eq!(kind_of(&"k".repeat(256)), None);
        assert!(is_id("sg-1234abcd") && !is_id("demo-key"));
    }

    #[test]
    fn found_resources_link_to_their_details() {
        let found = Found {
            kind: Kind::Instance,
            id: "i-1234abcd".into(),
            region: "eu-central-1".into(),
        };
        assert_eq!(found.label(), "Instance i-1234abcd in eu-central-1");
        assert_eq!(found.href(), "/instances?region=eu-central-1&id=i-1234abcd");
        assert_eq!(
            Kind::KeyPair.href("us-east-1", "my key/1"),
            "/key-pairs?region=us-east-1&name=my%20key%2F1"
        );
    }
}
