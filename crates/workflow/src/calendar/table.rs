//! The shape of a shipped bank-holiday table, built at compile time.
//!
//! A table lists every day any release of the tables has held. Each day says in which release
//! it first appeared and, if a later one dropped it, in which it was withdrawn, so that the
//! holidays of every release stay readable for ever: a deadline counted under release N is
//! counted again under N, whatever has shipped since.

use chrono::{Datelike, NaiveDate};

/// What one release of the tables covers, the same for every jurisdiction.
#[derive(Debug)]
pub(super) struct ReleaseInfo {
    /// Its name, recorded with every date counted under it (`2026.2`).
    pub(super) name: &'static str,
    /// The first and last years it lists; outside them the rules compute the holidays.
    pub(super) first_year: i32,
    pub(super) last_year: i32,
    /// Years after this one are projections, not yet published by GOV.UK.
    pub(super) published_through: i32,
}

impl ReleaseInfo {
    pub(super) fn covers(&self, year: i32) -> bool {
        (self.first_year..=self.last_year).contains(&year)
    }
}

/// One jurisdiction's shipped bank holidays over all releases, sorted by date.
#[derive(Debug)]
pub(super) struct Table {
    pub(super) days: &'static [TableDay],
}

/// A bank holiday as the table lists it.
#[derive(Debug, Clone, Copy)]
pub(super) struct TableDay {
    pub(super) date: NaiveDate,
    pub(super) name: &'static str,
    pub(super) substitute: bool,
    /// The index of the first release that lists it.
    added_in: usize,
    /// The index of the first release that no longer lists it, if any.
    withdrawn_in: Option<usize>,
}

impl TableDay {
    /// The same day, first listed by the release at `index` (a one-off holiday proclaimed
    /// after earlier releases shipped).
    pub(super) const fn added_in(mut self, index: usize) -> TableDay {
        self.added_in = index;
        self
    }

    /// The same day, dropped from the release at `index` on (a projected day that the
    /// published year replaced).
    #[cfg_attr(not(test), allow(dead_code))]
    pub(super) const fn withdrawn_in(mut self, index: usize) -> TableDay {
        self.withdrawn_in = Some(index);
        self
    }

    /// Whether the release at `index` lists this day.
    pub(super) fn in_release(&self, index: usize) -> bool {
        self.added_in <= index && self.withdrawn_in.is_none_or(|w| index < w)
    }
}

impl Table {
    /// The table's days within one year, in every release (empty when it lists none).
    pub(super) fn year(&self, year: i32) -> &'static [TableDay] {
        let start = self.days.partition_point(|d| d.date.year() < year);
        let end = self.days.partition_point(|d| d.date.year() <= year);
        &self.days[start..end]
    }
}

/// A regular bank holiday, in every release; an impossible date fails the build.
#[allow(clippy::panic)]
pub(super) const fn day(year: i32, month: u32, day: u32, name: &'static str) -> TableDay {
    match NaiveDate::from_ymd_opt(year, month, day) {
        Some(date) => TableDay {
            date,
            name,
            substitute: false,
            added_in: 0,
            withdrawn_in: None,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_belongs_to_the_releases_from_its_addition_to_its_withdrawal() {
        let always = day(2029, 5, 7, "Early May bank holiday");
        let proclaimed = day(2026, 6, 15, "One-off").added_in(1);
        let projected = day(2029, 5, 28, "Spring bank holiday").withdrawn_in(2);
        let moved = day(2029, 6, 4, "Spring bank holiday").added_in(2);
        assert!((0..4).all(|r| always.in_release(r)));
        assert!(!proclaimed.in_release(0));
        assert!((1..4).all(|r| proclaimed.in_release(r)));
        assert!(projected.in_release(0) && projected.in_release(1));
        assert!(!projected.in_release(2) && !projected.in_release(3));
        assert!(!moved.in_release(1) && moved.in_release(2));
    }
}
