//! The shape of a shipped bank-holiday table, built at compile time.

use chrono::{Datelike, NaiveDate};

/// One jurisdiction's shipped bank holidays, sorted by date.
#[derive(Debug)]
pub(super) struct Table {
    pub(super) version: &'static str,
    pub(super) first_year: i32,
    pub(super) last_year: i32,
    /// Years after this one are projections, not yet published by GOV.UK.
    pub(super) published_through: i32,
    pub(super) days: &'static [TableDay],
}

/// A bank holiday as the table lists it.
#[derive(Debug, Clone, Copy)]
pub(super) struct TableDay {
    pub(super) date: NaiveDate,
    pub(super) name: &'static str,
    pub(super) substitute: bool,
}

impl Table {
    /// The table's days within one year (empty when the year is outside the table).
    pub(super) fn year(&self, year: i32) -> &'static [TableDay] {
        let start = self.days.partition_point(|d| d.date.year() < year);
        let end = self.days.partition_point(|d| d.date.year() <= year);
        &self.days[start..end]
    }

    pub(super) fn covers(&self, year: i32) -> bool {
        (self.first_year..=self.last_year).contains(&year)
    }
}

/// A regular bank holiday; an impossible date fails the build.
#[allow(clippy::panic)]
pub(super) const fn day(year: i32, month: u32, day: u32, name: &'static str) -> TableDay {
    match NaiveDate::from_ymd_opt(year, month, day) {
        Some(date) => TableDay {
            date,
            name,
            substitute: false,
        },
        None => panic!("impossible date in a bank-holiday table"),
    }
}

/// A substitute day, standing in for a holiday that fell on a weekend.
pub(super) const fn sub(year: i32, month: u32, d: u32, name: &'static str) -> TableDay {
    let mut entry = day(year, month, d, name);
    entry.substitute = true;
    entry
}
