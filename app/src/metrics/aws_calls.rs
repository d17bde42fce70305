//! (ssr) An SDK interceptor that counts every AWS call the console makes (EC2 and STS): by service,
//! API and outcome, with its duration, its retries and the attempts AWS throttled.

use super::global;
use aws_sdk_ec2::config::interceptors::{
    BeforeSerializationInterceptorContextRef, BeforeTransmitInterceptorContextRef,
    FinalizerInterceptorContextRef,
};
use aws_sdk_ec2::config::{ConfigBag, Intercept, RuntimeComponents};
use aws_sdk_ec2::error::BoxError;
use aws_smithy_runtime_api::client::orchestrator::Metadata;
use aws_smithy_types::config_bag::{Storable, StoreReplace};
use std::time::Instant;

/// Error codes by which AWS (and moto) say "slow down".
const THROTTLING: [&str; 4] = [
    "Throttling",
    "ThrottlingException",
    "RequestLimitExceeded",
    "TooManyRequestsException",
];

/// The interceptor; add it to every client.
#[derive(Debug, Default)]
pub struct AwsCallMetrics;

/// When the call began, how many attempts it made, and the error code of the last one.
#[derive(Clone, Debug)]
struct CallState {
    started: Instant,
    attempts: u32,
    last_code: Option<String>,
}

impl Storable for CallState {
    type Storer = StoreReplace<Self>;
}

/// The `<Code>` of an AWS query-protocol error body (EC2's `<Response><Errors><Error>`, STS's
/// `<ErrorResponse><Error>`).
pub fn error_code(body: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(body).ok()?;
    let start = text.find("<Code>")? + "<Code>".len();
    let len = text[start..].find("</Code>")?;
    let code = text[start..start + len].trim();
    (!code.is_empty() && code.len() <= 64).then(|| code.to_string())
}

/// The call's service and API, as the SDK names them (`unknown` when the call carries no metadata).
pub fn names(cfg: &ConfigBag) -> (String, String) {
    match cfg.load::<Metadata>() {
        Some(m) => (m.service().to_string(), m.name().to_string()),
        None => ("unknown".into(), "unknown".into()),
    }
}

impl Intercept for AwsCallMetrics {
    fn name(&self) -> &'static str {
        "AwsCallMetrics"
    }

    fn read_before_execution(
        &self,
        _context: &BeforeSerializationInterceptorContextRef<'_>,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        cfg.interceptor_state().store_put(CallState {
            started: Instant::now(),
            attempts: 0,
            last_code: None,
        });
        Ok(())
    }

    fn read_before_attempt(
        &self,
        _context: &BeforeTransmitInterceptorContextRef<'_>,
        _components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        if let Some(mut state) = cfg.load::<CallState>().cloned() {
            state.attempts += 1;
            if state.attempts > 1 {
                let (service, api) = names(cfg);
                global().count("aws_retries_total", &[("service", &service), ("api", &api)]);
            }
            cfg.interceptor_state().store_put(state);
        }
        Ok(())
    }

    fn read_after_attempt(
        &self,
        context: &FinalizerInterceptorContextRef<'_>,
        _components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let code = context.response().filter(|r| !r.status().is_success()).map(|r| {
            r.body()
                .bytes()
                .and_then(error_code)
                .unwrap_or_else(|| format!("HTTP {}", r.status().as_u16()))
        });
        if let Some(code) = &code {
            if THROTTLING.contains(&code.as_str()) {
                let (service, api) = names(cfg);
                global().count("aws_throttles_total", &[("service", &service), ("api", &api)]);
            }
        }
        if let Some(mut state) = cfg.load::<CallState>().cloned() {
            state.last_code = code;
            cfg.interceptor_state().store_put(state);
        }
        Ok(())
    }

    fn read_after_execution(
        &self,
        context: &FinalizerInterceptorContextRef<'_>,
        _components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let (service, api) = names(cfg);
        let state = cfg.load::<CallState>();
        let outcome = match context.output_or_error() {
            Some(Ok(_)) => "ok".to_string(),
            _ => state
                .and_then(|s| s.last_code.clone())
                .unwrap_or_else(|| "no answer".to_string()),
        };
        let metrics = global();
        metrics.count(
            "aws_calls_total",
            &[("service", &service), ("api", &api), ("outcome", &outcome)],
        );
        if let Some(state) = state {
            metrics.observe(
                "aws_call_duration_seconds",
                &[("service", &service), ("api", &api)],
                state.started.elapsed().as_secs_f64(),
            );
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::error_code;

    #[test]
    fn reads_the_code_of_ec2_and_sts_errors() {
        let ec2 = b"<?xml version=\"1.0\"?><Response><Errors><Error><Code>InvalidInstanceID.NotFound</Code><Message>x</Message></Error></Errors><RequestID>r</RequestID></Response>";
        assert_eq!(error_code(ec2).as_deref(), Some("InvalidInstanceID.NotFound"));
        let sts = b"<ErrorResponse><Error><Type>Sender</Type><Code>InvalidClientTokenId</Code></Error></ErrorResponse>";
        assert_eq!(error_code(sts).as_deref(), Some("InvalidClientTokenId"));
        assert_eq!(error_code(b"<html>Internal Server Error</html>"), None);
        assert_eq!(error_code(b"<Code></Code>"), None);
        assert_eq!(error_code(&[0xff, 0xfe]), None);
    }
}
