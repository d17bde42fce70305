//! The console's router and binary end to end, against moto and the real stores, one module per
//! concern. One test binary for them all: the server is linked once, and the tests of every module
//! share the threads.

mod audit;
mod auth;
mod common;
mod faults;
mod fuzz;
mod http;
mod instances;
mod regions;
mod replicas;
mod sessions;
mod shutdown;
mod views;
