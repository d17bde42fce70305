//! Instants as Unix milliseconds: to and from RFC 3339 (UTC) and to calendar fields, without a
//! date-time crate (the civil-date conversion is Howard Hinnant's).

/// Days since 1970-01-01 of a proleptic Gregorian date.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day number since 1970-01-01.
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// The calendar fields of an instant, in the zone it was shifted to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fields {
    /// The year.
    pub year: i64,
    /// 1–12.
    pub month: i64,
    /// 1–31.
    pub day: i64,
    /// 0–23.
    pub hour: i64,
    /// 0–59.
    pub minute: i64,
    /// 0–59.
    pub second: i64,
    /// 0–999.
    pub milli: i64,
}

/// The calendar fields of `ms`, read `offset_minutes` east of UTC.
pub fn fields(ms: i64, offset_minutes: i32) -> Fields {
    let ms = ms + i64::from(offset_minutes) * 60_000;
    let (days, rest) = (ms.div_euclid(86_400_000), ms.rem_euclid(86_400_000));
    let (year, month, day) = civil_from_days(days);
    Fields {
        year,
        month,
        day,
        hour: rest / 3_600_000,
        minute: rest / 60_000 % 60,
        second: rest / 1000 % 60,
        milli: rest % 1000,
    }
}

/// `2026-12-01T15:35:05.123Z`.
pub fn rfc3339(ms: i64) -> String {
    let f = fields(ms, 0);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        f.year, f.month, f.day, f.hour, f.minute, f.second, f.milli
    )
}

/// Parses `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM` or `YYYY-MM-DDTHH:MM:SS[.fff]` (UTC; a trailing `Z` and
/// a space for the `T` are accepted) to Unix milliseconds.
pub fn parse(text: &str) -> Option<i64> {
    let text = text.trim().trim_end_matches('Z');
    let (date, clock) = match text.split_once(['T', ' ']) {
        Some((d, c)) => (d, Some(c)),
        None => (text, None),
    };
    let num = |s: &str, len: usize| {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<i64>().ok())
            .flatten()
    };
    let mut parts = date.split('-');
    let (y, m, d) = (
        num(parts.next()?, 4)?,
        num(parts.next()?, 2)?,
        num(parts.next()?, 2)?,
    );
    if parts.next().is_some() || !(1..=12).contains(&m) || d < 1 || d > days_in_month(y, m) {
        return None;
    }
    let (h, min, s, milli) = match clock {
        None => (0, 0, 0, 0),
        Some(c) => {
            let mut f = c.split(':');
            let h = num(f.next()?, 2)?;
            let min = num(f.next()?, 2)?;
            let (s, milli) = match f.next() {
                None => (0, 0),
                Some(text) => match text.split_once('.') {
                    None => (num(text, 2)?, 0),
                    Some((s, fraction)) => (num(s, 2)?, milliseconds(fraction)?),
                },
            };
            if f.next().is_some() || h > 23 || min > 59 || s > 59 {
                return None;
            }
            (h, min, s, milli)
        }
    };
    Some((days_from_civil(y, m, d) * 86_400 + h * 3600 + min * 60 + s) * 1000 + milli)
}

/// The milliseconds of a fraction of a second (`5` → 500, `123456` → 123).
fn milliseconds(fraction: &str) -> Option<i64> {
    if fraction.is_empty() || fraction.len() > 9 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let three: String = fraction.chars().chain("00".chars()).take(3).collect();
    three.parse().ok()
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants_round_trip_through_rfc3339() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(rfc3339(1_796_139_305_123), "2026-12-01T15:35:05.123Z");
        assert_eq!(rfc3339(951_782_400_000), "2000-02-29T00:00:00.000Z");
        for ms in [0, 951_782_400_000, 1_796_139_305_000, 4_102_444_800_000] {
            assert_eq!(parse(&rfc3339(ms)[..19]), Some(ms));
        }
    }

    #[test]
    fn dates_and_times_parse_and_nonsense_does_not() {
        assert_eq!(parse("2026-12-01"), Some(1_796_083_200_000));
        assert_eq!(parse("2026-12-01T15:35"), Some(1_796_139_300_000));
        assert_eq!(parse("2026-12-01 15:35:05Z"), Some(1_796_139_305_000));
        for bad in [
            "",
            "2026-13-01",
            "2026-02-29",
            "2026-12-1",
            "26-12-01",
            "2026-12-01T24:00",
            "yesterday",
            "2026-12-01T10",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
        assert!(parse("2024-02-29").is_some());
        assert_eq!(parse("2026-12-01T15:35:05.5Z"), Some(1_796_139_305_500));
        assert_eq!(parse("2026-12-01T15:35:05.123456Z"), Some(1_796_139_305_123));
        assert_eq!(parse("2026-12-01T15:35:05."), None);
        assert_eq!(parse("2026-12-01T15:35:05.x"), None);
    }

    #[test]
    fn fields_shift_by_the_offset_across_midnight() {
        let ms = parse("2026-12-31T20:30:00Z").unwrap();
        let seoul = fields(ms, 9 * 60);
        assert_eq!(
            (seoul.year, seoul.month, seoul.day, seoul.hour, seoul.minute),
            (2027, 1, 1, 5, 30)
        );
        let new_york = fields(ms, -5 * 60);
        assert_eq!((new_york.day, new_york.hour), (31, 15));
        assert_eq!(fields(ms, 0).hour, 20);
    }
}
