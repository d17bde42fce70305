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
#[cfg(feature = "ssr")]
pub mod metrics;
pub mod monitoring;
pub mod network;
pub mod palette;
pub mod region;
pub mod regions;
pub mod security_groups;
#[cfg(feature = "ssr")]
pub mod shared;
pub mod tags;
pub mod views;
pub mod volumes;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    lazy_route, path, Lazy, LazyRoute,
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
        <html lang="en">
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
/// `cargo leptos build --split` its code is a separate WASM chunk that the browser loads
/// when the page is first shown (the server names the current page's chunks in the HTML).
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let (routing, set_routing) = signal(false);
    view! {
        <Stylesheet id="leptos" href="/pkg/ec2-console.css"/>
        <Title text=PRODUCT_NAME/>
        <Router set_is_routing=set_routing>
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
        </Router>
    }
}

/// Declares, for each page component, a lazy route that renders it.
macro_rules! lazy_pages {
    ($($route:ident => $page:path),* $(,)?) => {$(
        #[doc = concat!("The lazily loaded route of [`", stringify!($page), "`].")]
        pub struct $route;

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                Self
            }

            fn view(_this: Self) -> AnyView {
                $page().into_any()
            }
        }
    )*};
}

lazy_pages! {
    DashboardRoute => dashboard::DashboardPage,
    SignInRoute => auth::SignInPage,
    InstancesRoute => instances::InstancesPage,
    LaunchRoute => launch::LaunchPage,
    ImagesRoute => images::ImagesPage,
    KeyPairsRoute => key_pairs::KeyPairsPage,
    SecurityGroupsRoute => security_groups::SecurityGroupsPage,
    VolumesRoute => volumes::VolumesPage,
    AddressesRoute => addresses::AddressesPage,
    NetworkRoute => network::NetworkPage,
    AuditRoute => audit::AuditPage,
}
