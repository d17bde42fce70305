//! Shared UI used by every resource page.

pub mod chart;
pub mod confirm;
pub mod copy;
pub mod feedback;
pub mod get_form;
pub mod resource;
pub mod status;
pub mod table;
