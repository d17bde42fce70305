//! The app's server functions against a real moto server, one module per EC2 resource. One test
//! binary for them all: the app is linked once, and the tests of every module share the threads.

mod addresses;
mod common;
mod dashboard;
mod images;
mod instances;
mod key_pairs;
mod launch;
mod monitoring;
mod network;
mod security_groups;
mod volumes;
