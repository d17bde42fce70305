//! The console's Axum server, as a library so tests can build the same router the binary serves.

// The router instantiates the app's views, which are deeply nested types.
#![recursion_limit = "256"]

pub mod audit;
pub mod auth_routes;
pub mod config;
pub mod metrics;
pub mod security;
pub mod sessions;
pub mod shared;
pub mod startup;
pub mod telemetry;
