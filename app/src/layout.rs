//! The page frame: top bar, side navigation, and the simple pages that have no resource module yet.

use crate::auth::IdentityBar;
use crate::region::use_region_param;
use crate::PRODUCT_NAME;
use leptos::prelude::*;
use leptos_router::components::A;

/// The side navigation's entries: path and label.
pub const NAV: [(&str, &str); 9] = [
    ("/", "Dashboard"),
    ("/instances", "Instances"),
    ("/launch", "Launch instance"),
    ("/images", "AMIs"),
    ("/key-pairs", "Key pairs"),
    ("/security-groups", "Security groups"),
    ("/volumes", "Volumes"),
    ("/addresses", "Elastic IPs"),
    ("/network", "Network"),
];

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
    let links = NAV
        .iter()
        .map(|&(path, label)| {
            let href = move || href_with_region(path, region.get().as_deref());
            view! { <li><A href=href exact=true>{label}</A></li> }
        })
        .collect_view();
    view! {
        <a class="skip-link" href="#main">"Skip to content"</a>
        <header class="top-bar">
            <A href="/" attr:class="brand">{PRODUCT_NAME}</A>
            <div class="top-bar-tools">
                <span class="hint palette-hint"><kbd>"Ctrl"</kbd>" + "<kbd>"K"</kbd>" commands"</span>
                <crate::theme::ThemeSwitch/>
                <crate::locale::LocaleSwitch/>
                <IdentityBar/>
            </div>
        </header>
        <div class="route-progress" role="progressbar" aria-label="Loading page" hidden=move || !routing.get()></div>
        <div class="frame">
            <nav class="side-nav" aria-label="EC2">
                <ul>{links}</ul>
                <ul class="nav-console" aria-label="Console">
                    <li><A href="/audit" exact=true>"Audit log"</A></li>
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
            <h1>"Page not found"</h1>
            <p><A href="/">"Back to the dashboard"</A></p>
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
