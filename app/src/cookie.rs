//! The cookies that keep a browser's own choices (theme, language): read from a request's
//! `Cookie` header on the server, written by the page in the browser.

use wasm_bindgen::JsCast;

/// The value of cookie `name` in a `Cookie` header, if it is there.
pub fn value<'a>(header: &'a str, name: &str) -> Option<&'a str> {
    header
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, value)| value.trim())
}

/// The value of cookie `name` as the page sees it: the `Cookie` header of the request being
/// rendered (server), or `document.cookie` (browser).
pub fn read(name: &str) -> Option<String> {
    #[cfg(feature = "ssr")]
    let header = leptos::prelude::with_context::<http::request::Parts, _>(|parts| {
        let header = parts.headers.get(http::header::COOKIE)?;
        header.to_str().ok().map(str::to_owned)
    })
    .flatten();
    #[cfg(not(feature = "ssr"))]
    let header = leptos::prelude::document()
        .dyn_into::<web_sys::HtmlDocument>()
        .ok()
        .and_then(|doc| doc.cookie().ok());
    header.and_then(|header| value(&header, name).map(str::to_owned))
}

/// Keeps `name=value` for a year in this browser, for every page.
pub fn remember(name: &str, value: &str) {
    if let Ok(doc) = leptos::prelude::document().dyn_into::<web_sys::HtmlDocument>() {
        let _ = doc.set_cookie(&format!("{name}={value}; Path=/; Max-Age=31536000; SameSite=Lax"));
    }
}

#[cfg(test)]
mod tests {
    use super::value;

    #[test]
    fn finds_the_named_cookie_only() {
        assert_eq!(value("a=1; ec2c_theme=dark ; b=2", "ec2c_theme"), Some("dark"));
        assert_eq!(value("other_ec2c_theme=dark", "ec2c_theme"), None);
        assert_eq!(value("", "ec2c_theme"), None);
    }
}
