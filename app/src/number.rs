//! Numbers as the page's language writes them: digits grouped by thousands, its decimal point.

use crate::i18n::{td_string, Locale};

/// `n` grouped in `locale`'s way (`16,384`).
pub fn whole_in(n: u64, locale: Locale) -> String {
    let digits = n.to_string();
    let separator = td_string!(locale, common.digit_group);
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(separator);
        }
        out.push(digit);
    }
    out
}

/// `n` grouped in the page's language.
pub fn whole(n: u64) -> String {
    whole_in(n, crate::locale::current())
}

/// `value` with at most one decimal (none when it is whole), in `locale`'s way (`1,536.5`).
pub fn decimal_in(value: f64, locale: Locale) -> String {
    let tenths = (value.abs() * 10.0).round() as u64;
    let sign = if value < 0.0 && tenths > 0 { "-" } else { "" };
    let whole = whole_in(tenths / 10, locale);
    match tenths % 10 {
        0 => format!("{sign}{whole}"),
        tenth => format!("{sign}{whole}{}{tenth}", td_string!(locale, common.decimal_point)),
    }
}

/// `value` with at most one decimal, in the page's language.
pub fn decimal(value: f64) -> String {
    decimal_in(value, crate::locale::current())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(whole_in(0, Locale::en), "0");
        assert_eq!(whole_in(999, Locale::en), "999");
        assert_eq!(whole_in(1000, Locale::ko), "1,000");
        assert_eq!(whole_in(16_384, Locale::en), "16,384");
        assert_eq!(whole_in(1_234_567, Locale::ko), "1,234,567");
    }

    #[test]
    fn decimals_show_one_place_only_when_needed() {
        assert_eq!(decimal_in(3.5, Locale::en), "3.5");
        assert_eq!(decimal_in(2048.0, Locale::en), "2,048");
        assert_eq!(decimal_in(1536.46, Locale::ko), "1,536.5");
        assert_eq!(decimal_in(-0.01, Locale::en), "0");
        assert_eq!(decimal_in(-12.25, Locale::en), "-12.3");
    }
}
