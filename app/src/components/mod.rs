//! Shared UI used by every resource page.

pub mod feedback;
pub mod status;
pub mod table;
