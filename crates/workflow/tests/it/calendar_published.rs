//! The shipped tables against GOV.UK's published bank holidays, and against the rules.
//!
//! `tests/data/gov-uk-bank-holidays.json` is GOV.UK's own feed for 2012 to 2028 (as kept by
//! the `govuk-bank-holidays` package, version 0.19), an independent record of what was
//! published, in its original format. That copy predates Scotland's one-off holiday of
//! 15 June 2026, proclaimed in February 2026, so its entry was added by hand with the date
//! the proclamation gives; the title is ours until the feed is next refreshed.

use std::collections::{BTreeSet, HashMap};

use chrono::{Datelike, NaiveDate};
use disputes_workflow::calendar::{Calendar, HolidaySource, Jurisdiction};
use serde::Deserialize;

#[derive(Deserialize)]
struct Division {
    events: Vec<Event>,
}

#[derive(Deserialize)]
struct Event {
    title: String,
    date: NaiveDate,
    notes: String,
}

fn published(jurisdiction: Jurisdiction) -> Vec<Event> {
    let mut feed: HashMap<String, Division> =
        serde_json::from_str(include_str!("../data/gov-uk-bank-holidays.json")).unwrap();
    let key = match jurisdiction {
        Jurisdiction::EnglandAndWales => "england-and-wales",
        Jurisdiction::Scotland => "scotland",
        Jurisdiction::NorthernIreland => "northern-ireland",
    };
    feed.remove(key).unwrap().events
}

#[test]
fn every_published_year_matches_the_feed_in_every_jurisdiction() {
    for jurisdiction in Jurisdiction::ALL {
        let calendar = Calendar::of(jurisdiction);
        let events = published(jurisdiction);
        let last = calendar.published_through();
        assert!(last >= 2028, "the table should be published through 2028");
        let (first, _) = calendar.table_years();
        assert!(first <= 2012, "the table should start by 2012");
        for year in first..=last {
            let expected: Vec<(NaiveDate, String, bool)> = events
                .iter()
                .filter(|e| e.date.year() == year)
                .map(|e| (e.date, e.title.clone(), e.notes == "Substitute day"))
                .collect();
            assert!(
                !expected.is_empty(),
                "{jurisdiction} {year}: feed has the year"
            );
            let shipped = calendar.holidays_in(year);
            assert_eq!(
                shipped.source,
                HolidaySource::Published,
                "{jurisdiction} {year}"
            );
            let actual: Vec<(NaiveDate, String, bool)> = shipped
                .holidays
                .iter()
                .map(|h| (h.date, h.name.to_string(), h.substitute))
                .collect();
            assert_eq!(actual, expected, "{jurisdiction} {year}");
            for (date, _, _) in &expected {
                assert!(!calendar.is_working_day(*date), "{jurisdiction} {date}");
            }
        }
    }
}

/// The one-off changes by proclamation: what the rules alone would have given, and what was
/// published instead.
fn one_offs(jurisdiction: Jurisdiction, year: i32) -> (BTreeSet<NaiveDate>, BTreeSet<NaiveDate>) {
    let d = |m, day| NaiveDate::from_ymd_opt(year, m, day).unwrap();
    match (jurisdiction, year) {
        // Spring bank holiday moved to Monday 4 June, the Diamond Jubilee on Tuesday 5 June.
        (_, 2012) => ([d(5, 28)].into(), [d(6, 4), d(6, 5)].into()),
        // Early May bank holiday moved to Friday 8 May for VE Day's 75th anniversary.
        (_, 2020) => ([d(5, 4)].into(), [d(5, 8)].into()),
        // Spring bank holiday moved to Thursday 2 June, Platinum Jubilee on Friday 3 June,
        // and the State Funeral of Queen Elizabeth II on Monday 19 September.
        (_, 2022) => ([d(5, 30)].into(), [d(6, 2), d(6, 3), d(9, 19)].into()),
        // The coronation of King Charles III, Monday 8 May.
        (_, 2023) => ([].into(), [d(5, 8)].into()),
        // Scotland's men's team at the FIFA World Cup, Monday 15 June.
        (Jurisdiction::Scotland, 2026) => ([].into(), [d(6, 15)].into()),
        _ => ([].into(), [].into()),
    }
}

#[test]
fn the_rules_give_the_table_except_for_the_one_off_days() {
    for jurisdiction in Jurisdiction::ALL {
        let calendar = Calendar::of(jurisdiction);
        let (first, last) = calendar.table_years();
        assert!(
            first <= 2012 && last >= 2030,
            "the table covers 2012 to 2030"
        );
        for year in first..=last {
            let table: BTreeSet<NaiveDate> = calendar
                .holidays_in(year)
                .holidays
                .iter()
                .map(|h| h.date)
                .collect();
            let rules: BTreeSet<NaiveDate> = calendar
                .rule_based_holidays_in(year)
                .iter()
                .map(|h| h.date)
                .collect();
            let (only_by_rule, only_published) = one_offs(jurisdiction, year);
            assert_eq!(
                rules.difference(&table).copied().collect::<BTreeSet<_>>(),
                only_by_rule,
                "{jurisdiction} {year}: days the rules give that the table does not"
            );
            assert_eq!(
                table.difference(&rules).copied().collect::<BTreeSet<_>>(),
                only_published,
                "{jurisdiction} {year}: days the table has that the rules do not"
            );
        }
    }
}

/// Every one-off bank holiday since 2012, with the jurisdictions that kept it.
const ONE_OFF_DAYS: [(&str, &str, &[Jurisdiction]); 6] = [
    ("2012-06-05", "Queen’s Diamond Jubilee", &Jurisdiction::ALL),
    (
        "2020-05-08",
        "Early May bank holiday (VE day)",
        &Jurisdiction::ALL,
    ),
    (
        "2022-06-03",
        "Platinum Jubilee bank holiday",
        &Jurisdiction::ALL,
    ),
    (
        "2022-09-19",
        "Bank Holiday for the State Funeral of Queen Elizabeth II",
        &Jurisdiction::ALL,
    ),
    (
        "2023-05-08",
        "Bank holiday for the coronation of King Charles III",
        &Jurisdiction::ALL,
    ),
    (
        "2026-06-15",
        "Bank holiday for Scotland’s participation in the FIFA World Cup",
        &[Jurisdiction::Scotland],
    ),
];

#[test]
fn every_one_off_day_since_2012_is_in_the_feed_and_kept_in_each_jurisdiction_that_had_it() {
    for (date, title, kept_in) in ONE_OFF_DAYS {
        let date: NaiveDate = date.parse().unwrap();
        for jurisdiction in Jurisdiction::ALL {
            let calendar = Calendar::of(jurisdiction);
            let published = published(jurisdiction)
                .into_iter()
                .find(|e| e.date == date)
                .map(|e| e.title);
            if kept_in.contains(&jurisdiction) {
                assert_eq!(published.as_deref(), Some(title), "{jurisdiction} {date}");
                let holiday = calendar.holiday_on(date);
                assert_eq!(
                    holiday.map(|h| h.name.into_owned()).as_deref(),
                    Some(title),
                    "{jurisdiction} {date}"
                );
                assert!(!calendar.is_working_day(date), "{jurisdiction} {date}");
            } else {
                assert_eq!(published, None, "{jurisdiction} {date}");
                assert!(calendar.is_working_day(date), "{jurisdiction} {date}");
            }
        }
    }
    // The days the moved holidays displaced were ordinary working days.
    let d = |s: &str| s.parse::<NaiveDate>().unwrap();
    for jurisdiction in Jurisdiction::ALL {
        let calendar = Calendar::of(jurisdiction);
        for displaced in ["2012-05-28", "2020-05-04", "2022-05-30"] {
            assert!(calendar.is_working_day(d(displaced)), "{jurisdiction}");
        }
    }
}

#[test]
fn jurisdictions_differ_where_the_law_does() {
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    let england = Calendar::of(Jurisdiction::EnglandAndWales);
    let scotland = Calendar::of(Jurisdiction::Scotland);
    let ireland = Calendar::of(Jurisdiction::NorthernIreland);
    // Easter Monday: not in Scotland.
    assert!(!england.is_working_day(d(2026, 4, 6)));
    assert!(scotland.is_working_day(d(2026, 4, 6)));
    // 2nd January and St Andrew's Day: Scotland only.
    assert!(!scotland.is_working_day(d(2026, 1, 2)));
    assert!(england.is_working_day(d(2026, 1, 2)));
    assert!(!scotland.is_working_day(d(2026, 11, 30)));
    // Summer bank holiday: first Monday of August in Scotland, last elsewhere.
    assert!(!scotland.is_working_day(d(2026, 8, 3)));
    assert!(england.is_working_day(d(2026, 8, 3)));
    assert!(!england.is_working_day(d(2026, 8, 31)));
    // St Patrick's Day, and the Boyne on its substitute Monday in 2026.
    assert!(!ireland.is_working_day(d(2026, 3, 17)));
    assert!(!ireland.is_working_day(d(2026, 7, 13)));
    assert!(england.is_working_day(d(2026, 7, 13)));
}

#[test]
fn beyond_the_table_the_rules_take_over_with_a_warning() {
    let calendar = Calendar::of(Jurisdiction::EnglandAndWales);
    let year = calendar.holidays_in(2031);
    assert_eq!(year.source, HolidaySource::Computed);
    assert_eq!(year.holidays, calendar.rule_based_holidays_in(2031));
    assert_eq!(year.holidays.len(), 8);
    // Before the table too.
    assert_eq!(calendar.holidays_in(2010).source, HolidaySource::Computed);
    assert_eq!(calendar.holidays_in(2012).source, HolidaySource::Published);
    let result = calendar
        .add_working_days(NaiveDate::from_ymd_opt(2031, 4, 10).unwrap(), 3)
        .unwrap();
    assert!(result.estimated);
    // Good Friday 11 April and Easter Monday 14 April 2031 are skipped.
    assert_eq!(result.due_on, NaiveDate::from_ymd_opt(2031, 4, 17).unwrap());
}
