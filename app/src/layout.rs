//! The page frame: top bar, side navigation, and the simple pages that have no resource module yet.

use crate::auth::IdentityBar;
use crate::locale::Label;
use crate::region::use_region_param;
use crate::PRODUCT_NAME;
use leptos::prelude::*;
use leptos_router::components::A;

/// The side navigation's entries: path and label (call it with [`crate::locale::current()`]).
pub const NAV: [(&str, Label); 9] = [
    ("/", crate::label!(common.nav_dashboard)),
    ("/instances", crate::label!(common.nav_instances)),
    ("/launch", crate::label!(common.nav_launch)),
    ("/images", crate::label!(common.nav_images)),
    ("/key-pairs", crate::label!(common.nav_key_pairs)),
    ("/security-groups", crate::label!(common.nav_security_groups)),
    ("/volumes", crate::label!(common.nav_volumes)),
    ("/addresses", crate::label!(common.nav_addresses)),
    ("/network", crate::label!(common.nav_network)),
];

/// The console's own page under the side navigation's entries: path and label.
pub const AUDIT_NAV: (&str, Label) = ("/audit", crate::label!(common.nav_audit));

/// `path` with the current region carried along, so navigation keeps the region.
pub fn href_with_region(path: &str, region: Option<&str>) -> String {
    match region {
        Some(r) => format!("{path}?region={r}"),
        None => path.to_string(),
    }
}

/// Top bar, side navigation and the main area; `routing` is true while the router loads the next
/// page (its chunk and data), shown as a progress line under the top bar.
#[component]
pub fn Layout(routing: ReadSignal<bool>, children: Children) -> impl IntoView {
    let region = use_region_param();
    crate::auth::provide_identity();
    let locale = crate::locale::current();
    let links = NAV
        .iter()
        .map(|&(path, label)| {
            let href = move || href_with_region(path, region.get().as_deref());
            view! { <li><A href=href exact=true>{label(locale)}</A></li> }
        })
        .collect_view();
    let (audit_path, audit_label) = AUDIT_NAV;
    view! {
        <a class="skip-link" href="#main">{crate::tr!(common.skip_to_content)}</a>
        <header class="top-bar">
            <A href="/" attr:class="brand">{PRODUCT_NAME}</A>
            <div class="top-bar-tools">
                <span class="hint palette-hint"><kbd>"Ctrl"</kbd>" + "<kbd>"K"</kbd>" "{crate::tr!(common.palette_hint)}</span>
                <crate::theme::ThemeSwitch/>
                <crate::time::ZoneSwitch/>
                <crate::locale::LocaleSwitch/>
                <IdentityBar/>
            </div>
        </header>
        <div class="route-progress" role="progressbar" aria-label=crate::tr!(common.loading_page) hidden=move || !routing.get()></div>
        <div class="frame">
            <nav class="side-nav" aria-label="EC2">
                <ul>{links}</ul>
                <ul class="nav-console" aria-label=crate::tr!(common.nav_console)>
                    <li><A href=audit_path exact=true>{audit_label(locale)}</A></li>
                </ul>
            </nav>
            <main id="main" tabindex="-1">{children()}</main>
        </div>
        <crate::palette::PaletteLauncher/>
    }
}

/// Shown for unknown paths.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <section class="page">
            <h1>{crate::tr!(common.page_not_found)}</h1>
            <p><A href="/">{crate::tr!(common.back_to_dashboard)}</A></p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::href_with_region;

    #[test]
    fn carries_the_region_into_links() {
        assert_eq!(
            href_with_region("/instances", Some("eu-west-1")),
            "/instances?region=eu-west-1"
        );
        assert_eq!(href_with_region("/instances", None), "/instances");
    }
}
