//! Generates the `i18n` module from `locales/{locale}/{namespace}.json` (typed keys, as
//! `leptos_i18n`'s build step does) and fails the build when a key is missing from, or extra in,
//! any locale: every warning of the translations' parser is an error here.

use leptos_i18n_parser::parse_locales::{options::Config, parse_locales};
use std::path::PathBuf;

/// The locales, English first (the default), and the namespaces: one file per namespace.
const LOCALES: [&str; 2] = ["en", "ko"];
const NAMESPACES: &[&str] = &[
    "common",
    "auth",
    "dashboard",
    "regions",
    "instances",
    "launch",
    "security_groups",
    "key_pairs",
    "volumes",
    "images",
    "addresses",
    "network",
    "audit",
    "views",
    "palette",
    "monitoring",
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!("cargo::rerun-if-changed=build.rs");
    let config = Config::new(LOCALES[0])?
        .add_locales(&LOCALES[1..])?
        .add_namespaces(NAMESPACES)?;
    let parsed = parse_locales(None, config)?;
    for file in parsed.tracked_files.iter().flatten() {
        println!("cargo::rerun-if-changed={file}");
    }
    let (errors, warnings) = parsed.diag.borrow();
    let problems: Vec<String> = errors
        .iter()
        .map(ToString::to_string)
        .chain(warnings.iter().map(ToString::to_string))
        .collect();
    if !problems.is_empty() {
        return Err(format!("the translations disagree:\n{}", problems.join("\n")).into());
    }
    drop((errors, warnings));
    let code = leptos_i18n_codegen::gen_code(&parsed, None, false, None, false)?;
    let dir = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR")?).join("i18n");
    std::fs::create_dir_all(&dir)?;
    std::fs::write(dir.join("mod.rs"), code.to_string())?;
    Ok(())
}
