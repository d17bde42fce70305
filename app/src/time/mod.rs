//! Times as people read them: in the browser's zone (or UTC, by choice) with the zone named, in
//! the page's language; and the calendar arithmetic under them.

pub mod civil;
mod text;
mod zone;

pub use text::{format, utc, zone_name, Style};
pub use zone::{live, provide, show, Time, ZoneSwitch, COOKIE};
