//! Latency percentiles of one run, and the median and spread of several runs.

use serde::Serialize;

/// What one timed run of one operation measured.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Run {
    /// Operations that succeeded.
    pub(crate) ops: u64,
    /// Operations that failed.
    pub(crate) errors: u64,
    /// Successful operations per second.
    pub(crate) per_second: f64,
    /// Latency percentiles, in milliseconds.
    pub(crate) p50_ms: f64,
    pub(crate) p95_ms: f64,
    pub(crate) p99_ms: f64,
}

impl Run {
    /// Summarises `latencies` (microseconds, of successful operations) over `seconds`.
    pub(crate) fn of(mut latencies: Vec<u32>, errors: u64, seconds: f64) -> Run {
        latencies.sort_unstable();
        let ops = latencies.len() as u64;
        Run {
            ops,
            errors,
            per_second: ops as f64 / seconds,
            p50_ms: percentile(&latencies, 0.50),
            p95_ms: percentile(&latencies, 0.95),
            p99_ms: percentile(&latencies, 0.99),
        }
    }
}

/// The `q` quantile of sorted microsecond latencies, in milliseconds (nearest rank).
pub(crate) fn percentile(sorted: &[u32], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    f64::from(sorted[rank - 1]) / 1000.0
}

/// The median of several measurements, with their smallest and largest.
#[derive(Debug, Clone, Copy, Serialize)]
pub(crate) struct Spread {
    pub(crate) median: f64,
    pub(crate) min: f64,
    pub(crate) max: f64,
}

impl Spread {
    pub(crate) fn of(values: impl IntoIterator<Item = f64>) -> Spread {
        let mut values: Vec<f64> = values.into_iter().filter(|v| v.is_finite()).collect();
        values.sort_by(f64::total_cmp);
        if values.is_empty() {
            return Spread {
                median: f64::NAN,
                min: f64::NAN,
                max: f64::NAN,
            };
        }
        let middle = values.len() / 2;
        let median = if values.len().is_multiple_of(2) {
            f64::midpoint(values[middle - 1], values[middle])
        } else {
            values[middle]
        };
        Spread {
            median,
            min: values[0],
            max: values[values.len() - 1],
        }
    }
}

impl std::fmt::Display for Spread {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let digits = if self.median.abs() >= 100.0 { 0 } else { 2 };
        write!(
            f,
            "{:.*} ({:.*}–{:.*})",
            digits, self.median, digits, self.min, digits, self.max
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_take_the_nearest_rank_and_medians_the_middle() {
        let latencies: Vec<u32> = (1..=100).map(|ms| ms * 1000).collect();
        let run = Run::of(latencies, 2, 10.0);
        assert_eq!((run.p50_ms, run.p95_ms, run.p99_ms), (50.0, 95.0, 99.0));
        assert_eq!((run.ops, run.errors, run.per_second), (100, 2, 10.0));
        let spread = Spread::of([3.0, 1.0, 2.0, 10.0]);
        assert_eq!((spread.median, spread.min, spread.max), (2.5, 1.0, 10.0));
        assert_eq!(Spread::of([4.0, 1.0, 9.0]).median, 4.0);
    }
}
