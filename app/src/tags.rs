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
        return Err(AppError::validation("tag key", crate::tr!(common.tag_key_length)));
    }
    if key.to_ascii_lowercase().starts_with("aws:") {
        return Err(AppError::validation(
            "tag key",
            crate::tr!(common.tag_key_reserved),
        ));
    }
    if key.chars().any(char::is_control) {
        return Err(AppError::validation(
            "tag key",
            crate::tr!(common.tag_control_characters),
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
            crate::tr!(common.tag_value_length),
        ));
    }
    if tag.value.chars().any(char::is_control) {
        return Err(AppError::validation(
            format!("tag {}", tag.key),
            crate::tr!(common.tag_control_characters),
        ));
    }
    Ok(())
}

/// Checks an edit: the tags to set (each valid, no key twice) and the keys to remove.
pub fn check_edit(set: &[Tag], remove: &[String]) -> Result<(), AppError> {
    if set.len() + remove.len() > MAX_TAGS * 2 {
        return Err(AppError::validation(
            "tags",
            crate::tr!(common.tags_too_many, max = MAX_TAGS),
        ));
    }
    for (i, tag) in set.iter().enumerate() {
        check(tag)?;
        if set[..i].iter().any(|t| t.key == tag.key) {
            return Err(AppError::validation(
                "tag key",
                crate::tr!(common.tag_key_twice, key = tag.key),
            ));
        }
    }
    for key in remove {
        check_key(key)?;
    }
    if set.is_empty() && remove.is_empty() {
        return Err(AppError::validation(
            "tags",
            crate::tr!(common.tags_nothing_to_change),
        ));
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
