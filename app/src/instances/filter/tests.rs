//! The property filter's parsing and row matching.

use super::*;

fn row() -> InstanceRow {
    InstanceRow {
        id: "i-0abc".into(),
        name: Some("web-1".into()),
        state: "running".into(),
        instance_type: "t3.micro".into(),
        tags: vec![
            ("Environment".into(), "prod".into()),
            ("Name".into(), "web-1".into()),
        ],
        ..InstanceRow::default()
    }
}

#[test]
fn api_tokens_in_every_spacing() {
    for input in [
        "state = running",
        "state=running",
        "state= running",
        "state =running",
    ] {
        let f = parse(input).unwrap();
        assert_eq!(
            f.api,
            vec![ApiFilter {
                name: "instance-state-name".into(),
                values: vec!["running".into()]
            }],
            "{input}"
        );
    }
}

#[test]
fn tags_wildcards_text_and_repeats() {
    let f = parse("tag:Environment = prod type = t3.* web state=running state=stopped").unwrap();
    assert_eq!(f.api[0].name, "tag:Environment");
    assert_eq!(
        f.patterns,
        vec![ApiFilter {
            name: "instance-type".into(),
            values: vec!["t3.*".into()]
        }]
    );
    assert_eq!(f.api[1].values, vec!["running", "stopped"]);
    assert_eq!(f.text, vec!["web"]);
}

#[test]
fn quoted_values_keep_spaces() {
    let f = parse(r#"tag:Team = "data platform""#).unwrap();
    assert_eq!(f.api[0].values, vec!["data platform"]);
    assert!(parse(r#"tag:Team = "open"#).is_err());
}

#[test]
fn bad_filters_name_the_problem() {
    let message = |input: &str| match parse(input) {
        Err(AppError::Validation { field, message }) => {
            assert_eq!(field, "filter");
            message
        }
        other => panic!("{input}: expected a validation error, got {other:?}"),
    };
    assert!(message("colour = red").contains("unknown key `colour`"));
    assert!(message("state = sleeping").contains("state must be one of"));
    assert!(message("type =").contains("needs a value"));
    assert!(message("tag: = x").contains("unknown key"));
    assert!(message(&"x".repeat(MAX_LEN + 1)).contains("at most"));
    assert!(message("web\u{7}").contains("control"));
}

#[test]
fn exclusions_and_text_apply_to_rows() {
    let r = row();
    assert!(parse("").unwrap().keeps(&r));
    assert!(parse("WEB").unwrap().keeps(&r));
    assert!(parse("prod").unwrap().keeps(&r));
    assert!(!parse("db").unwrap().keeps(&r));
    assert!(!parse("state != running").unwrap().keeps(&r));
    assert!(parse("state != stopped").unwrap().keeps(&r));
    assert!(!parse("tag:Environment != pr*").unwrap().keeps(&r));
    assert!(parse("tag:Owner != bob").unwrap().keeps(&r));
    assert!(parse("state != stopped").unwrap().api.is_empty());
}

#[test]
fn wildcard_values_apply_to_rows() {
    let r = row();
    assert!(parse("type = t3.*").unwrap().keeps(&r));
    assert!(!parse("type = m5.*").unwrap().keeps(&r));
    assert!(parse("type = m5.* type = t3.mi*").unwrap().keeps(&r));
    assert!(parse("name = web-?").unwrap().keeps(&r));
    assert!(parse("tag:Environment = pr*").unwrap().keeps(&r));
    assert!(!parse("tag:Owner = *").unwrap().keeps(&r));
}

#[test]
fn globs() {
    assert!(glob_match("t3.*", "t3.micro"));
    assert!(!glob_match("t3.*", "t3a.micro"));
    assert!(glob_match("web-?", "web-1"));
    assert!(!glob_match("web-?", "web-10"));
    assert!(glob_match("*", ""));
    assert!(glob_match("a*b*c", "aXXbYYc"));
    assert!(!glob_match("a*b*c", "aXXbYY"));
}

#[test]
fn the_region_key_applies_here_and_names_the_regions_to_ask() {
    let f = parse("region = eu-central-1 region=us-east-1 state=running").unwrap();
    assert_eq!(f.api.len(), 1, "a region is not sent to EC2 as a filter");
    assert_eq!(
        f.regions(),
        Some(vec!["eu-central-1".to_string(), "us-east-1".to_string()])
    );
    let mut r = row();
    r.region = "eu-central-1".into();
    assert!(f.keeps(&r));
    r.region = "us-west-2".into();
    assert!(!f.keeps(&r));
    assert_eq!(parse("region = eu-*").unwrap().regions(), None);
    assert!(parse("region = eu-*").unwrap().keeps(&InstanceRow {
        region: "eu-west-1".into(),
        ..row()
    }));
    assert!(parse("region != us-west-2").unwrap().keeps(&InstanceRow {
        region: "eu-west-1".into(),
        ..row()
    }));
    assert!(parse("region = EU_WEST").is_err());
    assert_eq!(parse("state = running").unwrap().regions(), None);
}
