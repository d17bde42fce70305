//! The instance list's property filter: free text plus `key = value` / `key != value` tokens.
//!
//! `=` tokens with exact values go to `DescribeInstances` as `Filters` (values of the same key are
//! alternatives, as in the API). A key given a wildcard value (`*`, `?`), `!=` tokens and free text
//! apply to the listed rows: not every EC2 endpoint honours wildcards (moto does not).

use super::InstanceRow;
use crate::error::AppError;

/// The keys a filter token may use: the console's name, the API filter it maps to, and a hint.
pub const KEYS: [(&str, &str, &str); 13] = [
    ("state", "instance-state-name", "running, stopped, …"),
    ("region", REGION, "eu-central-1 (with All regions)"),
    ("type", "instance-type", "t3.micro, t3.*"),
    ("id", "instance-id", "i-…"),
    ("name", "tag:Name", "web-*"),
    ("az", "availability-zone", "us-east-1a"),
    ("key", "key-name", "key pair name"),
    ("ami", "image-id", "ami-…"),
    ("vpc", "vpc-id", "vpc-…"),
    ("subnet", "subnet-id", "subnet-…"),
    ("private-ip", "private-ip-address", "10.0.1.12"),
    ("public-ip", "ip-address", "54.1.2.3"),
    ("tag:<Key>", "tag:<Key>", "tag:Environment = prod"),
];

/// The one key applied by the console alone (a region is not an EC2 filter): with All regions,
/// only the regions it names are asked.
const REGION: &str = "region";

/// Longest filter accepted, in characters.
pub const MAX_LEN: usize = 1024;

/// A filter the EC2 API applies: its API name and the accepted values.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiFilter {
    /// API filter name, e.g. `instance-state-name` or `tag:Environment`.
    pub name: String,
    /// Values, any of which matches.
    pub values: Vec<String>,
}

/// A `key != value` rule, applied to the rows after listing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exclusion {
    /// The console key (`state`, `tag:Environment`, …).
    pub key: String,
    /// The value (may hold wildcards) that excludes a row.
    pub value: String,
}

/// A parsed property filter.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PropertyFilter {
    /// Sent to `DescribeInstances`.
    pub api: Vec<ApiFilter>,
    /// Keys with wildcard values: a row passes when its value matches any of them.
    pub patterns: Vec<ApiFilter>,
    /// Applied to the listed rows.
    pub exclusions: Vec<Exclusion>,
    /// Free-text words, each of which must appear in some column (case-insensitive).
    pub text: Vec<String>,
}

/// The API filter name for a console key, or `None` when the key is unknown.
pub fn api_name(key: &str) -> Option<String> {
    if let Some(tag) = key.strip_prefix("tag:") {
        return (!tag.is_empty()).then(|| format!("tag:{tag}"));
    }
    KEYS.iter()
        .find(|(k, _, _)| *k == key)
        .filter(|(k, _, _)| !k.starts_with("tag:"))
        .map(|(_, api, _)| api.to_string())
}

/// Splits into tokens on whitespace, keeping double-quoted runs together (quotes removed) and
/// joining `key = value`, `key= value` and `key =value` into one `key=value` token.
fn tokens(input: &str) -> Result<Vec<String>, AppError> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    let mut started = false;
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                quoted = !quoted;
                started = true;
            }
            '=' | '!' if !quoted && (c == '=' || chars.peek() == Some(&'=')) => {
                if c == '!' {
                    chars.next();
                }
                if !started {
                    if let Some(prev) = out.pop() {
                        current = prev;
                    }
                }
                current.push_str(if c == '!' { "!=" } else { "=" });
                started = true;
                while chars.peek().is_some_and(|n| n.is_whitespace()) {
                    chars.next();
                }
            }
            c if c.is_whitespace() && !quoted => {
                if started {
                    out.push(std::mem::take(&mut current));
                    started = false;
                }
            }
            c => {
                current.push(c);
                started = true;
            }
        }
    }
    if quoted {
        return Err(AppError::validation("filter", crate::tr!(instances.filter_quote)));
    }
    if started {
        out.push(current);
    }
    Ok(out)
}

fn check_value(key: &str, value: &str) -> Result<(), AppError> {
    if value.is_empty() {
        return Err(AppError::validation(
            "filter",
            crate::tr!(instances.filter_needs_value, key = key),
        ));
    }
    if value.chars().any(char::is_control) {
        return Err(AppError::validation(
            "filter",
            crate::tr!(instances.filter_control),
        ));
    }
    let region_like = value
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-*?".contains(c));
    if key == REGION && !region_like {
        return Err(AppError::validation(
            "filter",
            crate::tr!(instances.filter_region),
        ));
    }
    if key == "state" && !super::STATES.contains(&value) {
        return Err(AppError::validation(
            "filter",
            crate::tr!(instances.filter_state, states = super::STATES.join(", ")),
        ));
    }
    Ok(())
}

/// Parses a property filter; unknown keys, empty values and malformed input are refused by name.
pub fn parse(input: &str) -> Result<PropertyFilter, AppError> {
    if input.chars().count() > MAX_LEN {
        return Err(AppError::validation(
            "filter",
            crate::tr!(instances.filter_too_long, max = MAX_LEN),
        ));
    }
    let mut filter = PropertyFilter::default();
    for token in tokens(input)? {
        let (key, value, negated) = match token.find('=') {
            Some(i) if token[..i].ends_with('!') => (&token[..i - 1], &token[i + 1..], true),
            Some(i) => (&token[..i], &token[i + 1..], false),
            None => {
                if token.chars().any(char::is_control) {
                    return Err(AppError::validation(
                        "filter",
                        crate::tr!(instances.filter_control),
                    ));
                }
                filter.text.push(token.to_lowercase());
                continue;
            }
        };
        let key = key.trim();
        let Some(name) = api_name(key) else {
            let known: Vec<&str> = KEYS.iter().map(|(k, _, _)| *k).collect();
            return Err(AppError::validation(
                "filter",
                crate::tr!(instances.filter_unknown_key, key = key, keys = known.join(", ")),
            ));
        };
        check_value(key, value)?;
        if negated {
            filter.exclusions.push(Exclusion {
                key: key.to_string(),
                value: value.to_string(),
            });
        } else if let Some(existing) = filter.api.iter_mut().find(|f| f.name == name) {
            existing.values.push(value.to_string());
        } else {
            filter.api.push(ApiFilter {
                name,
                values: vec![value.to_string()],
            });
        }
    }
    let (patterns, exact): (Vec<_>, Vec<_>) = filter
        .api
        .into_iter()
        .partition(|f| f.name == REGION || f.values.iter().any(|v| v.contains(['*', '?'])));
    filter.api = exact;
    filter.patterns = patterns;
    Ok(filter)
}

/// Whether `text` matches the pattern, where `*` is any run and `?` any one character (case-sensitive, like the API).
pub fn glob_match(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    let (mut pi, mut ti) = (0, 0);
    let (mut star, mut mark) = (None, 0);
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

/// The console key for an API filter name (`instance-type` → `type`; tags are the same).
fn console_key(api: &str) -> &str {
    if api.starts_with("tag:") && api != "tag:Name" {
        return api;
    }
    KEYS.iter()
        .find(|(_, a, _)| *a == api)
        .map(|(k, _, _)| *k)
        .unwrap_or(api)
}

/// The row's value for a console key.
fn row_value(row: &InstanceRow, key: &str) -> Option<String> {
    if let Some(tag) = key.strip_prefix("tag:") {
        return row.tags.iter().find(|(k, _)| k == tag).map(|(_, v)| v.clone());
    }
    match key {
        "state" => Some(row.state.clone()),
        REGION => Some(row.region.clone()),
        "type" => Some(row.instance_type.clone()),
        "id" => Some(row.id.clone()),
        "name" => row.name.clone(),
        "az" => Some(row.availability_zone.clone()),
        "key" => row.key_name.clone(),
        "ami" => row.image_id.clone(),
        "vpc" => row.vpc_id.clone(),
        "subnet" => row.subnet_id.clone(),
        "private-ip" => row.private_ip.clone(),
        "public-ip" => row.public_ip.clone(),
        _ => None,
    }
}

impl PropertyFilter {
    /// Whether a listed row passes the rules the API could not apply.
    pub fn keeps(&self, row: &InstanceRow) -> bool {
        let excluded = self
            .exclusions
            .iter()
            .any(|e| row_value(row, &e.key).is_some_and(|v| glob_match(&e.value, &v)));
        if excluded {
            return false;
        }
        let matches_patterns = self.patterns.iter().all(|p| {
            row_value(row, console_key(&p.name))
                .is_some_and(|v| p.values.iter().any(|pat| glob_match(pat, &v)))
        });
        if !matches_patterns {
            return false;
        }
        self.text.iter().all(|word| {
            let fields = [
                Some(&row.id),
                row.name.as_ref(),
                Some(&row.state),
                Some(&row.instance_type),
                Some(&row.availability_zone),
                row.public_ip.as_ref(),
                row.private_ip.as_ref(),
                row.key_name.as_ref(),
                row.image_id.as_ref(),
            ];
            fields
                .into_iter()
                .flatten()
                .any(|f| f.to_lowercase().contains(word))
                || row
                    .tags
                    .iter()
                    .any(|(k, v)| k.to_lowercase().contains(word) || v.to_lowercase().contains(word))
        })
    }

    /// The regions `region = …` names, when every value is a whole region name (so only those
    /// need asking); `None` when any region may match.
    pub fn regions(&self) -> Option<Vec<String>> {
        let wanted = self.patterns.iter().find(|p| p.name == REGION)?;
        let exact = wanted.values.iter().all(|v| crate::region::is_valid_region(v));
        exact.then(|| wanted.values.clone())
    }

    /// Whether the filter has no rules at all.
    pub fn is_empty(&self) -> bool {
        self.api.is_empty() && self.patterns.is_empty() && self.exclusions.is_empty() && self.text.is_empty()
    }
}

#[cfg(test)]
mod tests;
