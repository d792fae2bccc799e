//! The service's clock. Domain code never reads the system's time: it is given `now` from
//! here, and `clock.now` in the configuration moves the whole service in time for trials,
//! training and tests.

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};

/// Where the time comes from.
pub trait Clock: Send + Sync + 'static {
    /// The current instant.
    fn now(&self) -> DateTime<Utc>;
}

/// The system's time.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// The system's time shifted so that it read `start` when the service started, and runs on
/// from there.
#[derive(Debug, Clone, Copy)]
pub struct ShiftedClock {
    offset: Duration,
}

impl ShiftedClock {
    /// A clock that reads `start` now.
    pub fn starting_at(start: DateTime<Utc>) -> ShiftedClock {
        ShiftedClock {
            offset: start - Utc::now(),
        }
    }
}

impl Clock for ShiftedClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now() + self.offset
    }
}

/// The clock the configuration asks for.
pub fn configured(start: Option<DateTime<Utc>>) -> Arc<dyn Clock> {
    match start {
        Some(start) => Arc::new(ShiftedClock::starting_at(start)),
        None => Arc::new(SystemClock),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shifted_clock_starts_where_it_is_told_and_runs_on() {
        let start: DateTime<Utc> = "2026-03-02T09:00:00Z".parse().unwrap();
        let clock = configured(Some(start));
        let first = clock.now();
        assert!((first - start).num_seconds().abs() < 5);
        assert!(clock.now() >= first);
    }
}
