//! Working days: Monday to Friday, except the bank holidays of the Compact's jurisdiction.
//!
//! Every deadline in a case is counted in working days. Holidays come from a table shipped
//! with the product (the `tables` module, transcribed from GOV.UK); beyond the years it has
//! published, the standard rules compute them and the result says it is an estimate,
//! because one-off days (a jubilee, a state funeral) cannot be foreseen.
//!
//! The tables change when a one-off day is proclaimed, so they come in [`Release`]s, and
//! every release stays readable: each date is recorded with the [`CalendarVersion`] it was
//! counted under, and counting again under that version gives the same date whatever has
//! shipped since.

mod rules;
mod table;
mod tables;

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use table::{ReleaseInfo, Table};

/// Whether a calculated date can be written as an ISO 8601 date without a sign (years 1 to
/// 9999), the form every answer and stored record uses: one beyond is out of range.
pub fn is_writable(date: NaiveDate) -> bool {
    (1..=9999).contains(&date.year())
}

/// The most working days one calculation may count (about forty years): a bound on work
/// for requests that name absurd periods.
pub const MAX_WORKING_DAYS: u32 = 10_000;

/// Whose bank holidays apply. A Compact chooses one in its settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Jurisdiction {
    /// England and Wales share one list of bank holidays.
    #[default]
    EnglandAndWales,
    /// Scotland: 2nd January, St Andrew's Day, summer holiday in early August, no Easter Monday.
    Scotland,
    /// Northern Ireland: St Patrick's Day and the Battle of the Boyne as well.
    NorthernIreland,
}

impl Jurisdiction {
    /// Every jurisdiction, for settings validation and tests.
    pub const ALL: [Jurisdiction; 3] = [
        Jurisdiction::EnglandAndWales,
        Jurisdiction::Scotland,
        Jurisdiction::NorthernIreland,
    ];

    /// The configuration spelling (`england_and_wales`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Jurisdiction::EnglandAndWales => "england_and_wales",
            Jurisdiction::Scotland => "scotland",
            Jurisdiction::NorthernIreland => "northern_ireland",
        }
    }
}

impl FromStr for Jurisdiction {
    type Err = UnknownCalendar;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Jurisdiction::ALL
            .into_iter()
            .find(|j| j.as_str() == s)
            .ok_or_else(|| UnknownCalendar(s.to_owned()))
    }
}

impl fmt::Display for Jurisdiction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A bank holiday.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holiday {
    /// The day off (a weekday).
    pub date: NaiveDate,
    /// Its name as GOV.UK gives it, e.g. "Easter Monday".
    pub name: Cow<'static, str>,
    /// Whether it stands in for a holiday that fell on a weekend.
    pub substitute: bool,
}

impl Holiday {
    fn regular(date: NaiveDate, name: &'static str) -> Self {
        Holiday {
            date,
            name: Cow::Borrowed(name),
            substitute: false,
        }
    }

    fn substitute(date: NaiveDate, name: &'static str) -> Self {
        Holiday {
            date,
            name: Cow::Borrowed(name),
            substitute: true,
        }
    }
}

impl fmt::Display for Holiday {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.name, long_date(self.date))?;
        if self.substitute {
            f.write_str(", a substitute day")?;
        }
        Ok(())
    }
}

/// Where a year's holidays come from, from most to least certain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HolidaySource {
    /// Published by GOV.UK and shipped in the table.
    Published,
    /// In the shipped table, but projected by the standard rules until GOV.UK publishes it.
    Projected,
    /// Outside the table: computed by the standard rules at the time of asking.
    Computed,
}

impl HolidaySource {
    /// Whether holidays from this source may still change.
    pub fn is_estimate(self) -> bool {
        self != HolidaySource::Published
    }
}

/// One year's bank holidays, with where they came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HolidayYear {
    /// The holidays, in date order.
    pub holidays: Vec<Holiday>,
    /// Whether they are published, projected or computed.
    pub source: HolidaySource,
}

/// The result of counting working days forward from a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkingDays {
    /// The last of the counted working days.
    pub due_on: NaiveDate,
    /// Weekday bank holidays passed over on the way, in date order.
    pub holidays_skipped: Vec<Holiday>,
    /// Set when any counted day lies in a year whose holidays are not yet published, so the
    /// date may move if a one-off bank holiday is announced.
    pub estimated: bool,
}

/// Why a working-day calculation could not be done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    /// The period asked for is longer than [`MAX_WORKING_DAYS`].
    #[error("at most {MAX_WORKING_DAYS} working days can be counted")]
    TooManyDays,
    /// The result would fall outside the dates the calendar can represent.
    #[error("the date is outside the range the calendar can represent")]
    OutOfRange,
}

/// A release of the shipped holiday tables, such as `2026.2`. Each event records the release
/// it was decided under, so replaying it counts every date as it was counted then.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Release(usize);

impl Release {
    /// The first release: the one every event recorded before releases were named was
    /// decided under.
    pub const FIRST: Release = Release(0);
    /// The release in force: what every new date is counted under.
    pub const CURRENT: Release = Release(tables::RELEASE_COUNT - 1);

    /// Every release, oldest first.
    pub fn all() -> impl Iterator<Item = Release> {
        (0..tables::RELEASE_COUNT).map(Release)
    }

    /// Its name, as records carry it.
    pub fn name(self) -> &'static str {
        self.info().name
    }

    /// The release named `name`.
    pub fn named(name: &str) -> Result<Release, UnknownCalendar> {
        Release::all()
            .find(|r| r.name() == name)
            .ok_or_else(|| UnknownCalendar(name.to_owned()))
    }

    fn info(self) -> &'static ReleaseInfo {
        &tables::RELEASES[self.0]
    }

    /// What events that do not name a release were decided under.
    pub fn first() -> Release {
        Release::FIRST
    }
}

impl fmt::Display for Release {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A calendar name that no release of this build knows: a record written by a newer one,
/// or a damaged one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown calendar `{0}`: not a release this version of the service ships")]
pub struct UnknownCalendar(String);

/// One jurisdiction's calendar under one release, as a deadline records it:
/// `scotland/2026.2`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CalendarVersion {
    /// Whose holidays.
    pub jurisdiction: Jurisdiction,
    /// Which release of the tables.
    pub release: Release,
}

impl CalendarVersion {
    /// The calendar itself, to count with.
    pub fn calendar(self) -> Calendar {
        Calendar::at(self.jurisdiction, self.release)
    }
}

impl fmt::Display for CalendarVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.jurisdiction, self.release)
    }
}

impl FromStr for CalendarVersion {
    type Err = UnknownCalendar;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (jurisdiction, release) = s
            .split_once('/')
            .ok_or_else(|| UnknownCalendar(s.to_owned()))?;
        Ok(CalendarVersion {
            jurisdiction: jurisdiction.parse()?,
            release: Release::named(release)?,
        })
    }
}

/// Releases and calendar versions travel as their names.
macro_rules! serde_by_name {
    ($type:ty, $parse:expr) => {
        impl Serialize for $type {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }

        impl<'de> Deserialize<'de> for $type {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let name = Cow::<str>::deserialize(d)?;
                $parse(&name).map_err(serde::de::Error::custom)
            }
        }
    };
}

serde_by_name!(Release, Release::named);
serde_by_name!(CalendarVersion, str::parse::<CalendarVersion>);

/// The working-day calendar of one jurisdiction under one release of the tables.
#[derive(Debug, Clone, Copy)]
pub struct Calendar {
    jurisdiction: Jurisdiction,
    release: Release,
    table: &'static Table,
}

impl Calendar {
    /// The calendar of `jurisdiction` in force: the latest release.
    pub fn of(jurisdiction: Jurisdiction) -> Calendar {
        Calendar::at(jurisdiction, Release::CURRENT)
    }

    /// The calendar of `jurisdiction` as `release` shipped it.
    pub fn at(jurisdiction: Jurisdiction, release: Release) -> Calendar {
        let table = match jurisdiction {
            Jurisdiction::EnglandAndWales => &tables::ENGLAND_AND_WALES,
            Jurisdiction::Scotland => &tables::SCOTLAND,
            Jurisdiction::NorthernIreland => &tables::NORTHERN_IRELAND,
        };
        Calendar {
            jurisdiction,
            release,
            table,
        }
    }

    /// Whose holidays these are.
    pub fn jurisdiction(&self) -> Jurisdiction {
        self.jurisdiction
    }

    /// Which calendar this is, recorded with each date counted with it so that the date can
    /// be counted again exactly (e.g. `england_and_wales/2026.2`).
    pub fn version(&self) -> CalendarVersion {
        CalendarVersion {
            jurisdiction: self.jurisdiction,
            release: self.release,
        }
    }

    /// The first and last years the release's table lists.
    pub fn table_years(&self) -> (i32, i32) {
        let info = self.release.info();
        (info.first_year, info.last_year)
    }

    /// The last year whose holidays GOV.UK had published when the release was made.
    pub fn published_through(&self) -> i32 {
        self.release.info().published_through
    }

    /// Where holidays for `year` come from.
    pub fn source(&self, year: i32) -> HolidaySource {
        let info = self.release.info();
        if !info.covers(year) {
            HolidaySource::Computed
        } else if year > info.published_through {
            HolidaySource::Projected
        } else {
            HolidaySource::Published
        }
    }

    /// The bank holidays of `year`, in date order.
    pub fn holidays_in(&self, year: i32) -> HolidayYear {
        let source = self.source(year);
        let holidays = if self.release.info().covers(year) {
            self.table
                .year(year)
                .iter()
                .filter(|d| d.in_release(self.release.0))
                .map(|d| Holiday {
                    date: d.date,
                    name: Cow::Borrowed(d.name),
                    substitute: d.substitute,
                })
                .collect()
        } else {
            rules::computed_year(self.jurisdiction, year)
        };
        HolidayYear { holidays, source }
    }

    /// What the standard rules alone give for `year`, ignoring the table: the fallback used
    /// beyond the table, exposed so it can be compared with the published years.
    pub fn rule_based_holidays_in(&self, year: i32) -> Vec<Holiday> {
        rules::computed_year(self.jurisdiction, year)
    }

    /// The bank holiday on `date`, if there is one.
    pub fn holiday_on(&self, date: NaiveDate) -> Option<Holiday> {
        self.holidays_in(date.year())
            .holidays
            .into_iter()
            .find(|h| h.date == date)
    }

    /// Whether `date` is a working day: a weekday that is not a bank holiday.
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        !is_weekend(date) && self.holiday_on(date).is_none()
    }

    /// The `days`-th working day after `from` (the day `from` itself is day 0, whatever it
    /// is), with the holidays passed over on the way.
    pub fn add_working_days(
        &self,
        from: NaiveDate,
        days: u32,
    ) -> Result<WorkingDays, CalendarError> {
        self.count(from, days, NaiveDate::succ_opt)
    }

    /// The date `days` working days before `date` (for reminders ahead of a deadline).
    pub fn working_days_before(
        &self,
        date: NaiveDate,
        days: u32,
    ) -> Result<NaiveDate, CalendarError> {
        self.count(date, days, NaiveDate::pred_opt)
            .map(|w| w.due_on)
    }

    /// Walks from `from` one day at a time with `step` until `days` working days are counted.
    fn count(
        &self,
        from: NaiveDate,
        days: u32,
        step: fn(&NaiveDate) -> Option<NaiveDate>,
    ) -> Result<WorkingDays, CalendarError> {
        if days > MAX_WORKING_DAYS {
            return Err(CalendarError::TooManyDays);
        }
        let mut walk = Walk::new(*self);
        let mut date = from;
        let mut counted = 0;
        let mut holidays_skipped = Vec::new();
        let mut estimated = false;
        while counted < days {
            date = step(&date)
                .filter(|d| is_writable(*d))
                .ok_or(CalendarError::OutOfRange)?;
            if is_weekend(date) {
                continue;
            }
            estimated |= self.source(date.year()).is_estimate();
            match walk.holiday_on(date) {
                Some(holiday) => holidays_skipped.push(holiday),
                None => counted += 1,
            }
        }
        Ok(WorkingDays {
            due_on: date,
            holidays_skipped,
            estimated,
        })
    }

    /// The first working day after `date` (when an overdue notice goes out).
    pub fn next_working_day_after(&self, date: NaiveDate) -> Result<NaiveDate, CalendarError> {
        self.add_working_days(date, 1).map(|w| w.due_on)
    }

    /// How many working days fall after `from` up to and including `to` (0 when `to` is not
    /// after `from`): the working days a pause lasted.
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> u32 {
        let mut walk = Walk::new(*self);
        let mut count = 0;
        let mut day = from;
        while day < to {
            let Some(next) = day.succ_opt() else { break };
            day = next;
            if !is_weekend(day) && walk.holiday_on(day).is_none() {
                count += 1;
            }
        }
        count
    }
}

/// Walks through dates in order, keeping the current year's holidays at hand.
struct Walk {
    calendar: Calendar,
    year: Option<i32>,
    holidays: Vec<Holiday>,
}

impl Walk {
    fn new(calendar: Calendar) -> Self {
        Walk {
            calendar,
            year: None,
            holidays: Vec::new(),
        }
    }

    fn holiday_on(&mut self, date: NaiveDate) -> Option<Holiday> {
        if self.year != Some(date.year()) {
            self.year = Some(date.year());
            self.holidays = self.calendar.holidays_in(date.year()).holidays;
        }
        self.holidays.iter().find(|h| h.date == date).cloned()
    }
}

fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// A date as people read it in a letter: "Monday 2 March 2026".
pub fn long_date(date: NaiveDate) -> String {
    date.format("%A %-d %B %Y").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_saturday_counts_like_the_friday_before() {
        let cal = Calendar::of(Jurisdiction::EnglandAndWales);
        let friday = cal.add_working_days(d(2026, 3, 6), 5).unwrap();
        let saturday = cal.add_working_days(d(2026, 3, 7), 5).unwrap();
        assert_eq!(friday.due_on, d(2026, 3, 13));
        assert_eq!(saturday.due_on, d(2026, 3, 13));
    }

    #[test]
    fn easter_is_skipped_in_england_but_easter_monday_is_worked_in_scotland() {
        // Thursday 2 April 2026; Good Friday 3 April, Easter Monday 6 April.
        let england = Calendar::of(Jurisdiction::EnglandAndWales)
            .add_working_days(d(2026, 4, 2), 5)
            .unwrap();
        assert_eq!(england.due_on, d(2026, 4, 13));
        let names: Vec<_> = england.holidays_skipped.iter().map(|h| &h.name).collect();
        assert_eq!(names, ["Good Friday", "Easter Monday"]);

        let scotland = Calendar::of(Jurisdiction::Scotland)
            .add_working_days(d(2026, 4, 2), 5)
            .unwrap();
        assert_eq!(scotland.due_on, d(2026, 4, 10));
        assert_eq!(scotland.holidays_skipped.len(), 1);
    }

    #[test]
    fn counting_over_christmas_skips_the_substitute_day() {
        // Christmas 2026 is a Friday; Boxing Day (Saturday) is kept on Monday 28th.
        let w = Calendar::of(Jurisdiction::EnglandAndWales)
            .add_working_days(d(2026, 12, 24), 2)
            .unwrap();
        assert_eq!(w.due_on, d(2026, 12, 30));
        assert_eq!(w.holidays_skipped.len(), 2);
        assert!(w.holidays_skipped[1].substitute);
        assert!(!w.estimated);
    }

    #[test]
    fn zero_days_is_the_start_date() {
        let cal = Calendar::of(Jurisdiction::EnglandAndWales);
        assert_eq!(
            cal.add_working_days(d(2026, 3, 7), 0).unwrap().due_on,
            d(2026, 3, 7)
        );
    }

    #[test]
    fn beyond_the_published_years_the_result_is_an_estimate() {
        let cal = Calendar::of(Jurisdiction::EnglandAndWales);
        assert!(cal.add_working_days(d(2029, 3, 1), 5).unwrap().estimated);
        assert!(cal.add_working_days(d(2040, 3, 1), 5).unwrap().estimated);
        assert_eq!(cal.source(2040), HolidaySource::Computed);
        assert_eq!(cal.source(2029), HolidaySource::Projected);
        assert_eq!(cal.source(2026), HolidaySource::Published);
        // Good Friday 2040 is 30 March; computed, it is still skipped.
        let w = cal.add_working_days(d(2040, 3, 29), 1).unwrap();
        assert_eq!(w.due_on, d(2040, 4, 3));
    }

    #[test]
    fn working_days_before_and_after_skip_holidays() {
        let cal = Calendar::of(Jurisdiction::EnglandAndWales);
        // Two working days before Tuesday 7 April 2026 (Easter Monday the 6th, Good Friday the 3rd).
        assert_eq!(
            cal.working_days_before(d(2026, 4, 7), 2).unwrap(),
            d(2026, 4, 1)
        );
        assert_eq!(
            cal.next_working_day_after(d(2026, 4, 2)).unwrap(),
            d(2026, 4, 7)
        );
    }

    #[test]
    fn working_days_between_counts_the_later_end_only() {
        let cal = Calendar::of(Jurisdiction::EnglandAndWales);
        assert_eq!(cal.working_days_between(d(2026, 3, 2), d(2026, 3, 2)), 0);
        assert_eq!(cal.working_days_between(d(2026, 3, 2), d(2026, 3, 4)), 2);
        assert_eq!(cal.working_days_between(d(2026, 3, 6), d(2026, 3, 9)), 1);
        assert_eq!(cal.working_days_between(d(2026, 3, 9), d(2026, 3, 2)), 0);
        // Over Easter 2026: Thursday 2 to Tuesday 7 April is one working day.
        assert_eq!(cal.working_days_between(d(2026, 4, 2), d(2026, 4, 7)), 1);
    }

    #[test]
    fn absurd_requests_are_refused_not_looped() {
        let cal = Calendar::of(Jurisdiction::EnglandAndWales);
        assert_eq!(
            cal.add_working_days(d(2026, 1, 1), MAX_WORKING_DAYS + 1),
            Err(CalendarError::TooManyDays)
        );
        assert_eq!(
            cal.add_working_days(NaiveDate::MAX, 1),
            Err(CalendarError::OutOfRange)
        );
        assert_eq!(
            cal.working_days_before(NaiveDate::MIN, 1),
            Err(CalendarError::OutOfRange)
        );
        assert_eq!(
            cal.add_working_days(d(9999, 12, 31), 1),
            Err(CalendarError::OutOfRange)
        );
    }

    #[test]
    fn version_names_the_jurisdiction_and_release_and_reads_back() {
        let version = Calendar::of(Jurisdiction::Scotland).version();
        assert_eq!(
            version.to_string(),
            format!("scotland/{}", Release::CURRENT)
        );
        assert_eq!(version.to_string().parse::<CalendarVersion>(), Ok(version));
        let first: CalendarVersion = "england_and_wales/2026.1".parse().unwrap();
        assert_eq!(first.release, Release::FIRST);
        assert_eq!(
            serde_json::to_string(&first).unwrap(),
            r#""england_and_wales/2026.1""#
        );
        for unknown in ["scotland/2099.9", "wales/2026.1", "2026.1", ""] {
            assert!(unknown.parse::<CalendarVersion>().is_err(), "{unknown}");
        }
        assert!(serde_json::from_str::<Release>(r#""1999.1""#).is_err());
    }

    #[test]
    fn long_dates_read_like_a_letter() {
        assert_eq!(long_date(d(2026, 3, 2)), "Monday 2 March 2026");
    }
}
