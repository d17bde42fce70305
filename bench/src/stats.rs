//! Summaries of timings.

use std::time::Duration;

/// The `q`-quantile (0.0–1.0) of `samples` (timings, or ratios of them) by nearest rank; zero for
/// no samples.
pub fn quantile<T: Copy + PartialOrd + Default>(samples: &[T], q: f64) -> T {
    if samples.is_empty() {
        return T::default();
    }
    let mut sorted = samples.to_vec();
    sorted.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    let rank = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

/// The median (the lower of the middle two for an even count).
pub fn median<T: Copy + PartialOrd + Default>(samples: &[T]) -> T {
    quantile(samples, 0.5)
}

/// Milliseconds with two decimals, for the report.
pub fn ms(d: Duration) -> f64 {
    (d.as_secs_f64() * 100_000.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms_list(values: &[u64]) -> Vec<Duration> {
        values.iter().map(|v| Duration::from_millis(*v)).collect()
    }

    #[test]
    fn quantiles_by_nearest_rank() {
        let s = ms_list(&[5, 1, 4, 2, 3]);
        assert_eq!(median(&s), Duration::from_millis(3));
        assert_eq!(quantile(&s, 0.99), Duration::from_millis(5));
        assert_eq!(quantile(&s, 0.0), Duration::from_millis(1));
        let hundred: Vec<u64> = (1..=100).collect();
        assert_eq!(quantile(&ms_list(&hundred), 0.99), Duration::from_millis(99));
        assert_eq!(median::<Duration>(&[]), Duration::ZERO);
        assert_eq!(median(&[1.5, 0.5, 1.0, 2.0]), 1.0);
    }

    #[test]
    fn milliseconds_are_rounded_to_hundredths() {
        assert_eq!(ms(Duration::from_micros(1234)), 1.23);
        assert_eq!(ms(Duration::from_secs(2)), 2000.0);
    }
}
