//! The console's language: English or Korean, from the top bar's switch (kept in a cookie), else
//! the browser's `Accept-Language`, else English. Texts live in `app/locales/{en,ko}/*.json`
//! (typed keys, checked at compile time by `leptos_i18n`; `build.rs` generates them and fails the
//! build when a key is missing in either locale).
//!
//! Texts are read with [`tr!`](crate::tr) in the language of the page being rendered. Switching
//! the language re-renders the page (see [`crate::App`]), so a text read once stays right.
//! Only `leptos_i18n`'s typed keys are used: the language is this module's own signal, so none of
//! the crate's runtime (its context, cookie and locale matching) is in the WASM.

use crate::i18n::Locale;
use leptos::prelude::*;

/// A text in a given language: column headers, list captions, anything declared once and shown
/// in the page's language (CSV headers read it in English).
pub type Label = fn(Locale) -> &'static str;

/// The cookie that keeps a browser's choice.
pub const COOKIE: &str = "ec2c_locale";

/// The language of the page being rendered: the request's on the server (its cookie or
/// `Accept-Language`), the page's in the browser.
///
/// On the server the request's own headers come first: the page's language is made from them, and
/// a server function's owner may sit under another request's page owner (Leptos makes a new owner
/// the child of whichever is current on the thread), whose language is someone else's.
pub fn current() -> Locale {
    #[cfg(feature = "ssr")]
    {
        with_context::<http::request::Parts, _>(|parts| from_headers(&parts.headers))
            .or_else(|| use_context::<PageLocale>().map(|page| page.0.get_untracked()))
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        browser::current()
    }
}

/// The language a request asks for: its cookie, else its `Accept-Language`, else English.
#[cfg(feature = "ssr")]
pub fn from_headers(headers: &http::HeaderMap) -> Locale {
    let cookie = headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find_map(|header| crate::cookie::value(header, COOKIE))
        .and_then(parse);
    cookie
        .or_else(|| {
            let accept = headers.get(http::header::ACCEPT_LANGUAGE)?.to_str().ok()?;
            from_accept_language(accept)
        })
        .unwrap_or_default()
}

/// The first language of an `Accept-Language` header (by weight) the console speaks.
pub fn from_accept_language(header: &str) -> Option<Locale> {
    let mut ranked: Vec<(f32, &str)> = header
        .split(',')
        .filter_map(|item| {
            let mut parts = item.trim().split(';');
            let tag = parts.next()?.trim();
            let weight = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())?;
            (!tag.is_empty() && weight > 0.0).then_some((weight, tag))
        })
        .collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
    ranked.into_iter().find_map(|(_, tag)| parse(tag))
}

/// The language a tag names (`ko`, `ko-KR`, `en-US`…), if the console speaks it.
pub fn parse(tag: &str) -> Option<Locale> {
    let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
    match primary.as_str() {
        "en" => Some(Locale::en),
        "ko" => Some(Locale::ko),
        _ => None,
    }
}

/// A text in the page's language: `tr!(ns.key)`, or with `{name}` placeholders filled:
/// `tr!(ns.key, name = value)` (a `String`).
#[macro_export]
macro_rules! tr {
    ($($key:ident).+) => {
        $crate::i18n::td_string!($crate::locale::current(), $($key).+)
    };
    ($($key:ident).+, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::locale::fill(
            $crate::i18n::td_string!($crate::locale::current(), $($key).+),
            &[$((stringify!($name), &$value as &dyn ::std::fmt::Display)),+],
        )
    };
}

/// A [`Label`](crate::locale::Label): `label!(ns.key)`.
#[macro_export]
macro_rules! label {
    ($($key:ident).+) => {
        |locale: $crate::i18n::Locale| $crate::i18n::td_string!(locale, $($key).+)
    };
}

/// `template` with each `{name}` replaced by its value.
pub fn fill(template: &str, values: &[(&str, &dyn std::fmt::Display)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}').map(|close| (&after[..close], close)) {
            Some((name, close)) if values.iter().any(|(n, _)| *n == name) => {
                if let Some((_, value)) = values.iter().find(|(n, _)| *n == name) {
                    out.push_str(&value.to_string());
                }
                rest = &after[close + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(not(feature = "ssr"))]
mod browser {
    use super::{parse, Locale};
    use std::sync::atomic::{AtomicU8, Ordering};

    /// 0 until read from `<html lang>`; then 1 + the locale's index.
    static CURRENT: AtomicU8 = AtomicU8::new(0);

    fn index(locale: Locale) -> u8 {
        match locale {
            Locale::en => 1,
            Locale::ko => 2,
        }
    }

    pub fn current() -> Locale {
        match CURRENT.load(Ordering::Relaxed) {
            1 => Locale::en,
            2 => Locale::ko,
            _ => {
                let locale = leptos::prelude::document()
                    .document_element()
                    .and_then(|root| root.get_attribute("lang"))
                    .and_then(|lang| parse(&lang))
                    .unwrap_or_default();
                set(locale);
                locale
            }
        }
    }

    pub fn set(locale: Locale) {
        CURRENT.store(index(locale), Ordering::Relaxed);
    }
}

/// The page's language: set by the switch, read by [`track`] (provided by [`provide`]).
#[derive(Clone, Copy)]
struct PageLocale(RwSignal<Locale>);

/// Provides the page's language: the request's on the server, `<html lang>` in the browser.
pub fn provide() {
    provide_context(PageLocale(RwSignal::new(current())));
}

/// The page's language, tracked: what renders with it re-renders when it changes. Keeps
/// [`current`] in step (the browser reads it outside any owner, e.g. in event handlers).
pub fn track() -> Locale {
    let locale = use_context::<PageLocale>().map_or_else(current, |page| page.0.get());
    #[cfg(not(feature = "ssr"))]
    browser::set(locale);
    locale
}

/// The language's tag: `<html lang>`, the cookie's value.
pub fn tag(locale: Locale) -> &'static str {
    match locale {
        Locale::en => "en",
        Locale::ko => "ko",
    }
}

/// Shows `locale` at once and keeps it for a year in this browser.
fn choose(page: Option<PageLocale>, locale: Locale) {
    crate::cookie::remember(COOKIE, tag(locale));
    if let Some(page) = page {
        page.0.set(locale);
    }
}

/// The top bar's language switch: re-renders the page in the chosen language, keeping the URL.
#[component]
pub fn LocaleSwitch() -> impl IntoView {
    let chosen = current();
    let page = use_context::<PageLocale>();
    view! {
        <span class="locale-switch">
            <label for="locale-select">{crate::tr!(common.language)}</label>
            <select id="locale-select" data-testid="locale" on:change=move |ev| {
                if let Some(locale) = parse(&event_target_value(&ev)) {
                    // After this handler returns: the switch itself is re-rendered.
                    set_timeout(move || choose(page, locale), std::time::Duration::ZERO);
                }
            }>
                <option value="en" lang="en" selected=chosen == Locale::en>"English"</option>
                <option value="ko" lang="ko" selected=chosen == Locale::ko>"한국어"</option>
            </select>
        </span>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_picks_the_heaviest_language_the_console_speaks() {
        assert_eq!(
            from_accept_language("ko-KR,ko;q=0.9,en-US;q=0.8"),
            Some(Locale::ko)
        );
        assert_eq!(
            from_accept_language("fr-FR, en;q=0.5, ko;q=0.7"),
            Some(Locale::ko)
        );
        assert_eq!(from_accept_language("fr, de;q=0.9"), None);
        assert_eq!(from_accept_language("ko;q=0, en;q=0.1"), Some(Locale::en));
        assert_eq!(from_accept_language(""), None);
    }

    #[test]
    fn placeholders_are_filled_and_other_braces_kept() {
        let n = 3;
        assert_eq!(
            fill("{count} of {name} {other}", &[("count", &n), ("name", &"web")]),
            "3 of web {other}"
        );
        assert_eq!(fill("no braces", &[]), "no braces");
        assert_eq!(fill("{", &[("a", &1)]), "{");
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn the_cookie_wins_over_accept_language() {
        let mut headers = http::HeaderMap::new();
        headers.insert(http::header::ACCEPT_LANGUAGE, "ko".parse().unwrap());
        assert_eq!(from_headers(&headers), Locale::ko);
        headers.insert(http::header::COOKIE, "a=1; ec2c_locale=en".parse().unwrap());
        assert_eq!(from_headers(&headers), Locale::en);
        assert_eq!(from_headers(&http::HeaderMap::new()), Locale::en);
    }
}
