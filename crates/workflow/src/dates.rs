//! The civil dates the service takes from people.
//!
//! A date a person types is a notice, a consultation, a due date or a reporting period of a
//! Compact's life: years 1 and 9999 are typing mistakes (or probes), and carried into the
//! working-day arithmetic they would only produce dates nobody can use. One range serves
//! every date the API and the pages accept.

use std::ops::RangeInclusive;

use chrono::{Datelike, NaiveDate};

/// The years a date may fall in: from before the first local Compacts to well beyond any
/// agreement's end.
pub const YEARS: RangeInclusive<i32> = 1990..=2199;

/// `date` if it falls in [`YEARS`]; otherwise what to tell the person.
pub fn plausible(date: NaiveDate) -> Result<NaiveDate, String> {
    if YEARS.contains(&date.year()) {
        Ok(date)
    } else {
        Err(format!(
            "must be a date from 1 January {} to 31 December {}",
            YEARS.start(),
            YEARS.end()
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_dates_of_a_compacts_life_are_taken() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert!(plausible(day(2026, 3, 2)).is_ok());
        assert!(plausible(day(1990, 1, 1)).is_ok());
        assert!(plausible(day(2199, 12, 31)).is_ok());
        for wrong in [
            day(1, 1, 1),
            day(9999, 12, 31),
            day(1989, 12, 31),
            day(2200, 1, 1),
        ] {
            assert_eq!(
                plausible(wrong).unwrap_err(),
                "must be a date from 1 January 1990 to 31 December 2199"
            );
        }
    }
}
