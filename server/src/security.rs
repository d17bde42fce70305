//! Request hygiene: the CSRF origin check and the security headers on every response.

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

/// The origin policy: the configured public origin, or else the request's own `Host`.
#[derive(Clone, Debug, Default)]
pub struct OriginPolicy {
    /// `scheme://host[:port]` the console is served from, when known.
    pub public_origin: Option<String>,
}

/// Whether a request may change state: safe methods always; others only from the console's own origin.
pub fn check_origin(method: &Method, headers: &HeaderMap, policy: &OriginPolicy) -> Result<(), &'static str> {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return Ok(());
    }
    let header_str = |name| headers.get(name).and_then(|v: &HeaderValue| v.to_str().ok());
    let fetch_site = header_str("sec-fetch-site");
    if fetch_site == Some("cross-site") {
        return Err("cross-site request refused");
    }
    match header_str("origin") {
        Some(origin) => {
            let own = match &policy.public_origin {
                Some(public) => origin.eq_ignore_ascii_case(public.trim_end_matches('/')),
                None => {
                    let host = header_str("host").unwrap_or_default();
                    let authority = origin.split_once("://").map(|(_, rest)| rest).unwrap_or_default();
                    !host.is_empty() && authority.eq_ignore_ascii_case(host)
                }
            };
            if own {
                Ok(())
            } else {
                Err("request from another origin refused")
            }
        }
        None if fetch_site == Some("same-origin") => Ok(()),
        None => Err("request without an Origin refused"),
    }
}

/// Middleware: refuses non-GET requests from other origins with 403 before anything else runs.
pub async fn verify_origin(
    State(policy): State<Arc<OriginPolicy>>,
    request: Request,
    next: Next,
) -> Response {
    match check_origin(request.method(), request.headers(), &policy) {
        Ok(()) => next.run(request).await,
        Err(reason) => {
            tracing::warn!(method = %request.method(), path = %request.uri().path(), reason, "CSRF check failed");
            (StatusCode::FORBIDDEN, reason).into_response()
        }
    }
}

/// Middleware: nosniff, referrer policy, framing ban; a strict CSP where the page did not set one.
pub async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers
        .entry(header::CONTENT_SECURITY_POLICY)
        .or_insert(HeaderValue::from_static(
            "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
        ));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn safe_methods_pass_whatever_their_origin() {
        let h = headers(&[
            ("origin", "https://evil.example"),
            ("sec-fetch-site", "cross-site"),
        ]);
        assert!(check_origin(&Method::GET, &h, &OriginPolicy::default()).is_ok());
    }

    #[test]
    fn posts_must_come_from_the_console_itself() {
        let policy = OriginPolicy::default();
        let own = headers(&[("host", "127.0.0.1:3000"), ("origin", "http://127.0.0.1:3000")]);
        assert!(check_origin(&Method::POST, &own, &policy).is_ok());
        let other = headers(&[("host", "127.0.0.1:3000"), ("origin", "http://127.0.0.1:4000")]);
        assert!(check_origin(&Method::POST, &other, &policy).is_err());
        let cross = headers(&[
            ("host", "127.0.0.1:3000"),
            ("origin", "http://127.0.0.1:3000"),
            ("sec-fetch-site", "cross-site"),
        ]);
        assert!(check_origin(&Method::POST, &cross, &policy).is_err());
        let same_site_no_origin = headers(&[("host", "127.0.0.1:3000"), ("sec-fetch-site", "same-origin")]);
        assert!(check_origin(&Method::POST, &same_site_no_origin, &policy).is_ok());
        let bare = headers(&[("host", "127.0.0.1:3000")]);
        assert!(check_origin(&Method::POST, &bare, &policy).is_err());
        let null = headers(&[("host", "127.0.0.1:3000"), ("origin", "null")]);
        assert!(check_origin(&Method::DELETE, &null, &policy).is_err());
    }

    #[test]
    fn a_configured_public_origin_wins_over_host() {
        let policy = OriginPolicy {
            public_origin: Some("https://console.example.com/".into()),
        };
        let good = headers(&[
            ("host", "10.0.0.5:3000"),
            ("origin", "https://console.example.com"),
        ]);
        assert!(check_origin(&Method::POST, &good, &policy).is_ok());
        let spoofed = headers(&[("host", "evil.example"), ("origin", "https://evil.example")]);
        assert!(check_origin(&Method::POST, &spoofed, &policy).is_err());
    }
}
