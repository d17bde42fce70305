//! The one error type of the console, shared by server functions and the browser.
//!
//! AWS errors keep AWS's code, message and request ID so the page can show exactly
//! what AWS said; validation errors name the field; internal errors carry only a
//! reference, with the detail in the server log.

mod fields;

pub use fields::field_label;
use leptos::server_fn::{codec::JsonEncoding, error::FromServerFnError, error::ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// Everything a server function can fail with, as the user should see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// AWS (or the EC2 endpoint standing in for it) refused the request.
    #[error("{code}: {message}")]
    Aws {
        /// AWS's error code, e.g. `InvalidInstanceID.NotFound`.
        code: String,
        /// AWS's message, verbatim.
        message: String,
        /// The request ID AWS gave, for support cases.
        request_id: Option<String>,
    },
    /// The EC2 endpoint could not be reached or answered with something unreadable.
    #[error("EC2 endpoint unreachable: {0}")]
    Unreachable(String),
    /// An input failed validation; nothing was sent to AWS.
    #[error("{field}: {message}")]
    Validation {
        /// The form field or parameter at fault.
        field: String,
        /// What is wrong with it.
        message: String,
    },
    /// Something failed inside the console; the detail is in the server log under `reference`.
    #[error("Internal error (reference {reference})")]
    Internal {
        /// A reference to find the logged detail.
        reference: String,
    },
    /// No signed-in session (never signed in, signed out, or expired).
    #[error("You are not signed in, or your session has ended.")]
    NotSignedIn,
    /// The session or the server is in read-only mode.
    #[error("Read-only mode is on: {0} is not allowed.")]
    ReadOnly(String),
    /// Too many attempts; retry after the given number of seconds.
    #[error("Too many sign-in attempts; try again in {0} s.")]
    RateLimited(u64),
    /// The session store (SQLite or Redis) could not be read or written; the session is intact.
    #[error("The session store is unavailable ({0}); try again in a moment.")]
    SessionStore(String),
    /// The console's own database (audit log, saved views) did not answer, so nothing was changed
    /// (a state-changing action is refused rather than done unrecorded).
    #[error("The console's database is unavailable ({0}); nothing was changed. Try again in a moment.")]
    ConsoleStore(String),
    /// The caller may not do this in the console (e.g. change someone else's saved view).
    #[error("Not allowed: {0}.")]
    NotAllowed(String),
    /// The server-function transport failed (network, encoding).
    #[error("Request failed: {0}")]
    Transport(String),
}

impl AppError {
    /// A validation error on `field`.
    pub fn validation(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::Validation {
            field: field.into(),
            message: message.into(),
        }
    }

    /// A short headline for notifications, in the page's language: the AWS code (verbatim), or the
    /// kind of failure.
    pub fn title(&self) -> String {
        match self {
            Self::Aws { code, .. } => code.clone(),
            Self::Unreachable(_) => crate::tr!(common.error_unreachable_title).into(),
            Self::Validation { .. } => crate::tr!(common.error_validation_title).into(),
            Self::Internal { .. } => crate::tr!(common.error_internal_title).into(),
            Self::NotSignedIn => crate::tr!(common.error_not_signed_in_title).into(),
            Self::ReadOnly(_) => crate::tr!(common.error_read_only_title).into(),
            Self::RateLimited(_) => crate::tr!(common.error_rate_limited_title).into(),
            Self::SessionStore(_) => crate::tr!(common.error_session_store_title).into(),
            Self::ConsoleStore(_) => crate::tr!(common.error_console_store_title).into(),
            Self::NotAllowed(_) => crate::tr!(common.error_not_allowed_title).into(),
            Self::Transport(_) => crate::tr!(common.error_transport_title).into(),
        }
    }

    /// The sentence for the user, in the page's language: AWS's message verbatim, a validation
    /// error's message as given (its callers write it in the page's language), else the console's
    /// own sentence with the detail filled in. (`to_string()` stays English, for logs.)
    pub fn message(&self) -> String {
        match self {
            Self::Aws { message, .. } => message.clone(),
            Self::Validation { message, .. } => message.clone(),
            Self::Unreachable(detail) => crate::tr!(common.error_unreachable, detail = detail),
            Self::Internal { reference } => crate::tr!(common.error_internal, reference = reference),
            Self::NotSignedIn => crate::tr!(common.error_not_signed_in).into(),
            Self::ReadOnly(action) => crate::tr!(common.error_read_only, action = action),
            Self::RateLimited(seconds) => crate::tr!(common.error_rate_limited, seconds = seconds),
            Self::SessionStore(detail) => crate::tr!(common.error_session_store, detail = detail),
            Self::ConsoleStore(detail) => crate::tr!(common.error_console_store, detail = detail),
            Self::NotAllowed(reason) => crate::tr!(common.error_not_allowed, reason = reason),
            Self::Transport(detail) => crate::tr!(common.error_transport, detail = detail),
        }
    }

    /// The whole error on one line, in the page's language: what `to_string()` says in English
    /// (`code: message` for AWS, `field: message` for validation, else [`AppError::message`]).
    pub fn describe(&self) -> String {
        match self {
            Self::Aws { code, message, .. } => format!("{code}: {message}"),
            Self::Validation { field, message } => format!("{}: {message}", fields::field_label(field)),
            other => other.message(),
        }
    }

    /// Whether AWS said the caller is not permitted (AWS: `UnauthorizedOperation`, moto: `AccessDenied`).
    pub fn is_not_permitted(&self) -> bool {
        matches!(self, Self::Aws { code, .. } if code == "UnauthorizedOperation" || code == "AccessDenied")
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        Self::Transport(value.to_string())
    }
}

#[cfg(feature = "ssr")]
mod ssr {
    use super::AppError;
    use aws_sdk_ec2::error::{ProvideErrorMetadata, SdkError};
    use aws_smithy_runtime_api::client::orchestrator::HttpResponse;

    /// The `<Code>` and `<Message>` of an XML error body the SDK could not read: moto wraps the
    /// errors of query-protocol services (CloudWatch, STS) in `<Errors>`, as EC2 does.
    pub fn code_in_body(body: &[u8]) -> Option<(String, String)> {
        let text = std::str::from_utf8(body).ok()?;
        let inner = |tag: &str| {
            let start = text.find(&format!("<{tag}>"))? + tag.len() + 2;
            let end = start + text[start..].find(&format!("</{tag}>"))?;
            Some(text[start..end].trim().to_string())
        };
        let code = inner("Code").filter(|c| !c.is_empty() && c.len() <= 128)?;
        Some((code, inner("Message").unwrap_or_default()))
    }

    impl AppError {
        /// An internal error: logs `detail` under a fresh reference and returns only the reference.
        pub fn internal(detail: impl std::fmt::Display) -> Self {
            let reference = format!(
                "{:x}",
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.as_nanos())
                    .unwrap_or_default()
            );
            tracing::error!(%reference, %detail, "internal error");
            Self::Internal { reference }
        }
    }

    impl<E> From<SdkError<E, HttpResponse>> for AppError
    where
        E: ProvideErrorMetadata + std::error::Error + 'static,
    {
        fn from(err: SdkError<E, HttpResponse>) -> Self {
            match &err {
                SdkError::ServiceError(service) => {
                    let meta = service.err().meta();
                    match meta.code() {
                        Some(code) => AppError::Aws {
                            code: code.to_string(),
                            message: meta.message().unwrap_or_default().to_string(),
                            request_id: meta.extra("aws_request_id").map(str::to_string),
                        },
                        None => match service.raw().body().bytes().and_then(code_in_body) {
                            Some((code, message)) => AppError::Aws {
                                code,
                                message,
                                request_id: service
                                    .raw()
                                    .headers()
                                    .get("x-amzn-requestid")
                                    .map(str::to_string),
                            },
                            None => AppError::Unreachable(crate::tr!(
                                common.error_unrecognised_answer,
                                response = format!("{:?}", service.raw())
                            )),
                        },
                    }
                }
                SdkError::DispatchFailure(_) | SdkError::TimeoutError(_) => {
                    AppError::Unreachable(aws_sdk_ec2::error::DisplayErrorContext(&err).to_string())
                }
                SdkError::ResponseError(_) => AppError::Unreachable(crate::tr!(
                    common.error_unreadable_response,
                    detail = aws_sdk_ec2::error::DisplayErrorContext(&err)
                )),
                _ => AppError::internal(aws_sdk_ec2::error::DisplayErrorContext(&err)),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aws_error_displays_code_and_message() {
        let err = AppError::Aws {
            code: "InvalidInstanceID.NotFound".into(),
            message: "The instance ID 'i-1' does not exist".into(),
            request_id: None,
        };
        assert_eq!(
            err.to_string(),
            "InvalidInstanceID.NotFound: The instance ID 'i-1' does not exist"
        );
        assert_eq!(err.title(), "InvalidInstanceID.NotFound");
    }

    #[test]
    fn not_permitted_covers_aws_and_moto_codes() {
        let aws = |code: &str| AppError::Aws {
            code: code.into(),
            message: String::new(),
            request_id: None,
        };
        assert!(aws("UnauthorizedOperation").is_not_permitted());
        assert!(aws("AccessDenied").is_not_permitted());
        assert!(!aws("InvalidParameterValue").is_not_permitted());
        assert!(!AppError::validation("region", "bad").is_not_permitted());
    }

    #[test]
    fn round_trips_through_the_server_fn_encoding() {
        let err = AppError::validation("region", "must look like us-east-1");
        let decoded = AppError::de(err.ser());
        assert_eq!(decoded, err);
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn codes_are_read_from_bodies_the_sdk_could_not_parse() {
        use super::ssr::code_in_body;
        let moto = b"<?xml version=\"1.0\"?><ErrorResponse><Errors><Error><Code>AccessDenied</Code><Message>User: bob is not authorized</Message></Error></Errors></ErrorResponse>";
        assert_eq!(
            code_in_body(moto),
            Some((
                "AccessDenied".to_string(),
                "User: bob is not authorized".to_string()
            ))
        );
        assert_eq!(
            code_in_body(b"<html><body>Internal Server Error</body></html>"),
            None
        );
        assert_eq!(code_in_body(b"<Code></Code>"), None);
        assert_eq!(code_in_body(&[0xff, 0xfe]), None);
    }
}
