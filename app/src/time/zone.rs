//! The zone times are shown in: the browser's own (the default) or UTC, chosen with the top bar's
//! switch and kept in a cookie. The server does not know the browser's zone, so it renders UTC;
//! each time shows the browser's zone once it is live in the page (after hydration).

use super::text::{format, utc, Style};
use leptos::prelude::*;

/// The cookie that keeps a browser's choice (`utc`; absent for the browser's zone).
pub const COOKIE: &str = "ec2c_tz";

/// Whether times are shown in UTC, for every time on the page (provided by [`provide`]).
#[derive(Clone, Copy)]
struct ShowUtc(RwSignal<bool>);

/// Whether the request (server) or the browser (page) chose UTC.
fn chosen_utc() -> bool {
    crate::cookie::read(COOKIE).as_deref() == Some("utc")
}

/// Provides the page's choice of zone.
pub fn provide() {
    provide_context(ShowUtc(RwSignal::new(chosen_utc())));
}

/// False while rendering on the server and hydrating, true once the calling view is live in the
/// browser: what shows the browser's zone reads it, so the hydrated text matches the server's.
pub fn live() -> ReadSignal<bool> {
    let (live, set_live) = signal(false);
    Effect::new(move |_| set_live.set(true));
    live
}

/// The offset east of UTC, in minutes, that the page shows `ms` in (tracked).
fn offset_at(ms: i64, live: bool) -> i32 {
    let show_utc = use_context::<ShowUtc>().is_some_and(|s| s.0.get());
    if show_utc || !live {
        return 0;
    }
    browser_offset(ms)
}

#[cfg(not(feature = "ssr"))]
fn browser_offset(ms: i64) -> i32 {
    -(js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64)).get_timezone_offset() as i32)
}

#[cfg(feature = "ssr")]
fn browser_offset(_ms: i64) -> i32 {
    0
}

/// The browser's zone by name (`Asia/Seoul`), when it can say.
#[cfg(not(feature = "ssr"))]
fn browser_zone() -> Option<String> {
    let options =
        js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new()).resolved_options();
    js_sys::Reflect::get(&options, &"timeZone".into())
        .ok()?
        .as_string()
}

#[cfg(feature = "ssr")]
fn browser_zone() -> Option<String> {
    None
}

/// `ms` in the page's language and zone (tracked: re-read when the zone is switched).
pub fn show(ms: i64, style: Style, live: bool) -> String {
    format(ms, offset_at(ms, live), style, crate::locale::current())
}

/// A time from AWS or the console's records (RFC 3339): in the page's zone and language, the
/// machine value in `datetime` and UTC in the tooltip; the text as given when it is not a time,
/// a dash when empty.
#[component]
pub fn Time(
    /// The instant, RFC 3339.
    #[prop(into)]
    iso: String,
    /// How much of it to show.
    #[prop(optional)]
    style: Style,
) -> impl IntoView {
    let Some(ms) = super::civil::parse(&iso) else {
        return if iso.is_empty() { "–".to_string() } else { iso }.into_any();
    };
    let live = live();
    view! {
        <time datetime=iso title=utc(ms)>{move || show(ms, style, live.get())}</time>
    }
    .into_any()
}

/// The top bar's zone switch: the browser's zone or UTC.
#[component]
pub fn ZoneSwitch() -> impl IntoView {
    let show_utc = use_context::<ShowUtc>().map(|s| s.0);
    let live = live();
    let local = move || match (live.get(), browser_zone()) {
        (true, Some(zone)) => crate::tr!(common.zone_local_named, zone = zone),
        _ => crate::tr!(common.zone_local).to_string(),
    };
    view! {
        <span class="zone-switch">
            <label for="zone-select">{crate::tr!(common.time_zone)}</label>
            <select id="zone-select" data-testid="time-zone" on:change=move |ev| {
                let utc = event_target_value(&ev) == "utc";
                crate::cookie::remember(COOKIE, if utc { "utc" } else { "local" });
                if let Some(signal) = show_utc {
                    signal.set(utc);
                }
            }>
                <option value="local" selected=move || show_utc.is_some_and(|s| !s.get())>{local}</option>
                <option value="utc" selected=move || show_utc.is_some_and(|s| s.get())>{crate::tr!(common.zone_utc)}</option>
            </select>
        </span>
    }
}
