//! Server-only AWS plumbing: the shared base SDK configuration and the one client factory.
//!
//! The base configuration (HTTP client, endpoint overrides such as `AWS_ENDPOINT_URL`) is built once;
//! every client acts as one signed-in person, with that person's credentials, and is cached.

use crate::audit::ssr::calls::AuditCalls;
use crate::cipher::Credentials;
use crate::error::AppError;
use crate::metrics::AwsCallMetrics;
use crate::region::is_valid_region;
use crate::regions::ssr::FanOut;
use aws_config::timeout::TimeoutConfig;
use aws_config::{AppName, BehaviorVersion, Region, SdkConfig};
use secrecy::ExposeSecret;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Cached clients beyond this many are dropped all at once (a bound, not an LRU).
const CLIENT_CACHE_LIMIT: usize = 4096;
/// The app name every client sends in its user agent, so CloudTrail shows calls made through the console.
pub const APP_NAME: &str = "ec2-console";
/// Longest wait for a connection to the endpoint.
const CONNECT_TIMEOUT: Duration = Duration::from_millis(3100);
/// Longest wait for one attempt's answer (a page of 5,000 instances from moto takes ~30 s).
pub const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(60);
/// Longest wait for a call, retries included.
pub const OPERATION_TIMEOUT: Duration = Duration::from_secs(150);

/// What every server function needs to reach AWS, built once at start-up and shared; a clone (one
/// per `use_context`) shares the base configuration instead of copying it.
#[derive(Clone, Debug)]
pub struct AwsContext {
    base: Arc<SdkConfig>,
    default_region: String,
    timeouts: TimeoutConfig,
    ec2_clients: Arc<Mutex<HashMap<String, aws_sdk_ec2::Client>>>,
    cloudwatch_clients: Arc<Mutex<HashMap<String, aws_sdk_cloudwatch::Client>>>,
    fan_out: FanOut,
}

impl AwsContext {
    /// Wraps a base configuration (shared HTTP client, endpoint overrides).
    pub fn new(base: SdkConfig, default_region: impl Into<String>) -> Self {
        Self {
            base: Arc::new(base),
            default_region: default_region.into(),
            timeouts: Self::timeouts(ATTEMPT_TIMEOUT, OPERATION_TIMEOUT),
            ec2_clients: Arc::default(),
            cloudwatch_clients: Arc::default(),
            fan_out: FanOut::default(),
        }
    }

    /// Another way to fan out over every region (fallback list, concurrency, per-region limit).
    pub fn with_fan_out(mut self, fan_out: FanOut) -> Self {
        self.fan_out = fan_out;
        self
    }

    /// How all-regions views fan out.
    pub fn fan_out(&self) -> FanOut {
        self.fan_out.clone()
    }

    /// Other limits on how long an attempt and a whole call may wait for AWS, so an endpoint that
    /// accepts but never answers fails the call (as "unreachable") instead of holding it forever.
    pub fn with_timeouts(mut self, attempt: Duration, operation: Duration) -> Self {
        self.timeouts = Self::timeouts(attempt, operation);
        self
    }

    fn timeouts(attempt: Duration, operation: Duration) -> TimeoutConfig {
        TimeoutConfig::builder()
            .connect_timeout(CONNECT_TIMEOUT)
            .operation_attempt_timeout(attempt)
            .operation_timeout(operation)
            .build()
    }

    /// Loads the base configuration from the environment (`AWS_ENDPOINT_URL` included), without any
    /// server credentials: every call is made with a signed-in person's own.
    pub async fn from_env(default_region: impl Into<String>) -> Self {
        let default_region = default_region.into();
        let base = aws_config::defaults(BehaviorVersion::latest())
            .region(Region::new(default_region.clone()))
            .no_credentials()
            .load()
            .await;
        Self::new(base, default_region)
    }

    /// Resolves the requested region (or the default) after validating its name.
    pub fn resolve_region(&self, requested: Option<&str>) -> Result<String, AppError> {
        match requested.map(str::trim).filter(|r| !r.is_empty()) {
            None => Ok(self.default_region.clone()),
            Some(r) if is_valid_region(r) => Ok(r.to_string()),
            Some(_) => Err(AppError::validation(
                "region",
                "not a region name (expected something like us-east-1)",
            )),
        }
    }

    fn sdk_credentials(creds: &Credentials) -> aws_sdk_ec2::config::Credentials {
        aws_sdk_ec2::config::Credentials::new(
            creds.access_key_id.clone(),
            creds.secret_access_key.expose_secret().to_string(),
            creds
                .session_token
                .as_ref()
                .map(|t| t.expose_secret().to_string()),
            None,
            "console-session",
        )
    }

    /// An EC2 client acting as `creds` in `region`. Retries use a partition per (account, person,
    /// region), so one person's throttling (an all-regions view, say) does not spend the team's
    /// retry budget.
    pub fn ec2_as(&self, creds: &Credentials, account: &str, region: &str) -> aws_sdk_ec2::Client {
        cached(&self.ec2_clients, creds, account, region, || {
            let conf = aws_sdk_ec2::config::Builder::from(&*self.base)
                .region(Region::new(region.to_string()))
                .credentials_provider(Self::sdk_credentials(creds))
                .retry_partition(aws_sdk_ec2::config::retry::RetryPartition::new(partition(
                    "ec2", creds, account, region,
                )))
                .timeout_config(self.timeouts.clone())
                .app_name(app_name())
                .interceptor(FormSpaces)
                .interceptor(AwsCallMetrics)
                .interceptor(AuditCalls)
                .build();
            aws_sdk_ec2::Client::from_conf(conf)
        })
    }

    /// A CloudWatch client acting as `creds` in `region`: the same credentials, retry partition
    /// and interceptors as the EC2 client, cached the same way.
    pub fn cloudwatch_as(
        &self,
        creds: &Credentials,
        account: &str,
        region: &str,
    ) -> aws_sdk_cloudwatch::Client {
        cached(&self.cloudwatch_clients, creds, account, region, || {
            let conf = aws_sdk_cloudwatch::config::Builder::from(&*self.base)
                .region(Region::new(region.to_string()))
                .credentials_provider(Self::sdk_credentials(creds))
                .retry_partition(aws_sdk_cloudwatch::config::retry::RetryPartition::new(partition(
                    "cloudwatch",
                    creds,
                    account,
                    region,
                )))
                .timeout_config(self.timeouts.clone())
                .app_name(app_name())
                .interceptor(FormSpaces)
                .interceptor(AwsCallMetrics)
                .interceptor(AuditCalls)
                .build();
            aws_sdk_cloudwatch::Client::from_conf(conf)
        })
    }

    /// An STS client acting as `creds` (used at sign-in only, so not cached).
    pub fn sts_as(&self, creds: &Credentials, region: &str) -> aws_sdk_sts::Client {
        let conf = aws_sdk_sts::config::Builder::from(&*self.base)
            .region(Region::new(region.to_string()))
            .credentials_provider(Self::sdk_credentials(creds))
            .timeout_config(self.timeouts.clone())
            .app_name(app_name())
            .interceptor(AwsCallMetrics)
            .build();
        aws_sdk_sts::Client::from_conf(conf)
    }

    /// The context provided to this request by the server.
    pub fn current() -> Result<Self, AppError> {
        leptos::prelude::use_context::<Self>()
            .ok_or_else(|| AppError::internal("AwsContext was not provided to the request"))
    }
}

/// The client of `creds` in `region` from `cache`, made by `make` when it is not there (the cache
/// is emptied at [`CLIENT_CACHE_LIMIT`]: a bound, not an LRU). The key holds no secret.
fn cached<C: Clone>(
    cache: &Mutex<HashMap<String, C>>,
    creds: &Credentials,
    account: &str,
    region: &str,
    make: impl FnOnce() -> C,
) -> C {
    let key = format!(
        "{}|{account}|{region}|{:x}",
        creds.access_key_id,
        fingerprint(creds)
    );
    let mut cache = cache.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(client) = cache.get(&key) {
        return client.clone();
    }
    if cache.len() >= CLIENT_CACHE_LIMIT {
        cache.clear();
    }
    let client = make();
    cache.insert(key, client.clone());
    client
}

/// A service's retry partition for one person (access key) of `account` in `region`.
fn partition(service: &str, creds: &Credentials, account: &str, region: &str) -> String {
    format!("{service}-{account}-{}-{region}", creds.access_key_id)
}

fn app_name() -> AppName {
    AppName::new(APP_NAME).expect("a valid app name")
}

/// A non-reversible fingerprint of the credentials, so a cache key never holds a secret.
fn fingerprint(creds: &Credentials) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    creds.access_key_id.hash(&mut h);
    creds.secret_access_key.expose_secret().hash(&mut h);
    creds
        .session_token
        .as_ref()
        .map(|t| t.expose_secret().to_string())
        .hash(&mut h);
    h.finish()
}

/// Encodes spaces in query-protocol bodies as `+` rather than `%20` before the request is signed.
///
/// Both are valid `application/x-www-form-urlencoded`; AWS accepts either (and botocore sends
/// `+`). moto, when it checks signatures, re-encodes the parsed form with `+` and so refuses a
/// `%20` body with `AuthFailure`: a tag value, group description or rule description with a space
/// would be refused. The body is rewritten before signing, so the signature covers what is sent.
#[derive(Debug)]
pub struct FormSpaces;

/// `body` with every `%20` replaced by `+`, or `None` when it has none.
pub fn plus_for_spaces(body: &[u8]) -> Option<Vec<u8>> {
    if !body.windows(3).any(|w| w == b"%20") {
        return None;
    }
    let mut out = Vec::with_capacity(body.len());
    let mut i = 0;
    while i < body.len() {
        if body[i..].starts_with(b"%20") {
            out.push(b'+');
            i += 3;
        } else {
            out.push(body[i]);
            i += 1;
        }
    }
    Some(out)
}

impl aws_sdk_ec2::config::Intercept for FormSpaces {
    fn name(&self) -> &'static str {
        "FormSpaces"
    }

    fn modify_before_signing(
        &self,
        context: &mut aws_sdk_ec2::config::interceptors::BeforeTransmitInterceptorContextMut<'_>,
        _components: &aws_sdk_ec2::config::RuntimeComponents,
        _cfg: &mut aws_sdk_ec2::config::ConfigBag,
    ) -> Result<(), aws_sdk_ec2::error::BoxError> {
        let request = context.request_mut();
        let is_form = request
            .headers()
            .get("content-type")
            .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
        if !is_form {
            return Ok(());
        }
        if let Some(body) = request.body().bytes().and_then(plus_for_spaces) {
            request
                .headers_mut()
                .insert("content-length", body.len().to_string());
            *request.body_mut() = aws_smithy_types::body::SdkBody::from(body);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::plus_for_spaces;

    #[test]
    fn spaces_become_plus_and_nothing_else_changes() {
        assert_eq!(
            plus_for_spaces(b"Action=CreateSecurityGroup&Description=web%20servers%20%2B%20more").as_deref(),
            Some(&b"Action=CreateSecurityGroup&Description=web+servers+%2B+more"[..])
        );
        assert_eq!(plus_for_spaces(b"Action=DescribeVpcs&Version=2016-11-15"), None);
        assert_eq!(plus_for_spaces(b"a=%2").as_deref(), None);
    }
}
