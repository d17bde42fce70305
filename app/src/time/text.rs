//! An instant as words in a language and a zone: the language's date and clock patterns
//! (`app/locales/*/common.json`), the zone named by its offset (`UTC`, `UTC+9`, `UTC-3:30`).

use super::civil::fields;
use crate::i18n::{td_string, Locale};
use crate::locale::fill;

/// How much of an instant to show.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Style {
    /// Date with the year, time to the second: when something happened.
    #[default]
    Full,
    /// Date without the year, time to the minute: a chart's axis and readout.
    Short,
}

/// The zone `offset_minutes` east of UTC, named by its offset.
pub fn zone_name(offset_minutes: i32) -> String {
    if offset_minutes == 0 {
        return "UTC".into();
    }
    let sign = if offset_minutes > 0 { '+' } else { '-' };
    let (h, m) = (offset_minutes.abs() / 60, offset_minutes.abs() % 60);
    if m == 0 {
        format!("UTC{sign}{h}")
    } else {
        format!("UTC{sign}{h}:{m:02}")
    }
}

/// `ms` read `offset_minutes` east of UTC, in `locale`'s words, the zone named at the end.
pub fn format(ms: i64, offset_minutes: i32, style: Style, locale: Locale) -> String {
    let f = fields(ms, offset_minutes);
    let month_name = td_string!(locale, common.month_names)
        .split(' ')
        .nth((f.month - 1) as usize)
        .unwrap_or_default();
    let ampm = if f.hour < 12 {
        td_string!(locale, common.am)
    } else {
        td_string!(locale, common.pm)
    };
    let hour12 = match f.hour % 12 {
        0 => 12,
        h => h,
    };
    let (date, clock) = match style {
        Style::Full => (
            td_string!(locale, common.date_long),
            td_string!(locale, common.clock_seconds),
        ),
        Style::Short => (
            td_string!(locale, common.date_short),
            td_string!(locale, common.clock_minutes),
        ),
    };
    let date = fill(
        date,
        &[
            ("year", &f.year),
            ("month", &f.month),
            ("month_name", &month_name),
            ("day", &f.day),
        ],
    );
    let clock = fill(
        clock,
        &[
            ("hour12", &hour12),
            ("minute", &format_args!("{:02}", f.minute)),
            ("second", &format_args!("{:02}", f.second)),
            ("ampm", &ampm),
        ],
    );
    let text = fill(
        td_string!(locale, common.date_time),
        &[("date", &date), ("time", &clock)],
    );
    format!("{text} {}", zone_name(offset_minutes))
}

/// `2026-12-01 15:35:05 UTC`: the instant as the tooltip of every shown time gives it.
pub fn utc(ms: i64) -> String {
    let f = fields(ms, 0);
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02} UTC",
        f.year, f.month, f.day, f.hour, f.minute, f.second
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::civil::parse;

    #[test]
    fn zones_are_named_by_their_offset() {
        assert_eq!(zone_name(0), "UTC");
        assert_eq!(zone_name(540), "UTC+9");
        assert_eq!(zone_name(330), "UTC+5:30");
        assert_eq!(zone_name(-210), "UTC-3:30");
        assert_eq!(zone_name(-300), "UTC-5");
    }

    #[test]
    fn each_language_writes_the_date_and_clock_its_own_way() {
        let ms = parse("2026-12-02T04:58:05Z").unwrap();
        assert_eq!(
            format(ms, 0, Style::Full, Locale::en),
            "Dec 2, 2026, 4:58:05 AM UTC"
        );
        assert_eq!(
            format(ms, 540, Style::Full, Locale::en),
            "Dec 2, 2026, 1:58:05 PM UTC+9"
        );
        assert_eq!(
            format(ms, 540, Style::Full, Locale::ko),
            "2026. 12. 2. 오후 1:58:05 UTC+9"
        );
        assert_eq!(format(ms, 0, Style::Short, Locale::ko), "12. 2. 오전 4:58 UTC");
        assert_eq!(
            format(ms, -300, Style::Short, Locale::en),
            "Dec 1, 11:58 PM UTC-5"
        );
    }

    #[test]
    fn midnight_and_noon_are_twelve() {
        let midnight = parse("2026-01-01T00:07:00Z").unwrap();
        assert_eq!(
            format(midnight, 0, Style::Short, Locale::en),
            "Jan 1, 12:07 AM UTC"
        );
        let noon = parse("2026-01-01T12:00:00Z").unwrap();
        assert_eq!(format(noon, 0, Style::Short, Locale::ko), "1. 1. 오후 12:00 UTC");
        assert_eq!(utc(noon), "2026-01-01 12:00:00 UTC");
    }
}
