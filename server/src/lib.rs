//! The console's Axum server, as a library so tests can build the same router the binary serves.

pub mod config;
pub mod startup;
pub mod telemetry;
