//! Tags: the DTO and AWS's rules for keys and values, shared by every resource that carries tags.

use crate::error::AppError;
use serde::{Deserialize, Serialize};

/// Most tags a resource may carry.
pub const MAX_TAGS: usize = 50;

/// One tag.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Tag {
    /// Key, 1–128 characters, not starting with `aws:`.
    pub key: String,
    /// Value, up to 256 characters (may be empty).
    pub value: String,
}

/// Checks a tag key against AWS's rules.
pub fn check_key(key: &str) -> Result<(), AppError> {
    let len = key.chars().count();
    if len == 0 || len > 128 {
        return Err(AppError::validation("tag key", "must be 1 to 128 characters"));
    }
    if key.to_ascii_lowercase().starts_with("aws:") {
        return Err(AppError::validation(
            "tag key",
            "keys starting with aws: are reserved by AWS",
        ));
    }
    if key.chars().any(char::is_control) {
        return Err(AppError::validation(
            "tag key",
            "control characters are not allowed",
        ));
    }
    Ok(())
}

/// Checks a tag (key and value) against AWS's rules.
pub fn check(tag: &Tag) -> Result<(), AppError> {
    check_key(&tag.key)?;
    if tag.value.chars().count() > 256 {
        return Err(AppError::validation(
            format!("tag {}", tag.key),
            "the value must be at most 256 characters",
        ));
    }
    if tag.value.chars().any(char::is_control) {
        return Err(AppError::validation(
            format!("tag {}", tag.key),
            "control characters are not allowed",
        ));
    }
    Ok(())
}

/// Checks an edit: the tags to set (each valid, no key twice) and the keys to remove.
pub fn check_edit(set: &[Tag], remove: &[String]) -> Result<(), AppError> {
    if set.len() + remove.len() > MAX_TAGS * 2 {
        return Err(AppError::validation(
            "tags",
            format!("at most {MAX_TAGS} tags per resource"),
        ));
    }
    for (i, tag) in set.iter().enumerate() {
        check(tag)?;
        if set[..i].iter().any(|t| t.key == tag.key) {
            return Err(AppError::validation(
                "tag key",
                format!("`{}` is given twice", tag.key),
            ));
        }
    }
    for key in remove {
        check_key(key)?;
    }
    if set.is_empty() && remove.is_empty() {
        return Err(AppError::validation("tags", "nothing to change"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(k: &str, v: &str) -> Tag {
        Tag {
            key: k.into(),
            value: v.into(),
        }
    }

    #[test]
    fn keys_and_values_follow_aws_rules() {
        assert!(check(&tag("Environment", "prod")).is_ok());
        assert!(check(&tag("Empty", "")).is_ok());
        assert!(check(&tag("", "x")).is_err());
        assert!(check(&tag("aws:cloudformation", "x")).is_err());
        assert!(check(&tag(&"k".repeat(129), "x")).is_err());
        assert!(check(&tag("k", &"v".repeat(257))).is_err());
        assert!(check(&tag("k\n", "v")).is_err());
    }

    #[test]
    fn edits_are_checked_as_a_whole() {
        assert!(check_edit(&[tag("a", "1")], &[]).is_ok());
        assert!(check_edit(&[], &["a".into()]).is_ok());
        assert!(check_edit(&[], &[]).is_err());
        assert!(check_edit(&[tag("a", "1"), tag("a", "2")], &[]).is_err());
    }
}
