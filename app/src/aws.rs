//! Server-only AWS plumbing: the shared base SDK configuration and the one EC2 client factory.

use crate::error::AppError;
use crate::region::is_valid_region;
use aws_config::{BehaviorVersion, Region, SdkConfig};

/// What every server function needs to reach AWS, built once at start-up and shared.
#[derive(Clone, Debug)]
pub struct AwsContext {
    base: SdkConfig,
    default_region: String,
}

impl AwsContext {
    /// Wraps a base configuration (shared HTTP client, credentials chain, endpoint overrides).
    pub fn new(base: SdkConfig, default_region: impl Into<String>) -> Self {
        Self {
            base,
            default_region: default_region.into(),
        }
    }

    /// Loads the base configuration from the environment (`AWS_ENDPOINT_URL` included).
    pub async fn from_env(default_region: impl Into<String>) -> Self {
        let base = aws_config::defaults(BehaviorVersion::latest()).load().await;
        Self::new(base, default_region)
    }

    /// The region used when a request names none.
    pub fn default_region(&self) -> &str {
        &self.default_region
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

    /// An EC2 client for `region`, sharing the base configuration's HTTP client.
    pub fn ec2(&self, region: &str) -> aws_sdk_ec2::Client {
        let conf = aws_sdk_ec2::config::Builder::from(&self.base)
            .region(Region::new(region.to_string()))
            .build();
        aws_sdk_ec2::Client::from_conf(conf)
    }

    /// The context provided to this request by the server.
    pub fn current() -> Result<Self, AppError> {
        leptos::prelude::use_context::<Self>()
            .ok_or_else(|| AppError::internal("AwsContext was not provided to the request"))
    }
}
