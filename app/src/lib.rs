//! The EC2 console's Leptos app: the HTML shell, the layout and the router.
//!
//! One module per EC2 resource holds its DTOs, server functions and views; shared UI
//! lives in [`components`]; server-only AWS code sits behind the `ssr` feature.

#![recursion_limit = "256"]

pub mod addresses;
pub mod audit;
pub mod auth;
#[cfg(feature = "ssr")]
pub mod aws;
#[cfg(feature = "ssr")]
pub mod cipher;
pub mod components;
pub mod cookie;
pub mod dashboard;
#[cfg(feature = "ssr")]
pub mod db;
pub mod error;
pub mod images;
pub mod instance_types;
pub mod instances;
pub mod key_pairs;
pub mod launch;
pub mod layout;
pub mod locale;
#[cfg(feature = "ssr")]
pub mod metrics;
pub mod monitoring;
pub mod network;
pub mod number;
pub mod palette;
pub mod region;
pub mod regions;
pub mod security_groups;
#[cfg(feature = "ssr")]
pub mod shared;
pub mod tags;
pub mod theme;
pub mod time;
pub mod views;
pub mod volumes;
pub mod wire;

include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Html, MetaTags, Stylesheet, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, Lazy, LazyRoute,
};

/// The product name shown in the top bar and the title.
pub const PRODUCT_NAME: &str = "EC2 Console";

/// The Content-Security-Policy for a page whose scripts carry `nonce`.
pub fn content_security_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self' 'nonce-{nonce}'; \
         img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; \
         frame-ancestors 'none'"
    )
}

/// The server-rendered HTML document around the app; sets the page's CSP with this render's nonce.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let (Some(nonce), Some(response)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) {
        if let Ok(value) = http::HeaderValue::from_str(&content_security_policy(&nonce)) {
            response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
        }
    }
    view! {
        <!DOCTYPE html>
        <html data-theme=theme::current().attribute()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options/>
                <link rel="icon" type="image/svg+xml" href="/favicon.svg"/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The app: layout around the routed pages. Every page is a lazy route: with
/// `cargo leptos build --split` its code is in its group's WASM chunk (see `page_groups!`), which
/// the browser loads when a page of the group is first shown (the server names the current
/// page's chunks in the HTML).
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    locale::provide();
    time::provide();
    let (routing, set_routing) = signal(false);
    view! {
        <Stylesheet id="leptos" href="/pkg/ec2-console.css"/>
        <Title text=PRODUCT_NAME/>
        <Html attr:lang=move || locale::tag(locale::track())/>
        <Router set_is_routing=set_routing>
            // Re-rendered in the new language when the language changes (the URL stays).
            {move || { locale::track(); view! {
            <layout::Layout routing>
                <Routes fallback=|| view! { <layout::NotFound/> }>
                    <Route path=path!("/") view={Lazy::<DashboardRoute>::new()}/>
                    <Route path=path!("/sign-in") view={Lazy::<SignInRoute>::new()}/>
                    <Route path=path!("/instances") view={Lazy::<InstancesRoute>::new()}/>
                    <Route path=path!("/launch") view={Lazy::<LaunchRoute>::new()}/>
                    <Route path=path!("/images") view={Lazy::<ImagesRoute>::new()}/>
                    <Route path=path!("/key-pairs") view={Lazy::<KeyPairsRoute>::new()}/>
                    <Route path=path!("/security-groups") view={Lazy::<SecurityGroupsRoute>::new()}/>
                    <Route path=path!("/volumes") view={Lazy::<VolumesRoute>::new()}/>
                    <Route path=path!("/addresses") view={Lazy::<AddressesRoute>::new()}/>
                    <Route path=path!("/network") view={Lazy::<NetworkRoute>::new()}/>
                    <Route path=path!("/audit") view={Lazy::<AuditRoute>::new()}/>
                </Routes>
            </layout::Layout>
            }.into_any()}}
        </Router>
    }
}

/// Declares the pages' lazy routes, one WASM chunk per group of pages: each group is one lazily
/// loaded function (`#[lazy]`) that renders any of its pages, so with `cargo leptos build --split`
/// its pages share one chunk (and wasm-split one more chunk for every combination of groups that
/// shares code; a first visit gets them all in one pack, scripts/pack_chunks.py). The heavy pages
/// have a group each. Measured both ways (bench/RESULTS.md's bundle part): a group per page grew
/// the main module by 62 KB gzip, and one group for all seven resource pages made the whole app
/// 95 KB lighter but each of those pages' first visit 136-270 KB heavier.
macro_rules! page_groups {
    ($($group:ident, $preload:ident: [$($route:ident => $page:path),+ $(,)?]),+ $(,)?) => {$(
        #[doc = concat!("The pages of the `", stringify!($group), "` chunk.")]
        #[derive(Clone, Copy)]
        #[allow(non_camel_case_types, clippy::enum_variant_names)]
        enum $group {
            $($route,)+
        }

        #[doc = concat!("Renders a page of the `", stringify!($group), "` chunk.")]
        #[leptos::lazy]
        fn $group(page: $group) -> AnyView {
            match page {
                $($group::$route => $page().into_any(),)+
            }
        }

        $(
            #[doc = concat!("The lazily loaded route of [`", stringify!($page), "`].")]
            pub struct $route;

            impl LazyRoute for $route {
                fn data() -> Self {
                    Self
                }

                async fn view(_this: Self) -> AnyView {
                    $group($group::$route).await
                }

                async fn preload() {
                    #[cfg(target_arch = "wasm32")]
                    $preload().await;
                }
            }
        )+
    )+};
}

page_groups! {
    sign_in_page, __preload_sign_in_page: [SignInRoute => auth::SignInPage],
    dashboard_page, __preload_dashboard_page: [DashboardRoute => dashboard::DashboardPage],
    instances_page, __preload_instances_page: [InstancesRoute => instances::InstancesPage],
    launch_page, __preload_launch_page: [LaunchRoute => launch::LaunchPage],
    resource_pages, __preload_resource_pages: [
        VolumesRoute => volumes::VolumesPage,
        SecurityGroupsRoute => security_groups::SecurityGroupsPage,
    ],
    small_resource_pages, __preload_small_resource_pages: [
        KeyPairsRoute => key_pairs::KeyPairsPage,
        ImagesRoute => images::ImagesPage,
        AddressesRoute => addresses::AddressesPage,
    ],
    console_pages, __preload_console_pages: [
        NetworkRoute => network::NetworkPage,
        AuditRoute => audit::AuditPage,
    ],
}
