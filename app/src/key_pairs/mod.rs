//! Key pairs: list, create (the private key goes to the browser once and is never kept), import
//! and delete; the Key pairs page and the forms the launch page shares.

use crate::error::AppError;
use serde::{Deserialize, Serialize};

pub mod forms;
mod page;
#[cfg(feature = "ssr")]
pub mod ssr;

pub use page::KeyPairsPage;

/// A key pair's algorithm.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum KeyAlgorithm {
    /// RSA 2048.
    Rsa,
    /// ED25519 (the default: shorter and faster).
    #[default]
    Ed25519,
}

impl KeyAlgorithm {
    /// The API's name for it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Rsa => "rsa",
            Self::Ed25519 => "ed25519",
        }
    }
}

/// A key pair as the list and the pickers show it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyPairInfo {
    /// The key pair's name.
    pub name: String,
    /// Its ID (`key-…`).
    pub id: String,
    /// `rsa` or `ed25519`.
    pub key_type: String,
    /// The fingerprint AWS computed.
    pub fingerprint: String,
    /// When it was created or imported (RFC 3339).
    pub created: Option<String>,
}

/// A key pair just created, with its private key: shown to the browser once, never stored.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewKeyPair {
    /// The key pair.
    pub info: KeyPairInfo,
    /// The private key in PEM / OpenSSH format.
    pub private_key: String,
}

impl std::fmt::Debug for NewKeyPair {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewKeyPair")
            .field("info", &self.info)
            .field("private_key", &"[redacted]")
            .finish()
    }
}

/// Checks a key pair name: 1–255 printable ASCII characters.
pub fn check_name(name: &str) -> Result<(), AppError> {
    let field = "key pair name";
    if name.trim().is_empty() {
        return Err(AppError::validation(field, crate::tr!(key_pairs.required)));
    }
    if name.len() > 255 {
        return Err(AppError::validation(field, crate::tr!(key_pairs.max_255)));
    }
    if !name.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return Err(AppError::validation(field, crate::tr!(key_pairs.printable_ascii)));
    }
    Ok(())
}

/// The algorithms EC2 imports, by their OpenSSH names.
const OPENSSH_TYPES: [(&str, KeyAlgorithm); 2] = [
    ("ssh-rsa", KeyAlgorithm::Rsa),
    ("ssh-ed25519", KeyAlgorithm::Ed25519),
];

/// Checks an OpenSSH public key (`ssh-rsa AAAA… comment` or `ssh-ed25519 AAAA… comment`): the
/// base64 body must decode and name the same algorithm; an ED25519 key must hold 32 bytes, an RSA
/// key at least 1024 bits. Returns the algorithm.
pub fn check_public_key(text: &str) -> Result<KeyAlgorithm, AppError> {
    use base64::Engine as _;
    let field = "public key";
    let bad = |m: &str| Err(AppError::validation(field, m));
    let text = text.trim();
    if text.is_empty() {
        return bad(crate::tr!(key_pairs.required));
    }
    if text.len() > 16_384 || text.lines().count() > 1 {
        return bad(crate::tr!(key_pairs.key_one_line));
    }
    let mut parts = text.split_whitespace();
    let (Some(kind), Some(body)) = (parts.next(), parts.next()) else {
        return bad(crate::tr!(key_pairs.key_format));
    };
    let Some(&(_, algorithm)) = OPENSSH_TYPES.iter().find(|(name, _)| *name == kind) else {
        return bad(crate::tr!(key_pairs.key_kind));
    };
    let Ok(blob) = base64::engine::general_purpose::STANDARD.decode(body) else {
        return bad(crate::tr!(key_pairs.key_base64));
    };
    let fields = ssh_strings(&blob);
    if fields.first().map(Vec::as_slice) != Some(kind.as_bytes()) {
        return bad(crate::tr!(key_pairs.key_mismatch));
    }
    let valid = match algorithm {
        KeyAlgorithm::Ed25519 => fields.len() == 2 && fields[1].len() == 32,
        KeyAlgorithm::Rsa => {
            fields.len() == 3 && {
                let modulus = &fields[2];
                let leading = modulus.iter().take_while(|b| **b == 0).count();
                (modulus.len() - leading) * 8 >= 1024
            }
        }
    };
    if !valid {
        return bad(crate::tr!(key_pairs.key_malformed));
    }
    Ok(algorithm)
}

/// Splits an SSH wire-format blob into its length-prefixed strings (stops at the first bad length).
fn ssh_strings(mut blob: &[u8]) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    while blob.len() >= 4 {
        let len = u32::from_be_bytes([blob[0], blob[1], blob[2], blob[3]]) as usize;
        let Some(value) = blob.get(4..4 + len) else {
            return vec![];
        };
        out.push(value.to_vec());
        blob = &blob[4 + len..];
    }
    if blob.is_empty() {
        out
    } else {
        vec![]
    }
}

/// Lists the key pairs of `region` (or the session's region), by name.
#[leptos::server]
pub async fn list_key_pairs(region: Option<String>) -> Result<Vec<KeyPairInfo>, AppError> {
    let mut caller = crate::auth::ssr::Caller::current().await?;
    let region = caller.region(region.as_deref()).await?;
    ssr::list(&caller.ec2(&region)?).await
}

/// Creates a key pair and returns its private key, this once; the server keeps no copy.
#[leptos::server]
pub async fn create_key_pair(
    region: Option<String>,
    name: String,
    algorithm: KeyAlgorithm,
) -> Result<NewKeyPair, AppError> {
    let mut caller = crate::auth::ssr::Caller::current().await?;
    caller.act("CreateKeyPair").await?;
    check_name(&name)?;
    let region = caller.region(region.as_deref()).await?;
    ssr::create(&caller.ec2(&region)?, &name, algorithm).await
}

/// Imports an OpenSSH public key as a key pair.
#[leptos::server]
pub async fn import_key_pair(
    region: Option<String>,
    name: String,
    public_key: String,
) -> Result<KeyPairInfo, AppError> {
    let mut caller = crate::auth::ssr::Caller::current().await?;
    caller.act("ImportKeyPair").await?;
    check_name(&name)?;
    check_public_key(&public_key)?;
    let region = caller.region(region.as_deref()).await?;
    ssr::import(&caller.ec2(&region)?, &name, public_key.trim()).await
}

/// Deletes the key pair `name` (instances launched with it keep running). Refused in read-only mode.
#[leptos::server]
pub async fn delete_key_pair(region: Option<String>, name: String) -> Result<(), AppError> {
    let mut caller = crate::auth::ssr::Caller::current().await?;
    caller.act("DeleteKeyPair").await?;
    check_name(&name)?;
    let region = caller.region(region.as_deref()).await?;
    ssr::delete(&caller.ec2(&region)?, &name).await
}

/// The instances (not terminated) launched with the key pair `name`, as "name (id)".
#[leptos::server]
pub async fn key_pair_users(region: Option<String>, name: String) -> Result<Vec<String>, AppError> {
    check_name(&name)?;
    let mut caller = crate::auth::ssr::Caller::current().await?;
    let region = caller.region(region.as_deref()).await?;
    ssr::users(&caller.ec2(&region)?, &name).await
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A well-formed ED25519 public key (the bytes 1..=32).
    pub const ED25519: &str =
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8g me@laptop";
    const RSA_2048: &str = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQCAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAADA5";

    #[test]
    fn names() {
        assert!(check_name("deploy-key 2024").is_ok());
        assert!(check_name("").is_err());
        assert!(check_name("   ").is_err());
        assert!(check_name(&"k".repeat(256)).is_err());
        assert!(check_name("clé").is_err());
        assert!(check_name("a\tb").is_err());
    }

    #[test]
    fn accepts_well_formed_openssh_keys() {
        assert_eq!(check_public_key(ED25519), Ok(KeyAlgorithm::Ed25519));
        assert_eq!(
            check_public_key(&format!("  {ED25519}\n")),
            Ok(KeyAlgorithm::Ed25519)
        );
        assert_eq!(check_public_key(RSA_2048), Ok(KeyAlgorithm::Rsa));
    }

    #[test]
    fn refuses_malformed_keys_by_name() {
        let body = ED25519.split_whitespace().nth(1).unwrap();
        for bad in [
            "",
            "ssh-dss AAAAB3NzaC1kc3MAAACBAP",
            &format!("ssh-rsa {body}"),
            "ssh-ed25519 not-base64!",
            &format!("ssh-ed25519 {}", &body[..body.len() - 8]),
            "-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----",
            "ssh-ed25519",
        ] {
            let err = check_public_key(bad).unwrap_err();
            assert!(
                matches!(&err, AppError::Validation { field, .. } if field == "public key"),
                "{bad}: {err:?}"
            );
        }
    }

    #[test]
    fn the_private_key_never_shows_in_debug() {
        let key = NewKeyPair {
            info: KeyPairInfo::default(),
            private_key: "-----BEGIN OPENSSH PRIVATE KEY-----secret".into(),
        };
        assert!(!format!("{key:?}").contains("secret"));
    }
}
