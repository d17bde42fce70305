//! Signing in with your own AWS credentials: the sign-in page, the identity in the top bar, and
//! (server-only) the session's contents and the STS calls.
//!
//! The forms post to the server's `/auth/*` routes, so they work before the WASM loads.

use crate::components::feedback::ErrorAlert;
use crate::error::AppError;
use crate::region::is_valid_region;
use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_query_map};
use region_picker::RegionPicker;
use serde::{Deserialize, Serialize};

pub mod region_picker;
#[cfg(feature = "ssr")]
pub mod ssr;

/// Who is signed in, as the browser may know it (no secrets).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    /// AWS account ID.
    pub account: String,
    /// The caller's ARN.
    pub arn: String,
    /// The session's current region.
    pub region: String,
    /// Whether mutating actions are refused (session toggle or server setting).
    pub read_only: bool,
    /// Whether read-only is forced by the server.
    pub server_read_only: bool,
    /// Whether the session holds temporary credentials.
    pub temporary: bool,
    /// Unix time at which the session ends.
    pub expires_at: u64,
}

/// What the sign-in page shows after a failed attempt: the error and the non-secret fields to refill.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInFlash {
    /// Why the attempt failed.
    pub error: Option<AppError>,
    /// The access key ID typed.
    pub access_key_id: String,
    /// The region typed.
    pub region: String,
    /// The MFA serial typed.
    pub mfa_serial: String,
}

/// Whether `id` looks like an AWS access key ID (`AKIA…` long-term, `ASIA…` temporary).
pub fn is_access_key_id(id: &str) -> bool {
    (16..=128).contains(&id.len())
        && id.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        && (id.starts_with("AKIA") || id.starts_with("ASIA"))
}

/// Checks the sign-in form's fields; the error names the field.
pub fn validate_sign_in(
    access_key_id: &str,
    secret_len: usize,
    region: &str,
    mfa_serial: &str,
    mfa_code: &str,
) -> Result<(), AppError> {
    if !is_access_key_id(access_key_id) {
        return Err(AppError::validation(
            "Access key ID",
            crate::tr!(auth.invalid_access_key_id),
        ));
    }
    if !(1..=256).contains(&secret_len) {
        return Err(AppError::validation(
            "Secret access key",
            crate::tr!(auth.secret_required),
        ));
    }
    if !is_valid_region(region) {
        return Err(AppError::validation("Region", crate::tr!(auth.invalid_region)));
    }
    if mfa_serial.is_empty() != mfa_code.is_empty() {
        return Err(AppError::validation("MFA", crate::tr!(auth.mfa_both_or_neither)));
    }
    let six_digits = mfa_code.len() == 6 && mfa_code.bytes().all(|b| b.is_ascii_digit());
    if !mfa_code.is_empty() && !six_digits {
        return Err(AppError::validation(
            "MFA code",
            crate::tr!(auth.invalid_mfa_code),
        ));
    }
    if mfa_serial.len() > 256 {
        return Err(AppError::validation(
            "MFA device",
            crate::tr!(auth.mfa_serial_too_long),
        ));
    }
    Ok(())
}

/// The signed-in identity, or `None` when nobody is signed in.
#[server]
pub async fn whoami() -> Result<Option<Identity>, AppError> {
    match ssr::Caller::current().await {
        Ok(caller) => Ok(Some(caller.identity())),
        Err(AppError::NotSignedIn) => Ok(None),
        Err(e) => Err(e),
    }
}

/// The last failed sign-in's message and fields (shown once).
#[server]
pub async fn take_sign_in_flash() -> Result<SignInFlash, AppError> {
    let session: tower_sessions::Session = leptos_axum::extract()
        .await
        .map_err(|e| AppError::internal(format!("session: {e}")))?;
    Ok(ssr::take_flash(&session).await?.unwrap_or_default())
}

/// A text field with its label.
#[component]
fn Field(
    id: &'static str,
    label: &'static str,
    #[prop(optional)] kind: Option<&'static str>,
    #[prop(optional)] value: String,
    #[prop(optional)] required: bool,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] autocomplete: Option<&'static str>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input
                id=id
                name=id
                type=kind.unwrap_or("text")
                value=value
                required=required
                autocomplete=autocomplete.unwrap_or("off")
                spellcheck="false"
                aria-describedby=hint.map(|_| hint_id.clone())
            />
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
        </div>
    }
}

/// The sign-in page: a plain form posted to `/auth/sign-in`.
#[component]
pub fn SignInPage() -> impl IntoView {
    let query = use_query_map();
    let next = move || query.read().get("next").unwrap_or_else(|| "/".into());
    let flash = crate::wire::load_once(take_sign_in_flash());
    view! {
        <section class="page sign-in">
            <h1>{crate::tr!(auth.sign_in)}</h1>
            <p>{crate::tr!(auth.sign_in_intro)}</p>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let flash = flash.await.unwrap_or_default();
                    let region = if flash.region.is_empty() { "us-east-1".to_string() } else { flash.region.clone() };
                    view! {
                        {flash.error.clone().map(|error| view! { <ErrorAlert error/> })}
                        <form method="post" action="/auth/sign-in" class="form">
                            <input type="hidden" name="next" value=next/>
                            <Field id="access_key_id" label=crate::tr!(auth.access_key_id) value=flash.access_key_id.clone() required=true/>
                            <Field id="secret_access_key" label=crate::tr!(auth.secret_access_key) kind="password" required=true/>
                            <Field id="session_token" label=crate::tr!(auth.session_token) kind="password"
                                hint=crate::tr!(auth.session_token_hint)/>
                            <Field id="region" label=crate::tr!(auth.default_region) value=region required=true/>
                            <fieldset>
                                <legend>{crate::tr!(auth.mfa_legend)}</legend>
                                <Field id="mfa_serial" label=crate::tr!(auth.mfa_serial) value=flash.mfa_serial.clone()/>
                                <Field id="mfa_code" label=crate::tr!(auth.mfa_code) autocomplete="one-time-code"/>
                            </fieldset>
                            <button type="submit" class="primary">{crate::tr!(auth.sign_in)}</button>
                        </form>
                    }
                })}
            </Suspense>
        </section>
    }
}

/// The signed-in identity, loaded once per page by the layout and shared by every component.
pub type IdentityResource = crate::wire::Loaded<Result<Option<Identity>, AppError>>;

/// Loads the identity for this page and provides it to the components below.
pub fn provide_identity() -> IdentityResource {
    let identity: IdentityResource = crate::wire::load(|| (), |_| whoami());
    provide_context(identity);
    identity
}

/// The identity the layout provided (loading it here when there is none).
pub fn use_identity() -> IdentityResource {
    use_context::<IdentityResource>().unwrap_or_else(provide_identity)
}

/// Whether the identity allows changes: signed in and not in read-only mode.
pub fn is_writable(identity: &Result<Option<Identity>, AppError>) -> bool {
    matches!(identity, Ok(Some(id)) if !id.read_only)
}

/// Whether the signed-in person may make changes now (false while the identity loads).
pub fn use_writable() -> Signal<bool> {
    let identity = use_identity();
    Signal::derive(move || identity.get().is_some_and(|id| is_writable(&id)))
}

/// The top bar's identity: account and ARN, region, read-only switch and sign-out; or a sign-in link.
#[component]
pub fn IdentityBar() -> impl IntoView {
    let identity = use_identity();
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                match identity.await {
                    Ok(Some(id)) => {
                        let toggle_to = (!id.read_only).to_string();
                        let toggle_label = if id.read_only { crate::tr!(auth.read_only_on) } else { crate::tr!(auth.read_only_off) };
                        view! {
                            <RegionPicker/>
                            <span class="identity" data-testid="identity" title=id.arn.clone()>
                                <span class="identity-arn">{id.arn.clone()}</span>
                                <span class="identity-account">{crate::tr!(auth.account, account = id.account)}</span>
                            </span>
                            <form method="post" action="/auth/read-only">
                                <input type="hidden" name="enabled" value=toggle_to/>
                                <button type="submit" data-testid="read-only" aria-pressed=id.read_only.to_string()
                                    disabled=id.server_read_only>{toggle_label}</button>
                            </form>
                            <form method="post" action="/auth/sign-out">
                                <button type="submit">{crate::tr!(auth.sign_out)}</button>
                            </form>
                        }
                        .into_any()
                    }
                    Ok(None) => view! { <A href="/sign-in" attr:class="identity">{crate::tr!(auth.sign_in)}</A> }.into_any(),
                    Err(error) => view! { <span class="identity" role="alert">{error.message()}</span> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn access_key_ids() {
        assert!(is_access_key_id("AKIAIOSFODNN7EXAMPLE"));
        assert!(is_access_key_id("ASIAIOSFODNN7EXAMPLE"));
        assert!(!is_access_key_id("akiaiosfodnn7example"));
        assert!(!is_access_key_id("AKIA"));
        assert!(!is_access_key_id("XKIAIOSFODNN7EXAMPLE"));
        assert!(!is_access_key_id("AKIAIOSFODNN7EXAMPL\u{e9}"));
    }

    #[test]
    fn sign_in_validation_names_the_field() {
        let ok = validate_sign_in("AKIAIOSFODNN7EXAMPLE", 40, "us-east-1", "", "");
        assert!(ok.is_ok());
        let field = |r: Result<(), AppError>| match r {
            Err(AppError::Validation { field, .. }) => field,
            other => panic!("expected a validation error, got {other:?}"),
        };
        assert_eq!(
            field(validate_sign_in("nope", 40, "us-east-1", "", "")),
            "Access key ID"
        );
        assert_eq!(
            field(validate_sign_in("AKIAIOSFODNN7EXAMPLE", 0, "us-east-1", "", "")),
            "Secret access key"
        );
        assert_eq!(
            field(validate_sign_in("AKIAIOSFODNN7EXAMPLE", 40, "moon-1", "", "")),
            "Region"
        );
        assert_eq!(
            field(validate_sign_in(
                "AKIAIOSFODNN7EXAMPLE",
                40,
                "us-east-1",
                "arn:mfa",
                ""
            )),
            "MFA"
        );
        assert_eq!(
            field(validate_sign_in(
                "AKIAIOSFODNN7EXAMPLE",
                40,
                "us-east-1",
                "arn:mfa",
                "12a456"
            )),
            "MFA code"
        );
        assert!(validate_sign_in("AKIAIOSFODNN7EXAMPLE", 40, "us-east-1", "arn:mfa", "123456").is_ok());
    }
}
